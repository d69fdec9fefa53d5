"""Emerging phrases: new recurring wordings found per week, covered ones and old ones left out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from transforms.emerging import MIN_LIFT, MIN_POSTS, find_emerging_phrases

WEEKS = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(4)]

BACKGROUND_NB = [
    "Fakturaen var feil igjen, og ingen kunne forklare hvorfor beløpet var dobbelt.",
    "Pakken kom aldri frem, sporingen har stått stille i ti dager.",
    "Måtte ringe fire ganger før noen tok tak i saken.",
    "Ruteren fra dem slutter å virke hver kveld rundt åtte.",
    "Jeg ventet i kø i to timer uten å komme frem.",
    "Nettsiden deres er treg og bestillingen forsvant underveis.",
]
NEW_NB = [
    "Etter oppdateringen krasjer appen hver gang jeg åpner fakturaoversikten.",
    "Appen krasjer når jeg prøver å se fakturaoversikten, helt ubrukelig.",
    "Fakturaoversikten i appen krasjer, og ingen hos dem vet noe.",
    "Appen krasjer fortsatt. Fakturaoversikten er umulig å åpne.",
]
BACKGROUND_EN = [
    "The password reset link never arrives, I have tried five times.",
    "My order was cancelled without any explanation from the shop.",
    "Delivery took three weeks and the box was damaged.",
]


def _rows() -> list[tuple[date, str, str]]:
    rows = []
    for week in WEEKS:
        for text in BACKGROUND_NB:
            rows.append((week, "nb", text))
        for text in BACKGROUND_EN:
            rows.append((week, "en", text))
    last = WEEKS[-1]
    rows += [(last, "nb", text) for text in NEW_NB]
    rows += [(last, "nb", "Jeg ventet i telefonkø i tre timer, køen sto helt stille.") for _ in range(5)]
    rows += [(last, "en", "The password reset link expired again before I could use it.") for _ in range(2)]
    rows += [(last, "en", f"Clicked the password reset link again, attempt {i}.") for i in range(3)]
    rows += [(last, "other", "Die App stürzt ständig ab, die App stürzt ab.") for _ in range(5)]
    return rows


@pytest.fixture(scope="module")
def phrases() -> list[dict]:
    return find_emerging_phrases(_rows())


def test_a_new_recurring_phrase_is_found_in_its_original_wording(phrases: list[dict]) -> None:
    found = {(p["lang"], p["phrase"]): p for p in phrases}
    crash = found.get(("nb", "appen krasjer"))
    assert crash is not None, phrases
    assert crash["week"] == WEEKS[-1] and crash["n"] == 3
    assert crash["lift"] >= MIN_LIFT
    assert ("nb", "fakturaoversikten") not in found  # single words are not phrases
    for phrase in phrases:
        assert set(phrase) == {"week", "lang", "phrase", "n", "lift"}
        assert phrase["n"] >= MIN_POSTS


def test_phrases_the_taxonomy_covers_or_already_common_ones_are_left_out(phrases: list[dict]) -> None:
    words = " | ".join(p["phrase"] for p in phrases)
    assert "telefonkø" not in words and "tre timer" not in words  # queue_wait covers these
    assert "sporingen" not in words and "fakturaen" not in words  # as common before as now
    assert all(p["lang"] in ("nb", "en") for p in phrases)  # "other" has no stemmer or stopwords
    assert all(p["week"] != WEEKS[0] for p in phrases)  # the first week has nothing to compare with


def test_a_bigram_inside_a_reported_trigram_is_not_repeated(phrases: list[dict]) -> None:
    english = [p["phrase"] for p in phrases if p["lang"] == "en"]
    assert "password reset link" in english
    assert "password reset" not in english and "reset link" not in english


def test_sorted_by_week_language_and_lift() -> None:
    rows = _rows() + [(WEEKS[2], "nb", text) for text in NEW_NB[:3]]
    found = find_emerging_phrases(rows)
    keys = [(p["week"], p["lang"]) for p in found]
    assert keys == sorted(keys)
    for (week, lang) in set(keys):
        lifts = [p["lift"] for p in found if (p["week"], p["lang"]) == (week, lang)]
        assert lifts == sorted(lifts, reverse=True)
    assert find_emerging_phrases([]) == []
