"""Text basics: tokens, word counts, normalising, quoted posts, cached stemming, stopwords."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nltk.stem.snowball import SnowballStemmer

from transforms.text import (
    CachedStemmer,
    count_words,
    normalise,
    stem,
    stemmer,
    stopwords,
    strip_quoted,
    tokenize,
    tokenizer,
)


def test_tokens_keep_words_numbers_and_clause_punctuation_apart() -> None:
    assert tokenize("ventet 3dager, i kø!! e-post ok? 12.30") == [
        "ventet", "3", "dager", ",", "i", "kø", "!!", "e-post", "ok", "?", "12.30"
    ]
    assert tokenize("didn't they’ve") == ["didn't", "they’ve"]


@given(st.text(alphabet=st.sampled_from("abcæøå åÄ-'’.,!?;:()0123456789\n\t"), max_size=60))
def test_fast_tokenize_equals_nltk_regexp_tokenizer(text: str) -> None:
    assert tokenize(text) == tokenizer.tokenize(text)


def test_count_words_ignores_punctuation() -> None:
    assert count_words("Hei! Jeg ventet i 40 min.") == 6
    assert count_words("...") == 0


def test_normalise_unifies_unicode_spaces_and_line_ends() -> None:
    decomposed = "ko\u0308"  # o + combining diaeresis
    assert normalise(decomposed) == "kö"
    assert normalise("a\u00a0b\r\nc\rd") == "a b\nc\nd"


def test_normalise_writes_an_apostrophe_inside_a_word_straight_and_leaves_quotes() -> None:
    assert normalise("I don’t know, it’s l’hôtel") == "I don't know, it's l'hôtel"
    assert normalise("‘Soon’, he said. ’Twas") == "‘Soon’, he said. ’Twas"


def test_strip_quoted_removes_quote_blocks_and_quoted_lines() -> None:
    text = "[quote=Per]De var frekke.[/quote]\nJeg er enig.\n> de svarte aldri\nSlutt."
    assert strip_quoted(text).split() == ["Jeg", "er", "enig.", "Slutt."]
    assert strip_quoted("3 > 2 er sant") == "3 > 2 er sant"


@pytest.mark.parametrize("lang", ["nb", "nn", "da", "sv", "en"])
def test_cached_stemmer_agrees_with_snowball(lang: str) -> None:
    words = ["ventet", "ringte", "paketet", "helpful", "kundeservicen", "ikkje", "waited"]
    names = {"nb": "norwegian", "nn": "norwegian", "da": "danish", "sv": "swedish", "en": "english"}
    snowball = SnowballStemmer(names[lang])
    assert [stem(w, lang) for w in words] == [snowball.stem(w) for w in words]
    assert stemmer(lang) is stemmer(lang)


def test_cached_stemmer_stays_bounded() -> None:
    cached = CachedStemmer("nb", limit=3)
    for word in ("a", "b", "c", "d", "e"):
        cached(word)
    assert len(cached._cache) <= 3
    with pytest.raises(ValueError, match="no stemmer"):
        stemmer("de")


def test_stopwords_exist_offline_and_keep_negations_visible() -> None:
    for lang in ("nb", "nn", "da", "sv", "en"):
        assert len(stopwords(lang)) > 80
    assert "ikkje" in stopwords("nn")
    assert "inte" in stopwords("sv")  # reason the tagger never strips them before matching
    assert stopwords("xx") == frozenset()
