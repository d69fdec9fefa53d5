"""Features of the theme model: stems, bigrams, negation within the clause, rule tags, names."""

from __future__ import annotations

import pytest

from transforms.features import (
    NegationWords,
    feature_name,
    negated_stems,
    parse_feature_name,
    post_features,
)
from transforms.tagger import get_tagger
from transforms.text import stem, tokenize


def negation(lang: str) -> NegationWords:
    """The configured taxonomy's negation words for ``lang``, as the tagger hands them to the model."""
    return get_tagger().negation_words[lang]


def test_a_post_is_its_stems_and_neighbouring_stem_pairs() -> None:
    a, b = stem("ventetiden", "nb"), stem("lang", "nb")
    assert a != "ventetiden"
    assert post_features("ventetiden lang", "nb") == {a, b, (a, b)}


def test_punctuation_is_a_token_like_any_other() -> None:
    svar = stem("svar", "nb")
    assert post_features("svar.", "nb") == {svar, ".", (svar, ".")}


def test_a_negator_marks_the_next_words_of_its_clause() -> None:
    features = post_features("de svarte ikke på mailen min i det hele tatt", "nb", (), negation("nb"))
    negated = {f for f in features if isinstance(f, str) and f.startswith("!")}
    assert negated == {"!" + stem(w, "nb") for w in ("på", "mailen", "min")}


@pytest.mark.parametrize(
    ("text", "lang", "negated", "plain"),
    [
        ("not great, but rude", "en", "great", "rude"),  # punctuation
        ("not great but rude", "en", "great", "rude"),  # a clause break
        ("inte snabb. otrevlig", "sv", "snabb", "otrevlig"),
    ],
)
def test_negation_stops_at_the_end_of_its_clause(text: str, lang: str, negated: str, plain: str) -> None:
    features = post_features(text, lang, (), negation(lang))
    assert "!" + stem(negated, lang) in features
    assert "!" + stem(plain, lang) not in features
    assert stem(plain, lang) in features


def test_every_negator_occurrence_counts() -> None:
    tokens = tokenize("ikke svar, ikke hjelp")
    stems = [stem(t, "nb") for t in tokens]
    assert negated_stems(tokens, stems, {"ikke"}, negation("nb")) == ["!" + stem("svar", "nb"), "!" + stem("hjelp", "nb")]


def test_negation_words_are_the_taxonomys_own_per_language() -> None:
    assert "ikke" in negation("nb").negators and "inte" not in negation("nb").negators
    assert "inte" in negation("sv").negators
    assert "but" in negation("en").stops and "." in negation("en").stops


def test_without_negation_words_nothing_is_negated() -> None:
    assert not any(str(f).startswith("!") for f in post_features("de svarte ikke", "nb"))


def test_rule_tags_are_features() -> None:
    assert "rule:rude_staff" in post_features("frekk", "nb", ["rude_staff"])
    assert not any(str(f).startswith("rule:") for f in post_features("frekk", "nb"))


def test_each_language_uses_its_own_stemmer() -> None:
    assert stem("väntade", "sv") in post_features("väntade", "sv")
    assert stem("waited", "en") in post_features("waited", "en")


@pytest.mark.parametrize("feature", ["vent", "!svar", ("vent", "kø"), ("svar", "."), "rule:queue_wait"])
def test_feature_names_round_trip(feature) -> None:
    assert parse_feature_name(feature_name(feature)) == feature
