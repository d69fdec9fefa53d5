"""Cue expressions: what parses, what is refused, and how compiled atoms match tokens."""

from __future__ import annotations

import pytest

from transforms.cues import (
    LONG_GAP,
    STEM_SLACK,
    Alt,
    CueSyntaxError,
    LanguageMatcher,
    parse_expression,
    required_literal_sets,
    required_literals,
)


def test_a_stem_cue_is_one_word_and_keeps_its_wildcard_kind() -> None:
    assert parse_expression("frekk", kind="stems").items[0].alternatives == ((Alt("word", "frekk"),),)
    kinds = {e: parse_expression(e, kind="stems").items[0].alternatives[0][0].kind
             for e in ("kø*", "*kø", "*kø*", "=svar")}
    assert kinds == {"kø*": "prefix", "*kø": "head", "*kø*": "infix", "=svar": "exact"}


def test_phrase_gaps_alternatives_and_optional_items() -> None:
    cue = parse_expression("(ringe|ringte) (meg)? ~2 tilbake ... (på nytt|igjen)", kind="phrases")
    assert len(cue.items) == 4
    assert cue.gaps == (0, 2, LONG_GAP)
    assert cue.items[1].optional and not cue.items[0].optional
    multi = cue.items[3].alternatives
    assert (Alt("word", "på"), Alt("word", "nytt")) in multi and (Alt("word", "igjen"),) in multi


@pytest.mark.parametrize(
    ("expr", "kind", "problem"),
    [
        ("", "stems", "empty cue"),
        ("to ord", "stems", "one word"),
        ("ord", "phrases", "at least two words"),
        ("(a|b", "phrases", "unbalanced"),
        ("a) b", "phrases", "unbalanced"),
        ("((a|b)) c", "phrases", "nested"),
        ("a (|b)", "phrases", "empty alternative"),
        ("~2 a b", "phrases", "between two words"),
        ("a b ~2", "phrases", "end with a gap"),
        ("(a)? b", "phrases", "optional"),
        ("a b (c)?", "phrases", "optional"),
        ("a|b c", "phrases", "alternatives"),
        ("fr*ekk", "stems", "not a word"),
        ("=", "stems", "exact word"),
        ("(ab[", "patterns", "bad pattern"),
        ("a*", "patterns", "empty string"),
        ("re:", "weak", "empty pattern"),
    ],
)
def test_bad_cues_are_refused_with_a_reason(expr: str, kind: str, problem: str) -> None:
    with pytest.raises(CueSyntaxError, match=problem):
        parse_expression(expr, kind=kind)


def test_weak_cues_take_patterns_after_re() -> None:
    assert parse_expression(r"re:\bsnerr\w*", kind="weak").pattern == r"\bsnerr\w*"


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bholder ikke\b", {"holder ikke"}),
        (r"\b(ventet|ventar)\s+\d+", {"vent"}),  # the parser factors out the common prefix
        (r"\bnummer\s+\d+\s+i\s+køen?\b", {"nummer"}),
        (r"\w+", None),
    ],
)
def test_required_literals_gate_patterns(pattern: str, literals: set[str] | None) -> None:
    assert required_literals(pattern) == literals


def _matcher(lang: str, *alts: Alt) -> tuple[LanguageMatcher, list[int]]:
    matcher = LanguageMatcher(lang=lang, inflections=("", "e", "en", "et", "ene"))
    return matcher, [matcher.atom(a) for a in alts]


def test_word_atoms_match_inflected_forms_by_stem_and_by_ending() -> None:
    matcher, (frekk,) = _matcher("nb", Alt("word", "frekk"))
    for token in ("frekk", "frekke", "frekkene", "frekket"):
        assert frekk in matcher.token_info(token)[0], token
    assert frekk not in matcher.token_info("fred")[0]


def test_a_token_much_shorter_than_the_cue_word_does_not_match_by_stem() -> None:
    # "overlegen" stems to "over": the everyday word "over" must not count as condescending.
    matcher, (overlegen,) = _matcher("nb", Alt("word", "overlegen"))
    assert len("overlegen") - len("over") > STEM_SLACK
    assert overlegen not in matcher.token_info("over")[0]
    assert overlegen in matcher.token_info("overlegen")[0]
    en, (helpful,) = _matcher("en", Alt("word", "helpful"))
    assert helpful not in en.token_info("help")[0]


def test_wildcard_atoms() -> None:
    matcher, (prefix, head, infix, exact) = _matcher(
        "nb", Alt("prefix", "forsink"), Alt("head", "kø"), Alt("infix", "gebyr"), Alt("exact", "sur")
    )
    assert prefix in matcher.token_info("forsinkelsen")[0]
    assert head in matcher.token_info("telefonkøen")[0] and head not in matcher.token_info("køyer")[0]
    assert infix in matcher.token_info("fakturagebyrene")[0]
    assert exact in matcher.token_info("sur")[0] and exact not in matcher.token_info("sure")[0]


def test_every_required_literal_set_occurs_in_every_match() -> None:
    import re

    pattern = r"\b(ventet|venta)\b[^.!?]{0,30}\b(\d+|en|to)\s+(Minutter|timer)\b"
    sets = required_literal_sets(pattern)
    assert sets[0] == required_literals(pattern)
    assert {"vent"} in sets and {"minutter", "timer"} in sets  # re factors out "vent"
    assert {"Minutter", "timer"} in required_literal_sets(pattern, lower=False)
    texts = ["vi ventet 3 timer", "venta i kø en Minutter", "ventet to timer, venta 12 timer"]
    matches = [m.group(0) for text in texts for m in re.finditer(pattern, text)]
    assert len(matches) == 3
    for match in matches:
        for literals in required_literal_sets(pattern, lower=False):
            assert any(literal in match for literal in literals), (match, literals)
