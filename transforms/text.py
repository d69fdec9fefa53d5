"""Text basics shared by the tagger, language ID and emerging phrases.

Everything here works with no NLTK data downloaded:

- ``tokenizer``: NLTK's ``RegexpTokenizer`` over one trusted pattern (words,
  numbers apart from letters, clause punctuation). The pattern is ours, so it
  is compiled with the standard ``re`` module instead of going through
  ``nltk.redos`` and its per-call timeout, which costs 2-3x (FIELD-NOTES).
- ``stem``: NLTK's Snowball stemmer per language, memoised per word (stemming
  without a cache is 5-10x slower).
- ``stopwords``: from NLTK's stopwords corpus where it happens to be installed,
  else from the ``stop-words`` package. Never strip them before cue matching:
  they contain negations and theme words.
- ``strip_quoted``: removes quoted earlier posts (``> ...`` lines,
  ``[quote]...[/quote]`` blocks) so a reply is not tagged for what it quotes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

#: Languages the tagger knows, and the Snowball stemmer each uses (nynorsk has none of its own).
STEMMER_NAMES: dict[str, str] = {
    "nb": "norwegian",
    "nn": "norwegian",
    "da": "danish",
    "sv": "swedish",
    "en": "english",
}
LANGUAGES: tuple[str, ...] = tuple(STEMMER_NAMES)

#: Words (letters, inner hyphens/apostrophes), numbers (kept apart from letters:
#: "3dagar" -> "3", "dagar"), and the punctuation that ends clauses or sentences.
TOKEN_PATTERN = (
    r"\d+(?:[.,:]\d+)*"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|[.!?…]+|[,;:()]"
)
WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
PUNCTUATION = frozenset(".!?…,;:()")


class FastRegexpTokenizer(RegexpTokenizer):
    """NLTK's RegexpTokenizer, with our own trusted pattern compiled by ``re``."""

    def _check_regexp(self) -> None:
        if self._regexp is None:
            self._regexp = re.compile(self._pattern, self._flags)


tokenizer = FastRegexpTokenizer(TOKEN_PATTERN)
_findall = re.compile(TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL).findall
_count_words = WORD_PATTERN.findall


def tokenize(lowered: str) -> list[str]:
    """Tokens of already lowercased text (same result as ``tokenizer.tokenize``)."""
    return _findall(lowered)


def count_words(text: str) -> int:
    """Number of word and number tokens (``n_tokens`` of a tagged document)."""
    return len(_count_words(text))


#: A typographic apostrophe inside a word ("don’t", "it’s"): written as "'" for the tagger,
#: whose cues, negators and marker words spell it so.
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W_])[’ʼ](?=[^\W_])")


def normalise(text: str) -> str:
    """NFC, one apostrophe inside words, one kind of space and line break: what the tagger reads."""
    text = unicodedata.normalize("NFC", text)
    if "’" in text or "ʼ" in text:
        text = _INNER_APOSTROPHE.sub("'", text)
    if "\u00a0" in text or "\u2009" in text or "\u202f" in text:
        text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_QUOTE_BLOCK = re.compile(r"\[quote(?:[=\s][^\]]*)?\].*?\[/quote\]", re.IGNORECASE | re.DOTALL)
_QUOTE_LINE = re.compile(r"^[ \t]*(?:>|&gt;).*(?:\n|$)", re.MULTILINE)


def strip_quoted(text: str) -> str:
    """Remove quoted earlier posts: ``[quote]`` blocks and e-mail style ``>`` lines."""
    if "[" in text and "quote" in text.lower():
        text = _QUOTE_BLOCK.sub("\n", text)
    if ">" in text:
        text = _QUOTE_LINE.sub("", text)
    return text


class CachedStemmer:
    """A Snowball stemmer with a bounded memo (words are Zipf-distributed: hit rates are high)."""

    __slots__ = ("_cache", "_limit", "_stem", "language")

    def __init__(self, language: str, limit: int = 200_000) -> None:
        self.language = language
        self._stem = SnowballStemmer(STEMMER_NAMES[language]).stem
        self._cache: dict[str, str] = {}
        self._limit = limit

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            if len(self._cache) >= self._limit:
                self._cache.clear()
            stem = self._cache[word] = self._stem(word)
        return stem

    def stem_all(self, words: list[str]) -> list[str]:
        """The stems of ``words``, with the memo's hits looked up without a call per word."""
        get = self._cache.get
        return [get(word) or self(word) for word in words]


@cache
def stemmer(language: str) -> CachedStemmer:
    """The cached stemmer of a language code (nb, nn, da, sv, en)."""
    if language not in STEMMER_NAMES:
        raise ValueError(f"no stemmer for language {language!r}; known: {', '.join(LANGUAGES)}")
    return CachedStemmer(language)


def stem(word: str, language: str) -> str:
    return stemmer(language)(word)


_STOPWORD_PACKAGE_NAMES = STEMMER_NAMES

#: Nynorsk forms missing from the Norwegian lists.
_NYNORSK_EXTRA = [
    "eg", "ein", "eit", "ikkje", "kva", "korleis", "kvifor", "kven", "berre", "frå", "noko",
    "nokon", "mykje", "dei", "ho", "vere", "vore", "òg", "og", "sjølv", "me", "no", "heile",
    "fekk", "seier", "kome",
]


@cache
def stopwords(language: str) -> frozenset[str]:
    """Stopwords of a language: NLTK's corpus where installed, else the ``stop-words`` package."""
    name = _STOPWORD_PACKAGE_NAMES.get(language)
    if name is None:
        return frozenset()
    words: set[str] = set()
    try:
        from nltk.corpus import stopwords as nltk_stopwords

        words.update(nltk_stopwords.words(name))
    except LookupError:
        from stop_words import get_stop_words

        words.update(get_stop_words(name))
    if language == "nn":
        words.update(_NYNORSK_EXTRA)
    return frozenset(w.lower() for w in words)
