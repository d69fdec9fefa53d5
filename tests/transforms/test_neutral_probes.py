"""Precision on text that is not a complaint: the project's neutral probes.

``eval/neutral/<lang>.jsonl`` holds posts written for the project that use the cues' words
in innocent senses ("forever grateful", a concert queue, a fair fee, a callback that came),
plus a few themed units that sit close to them. ``eval/neutral/<lang>-forum.jsonl`` holds
everyday posts of general forums (computers, cars, cooking, gaming, money questions between
users), written by writers who never saw the cue lists, about 10% of them telling a real
service experience; ``<lang>-forum2.jsonl`` is a second such set by other writers, of which
only the first 50 posts were used to fix cues. Forums are mostly such posts, and every false
tag on them lands in the weekly trends. The cues were fixed until few probes are tagged
wrongly; the rest need meaning cues cannot see (a game download that "took ages" against a
parcel that did). ``KNOWN_WRONG`` is a ratchet: a cue change may lower it, and must not
raise it.
"""

from __future__ import annotations

import pytest

from themewatch.settings import PROJECT_ROOT
from transforms.evaluation import load_gold
from transforms.pipeline import tag_text
from transforms.tagger import Tagger

NEUTRAL_FILES = sorted((PROJECT_ROOT / "eval" / "neutral").glob("*.jsonl"))
#: Probes per file not tagged exactly as labelled, as of 2026-11-23 (lower it when you fix one).
KNOWN_WRONG = {"da": 4, "en": 3, "nb": 11, "sv": 9, "da-forum": 5, "nb-forum": 7, "sv-forum": 8,
               "da-forum2": 9, "nb-forum2": 9, "sv-forum2": 7}
#: Share of the no-theme probes that may carry a tag. Half of each ``*-forum2`` file was never
#: used to fix a cue, so those say what unseen everyday posts get, and may have more.
MAX_FALSE_ALARM_RATE = 0.05
MAX_FALSE_ALARM_RATE_UNSEEN = 0.08


def test_there_are_probes_for_the_four_main_languages() -> None:
    assert {p.stem for p in NEUTRAL_FILES} >= {"nb", "sv", "da", "en"}


@pytest.mark.parametrize("path", NEUTRAL_FILES, ids=lambda p: p.name)
def test_few_probes_are_tagged_wrongly_and_no_more_than_before(path, shipped_tagger: Tagger) -> None:
    units = load_gold(path, known_themes=shipped_tagger.theme_ids)
    neutral = [u for u in units if not u.themes]
    assert len(neutral) >= 50
    wrong, false_alarms = [], 0
    for unit in units:
        got = tag_text(unit.text, lang=unit.lang, tagger=shipped_tagger).result.theme_ids
        if set(got) != unit.themes:
            wrong.append(f"{unit.id}: labelled {sorted(unit.themes)}, tagged {got}")
            false_alarms += not unit.themes
    rate = MAX_FALSE_ALARM_RATE_UNSEEN if path.stem.endswith("forum2") else MAX_FALSE_ALARM_RATE
    assert false_alarms <= rate * len(neutral), wrong
    assert len(wrong) <= KNOWN_WRONG[path.stem], wrong
