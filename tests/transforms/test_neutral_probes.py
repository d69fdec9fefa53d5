"""Precision on text that is not a complaint: the project's neutral probes.

``eval/neutral/<lang>.jsonl`` holds posts written for the project that use the cues' words
in innocent senses ("forever grateful", a concert queue, a fair fee, a callback that came),
plus a few themed units that sit close to them. Forums are mostly such posts, and every
false tag on them lands in the weekly trends, so the shipped taxonomy must tag each probe
with exactly its labelled themes (none for the neutral ones).
"""

from __future__ import annotations

import pytest

from themewatch.settings import PROJECT_ROOT
from transforms.evaluation import load_gold
from transforms.pipeline import tag_text
from transforms.tagger import Tagger

NEUTRAL_FILES = sorted((PROJECT_ROOT / "eval" / "neutral").glob("*.jsonl"))


def test_there_are_probes_for_the_four_main_languages() -> None:
    assert {p.stem for p in NEUTRAL_FILES} >= {"nb", "sv", "da", "en"}


@pytest.mark.parametrize("path", NEUTRAL_FILES, ids=lambda p: p.name)
def test_the_shipped_taxonomy_tags_exactly_the_labelled_themes(path, shipped_tagger: Tagger) -> None:
    units = load_gold(path, known_themes=shipped_tagger.theme_ids)
    assert sum(not u.themes for u in units) >= 50
    wrong = []
    for unit in units:
        got = tag_text(unit.text, lang=unit.lang, tagger=shipped_tagger).result.theme_ids
        if set(got) != unit.themes:
            wrong.append(f"{unit.id}: labelled {sorted(unit.themes)}, tagged {got}")
    assert wrong == []
