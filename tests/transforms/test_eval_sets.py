"""The project's own labelled units (eval/): well-formed, and no unit in two files.

A held-out unit that also sits in a development or training file would leak into the
cues and the model without anyone noticing; so would a second copy under a new id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.evaluation import load_gold
from transforms.language import LANGUAGES
from transforms.taxonomy import configured_taxonomy

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
FILES = sorted(EVAL_DIR.glob("*/*.jsonl"))
#: Files whose ``why`` quotes the words of the text (neutral probes summarise instead).
QUOTING = [path for path in FILES if path.parent.name in ("gold", "train")]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_file_loads_with_the_taxonomys_themes_and_known_languages() -> None:
    themes = configured_taxonomy().theme_ids
    assert len(FILES) >= 10
    for path in FILES:
        units = load_gold(path, known_themes=themes)
        assert units, path
        assert {unit.lang for unit in units} <= set(LANGUAGES), path


def test_no_id_or_text_is_in_two_places() -> None:
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in FILES:
        for row in _rows(path):
            where = f"{path.relative_to(EVAL_DIR)} {row['id']}"
            assert row["id"] not in ids, f"{where}: id also in {ids[row['id']]}"
            ids[row["id"]] = where
            text = " ".join(row["text"].lower().split())
            assert text not in texts, f"{where}: text also in {texts[text]}"
            texts[text] = where


@pytest.mark.parametrize("path", QUOTING, ids=lambda path: path.name)
def test_why_quotes_the_words_that_show_each_theme(path: Path) -> None:
    for row in _rows(path):
        why = row.get("why", {})
        assert set(why) == set(row["themes"]), f"{path.name} {row['id']}: why names other themes"
        text = row["text"].lower()
        for theme, words in why.items():
            assert words.lower() in text, f"{path.name} {row['id']}: {theme} quotes words not in the text"
