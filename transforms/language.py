"""Language identification per document: nb, nn, da, sv, en, or "other".

Two kinds of evidence, combined:

1. Marker words (``data/language_markers.yaml``): frequent words that only one
   or two of the five languages write that way ("ikkje", "hvad", "och", "the").
   When they are clear the answer is taken from them alone: cheap, and on the
   posts where they are clear they are also right.
2. lingua (``lingua-language-detector``), whose models ship inside the wheel,
   restricted to the five languages. It is asked only when the markers are
   not clear, and its confidences are combined with the markers and with the
   source's language hint (a prior, not the truth: a Danish post on a
   Norwegian forum is still Danish when the text says so).

"other" is returned for text written mostly in a non-Latin script; for text
that a wider lingua model assigns to another language, asked where the five
languages' markers are nearly absent or outnumbered by frequent words of other
languages ("und", "niet", "avec", listed under ``other`` in the marker file:
German shares "was", "man" and "er" with the five, so their markers alone do
not rule it out); and for text without letters when no hint is given.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

LANGUAGES: tuple[str, ...] = ("nb", "nn", "da", "sv", "en")
OTHER = "other"
MARKERS_FILE = Path(__file__).resolve().parent / "data" / "language_markers.yaml"

#: Words looked at for markers (the start of a long post says enough).
MAX_WORDS = 120
#: Marker decision without lingua: the best language needs this score ...
CLEAR_MIN_SCORE = 3.0
#: ... and this many times the runner-up's score (with the hint: HINTED_* below).
CLEAR_RATIO = 3.0
HINTED_MIN_SCORE = 1.5
HINTED_RATIO = 2.0
#: Weights when lingua is asked: log-confidence + MARKER_WEIGHT * markers + HINT_BONUS.
MARKER_WEIGHT = 0.6
HINT_BONUS = 1.2
#: The wide model is asked about text of at least OTHER_MIN_WORDS words whose best language
#: has fewer marker points than this, or fewer than its words of other languages.
OTHER_MAX_MARKERS = 1.0
OTHER_MIN_WORDS = 4
#: Letters of scripts the five languages are not written in (beyond Latin Extended-B).
_FOREIGN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f]")

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    confidence: float
    method: str  # "markers" | "lingua" | "script" | "hint" | "none"


@cache
def marker_table() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((lang, weight), ...); a word of n languages weighs 1/n for each.

    Words listed under ``other`` (frequent in languages outside the five) map to OTHER.
    """
    data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    for lang, words in data.items():
        for word in words:
            owners.setdefault(str(word).lower(), set()).add(lang)
    return {
        word: tuple((lang, 1.0 / len(langs)) for lang in sorted(langs))
        for word, langs in owners.items()
        if len(langs) <= 2
    }


def marker_scores(text: str) -> tuple[dict[str, float], int]:
    """Marker score per language (and OTHER: words of other languages) and the number of
    words looked at."""
    table = marker_table()
    scores = dict.fromkeys((*LANGUAGES, OTHER), 0.0)
    words = _WORDS.findall(text.lower(), 0, 4000)[:MAX_WORDS]
    for word in words:
        hit = table.get(word)
        if hit:
            for lang, weight in hit:
                scores[lang] += weight
    return scores, len(words)


def _mostly_foreign_script(text: str) -> bool:
    """Are most of the letters of a script none of the five languages use (kana, Cyrillic, ...)?"""
    sample = text[:4000]
    foreign = len(_FOREIGN_LETTER.findall(sample))
    return foreign > 0 and 2 * foreign > sum(1 for ch in sample if ch.isalpha())


class LanguageIdentifier:
    """Markers first, lingua when they are unclear, the hint as a prior."""

    def __init__(self) -> None:
        self._five = None
        self._wide = None

    def _lingua_five(self):
        if self._five is None:
            from lingua import Language, LanguageDetectorBuilder

            self._five = LanguageDetectorBuilder.from_languages(
                Language.BOKMAL, Language.NYNORSK, Language.DANISH, Language.SWEDISH, Language.ENGLISH
            ).with_preloaded_language_models().build()
        return self._five

    def _lingua_wide(self):
        if self._wide is None:
            from lingua import Language, LanguageDetectorBuilder

            self._wide = LanguageDetectorBuilder.from_languages(
                Language.BOKMAL, Language.NYNORSK, Language.DANISH, Language.SWEDISH,
                Language.ENGLISH, Language.GERMAN, Language.DUTCH, Language.FRENCH,
                Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.FINNISH,
                Language.POLISH, Language.ICELANDIC, Language.ESTONIAN, Language.RUSSIAN,
                Language.TURKISH, Language.ARABIC,
            ).build()
        return self._wide

    def lingua_confidences(self, text: str) -> dict[str, float]:
        values = self._lingua_five().compute_language_confidence_values(text)
        return {v.language.iso_code_639_1.name.lower(): v.value for v in values}

    def _is_other(self, text: str) -> bool:
        found = self._lingua_wide().detect_language_of(text)
        return found is not None and found.iso_code_639_1.name.lower() not in LANGUAGES

    def identify(self, text: str, hint: str | None = None) -> LanguageGuess:
        hint = hint if hint in LANGUAGES else None
        scores, n_words = marker_scores(text)
        if n_words == 0:
            return LanguageGuess(hint, 1.0, "hint") if hint else LanguageGuess(OTHER, 0.0, "none")
        foreign = scores.pop(OTHER)
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        (best, top), (_, second) = ranked[0], ranked[1]
        outnumbered = foreign > top  # more words of other languages than markers of the best
        if not outnumbered and top >= CLEAR_MIN_SCORE and top >= CLEAR_RATIO * second:
            return LanguageGuess(best, top / (top + second), "markers")
        if (hint and best == hint and not outnumbered and top >= HINTED_MIN_SCORE
                and top >= HINTED_RATIO * second):
            return LanguageGuess(best, top / (top + second), "markers")
        if _mostly_foreign_script(text):
            return LanguageGuess(OTHER, 1.0, "script")
        if (n_words >= OTHER_MIN_WORDS and (top < OTHER_MAX_MARKERS or outnumbered)
                and self._is_other(text)):
            return LanguageGuess(OTHER, 1.0, "lingua")
        confidences = self.lingua_confidences(text)
        combined = {
            lang: math.log(confidences.get(lang, 0.0) + 0.02)
            + MARKER_WEIGHT * scores[lang]
            + (HINT_BONUS if lang == hint else 0.0)
            for lang in LANGUAGES
        }
        chosen = max(combined, key=combined.__getitem__)
        return LanguageGuess(chosen, confidences.get(chosen, 0.0), "lingua")


@lru_cache(maxsize=1)
def default_identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


def identify_language(text: str, hint: str | None = None) -> str:
    """The language code of a text (nb, nn, da, sv, en or other), using ``hint`` as a prior."""
    return default_identifier().identify(text, hint).lang
