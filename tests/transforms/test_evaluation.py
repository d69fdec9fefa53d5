"""Scoring: counts, micro/macro F1 per language and overall, gold-file errors, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from themewatch.errors import InputError
from transforms.evaluation import (
    ALL,
    Counts,
    GoldUnit,
    evaluate,
    format_errors,
    format_report,
    load_gold,
    score,
)
from transforms.tagger import Tagger

THEMES = ("a", "b", "c")


def _unit(uid: str, lang: str, themes: set[str], text: str = "x") -> GoldUnit:
    return GoldUnit(uid, lang, text, frozenset(themes))


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert (counts.precision, counts.recall) == (0.75, 0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0 and Counts().support == 0


def test_micro_pools_counts_and_macro_averages_supported_themes() -> None:
    units = [_unit("1", "nb", {"a"}), _unit("2", "nb", {"a", "b"}), _unit("3", "sv", set())]
    predicted = {"1": frozenset({"a"}), "2": frozenset({"c"}), "3": frozenset({"a"})}
    slices = score(units, predicted, THEMES)
    nb = slices["nb"]
    assert (nb.themes["a"].tp, nb.themes["a"].fn, nb.themes["b"].fn, nb.themes["c"].fp) == (1, 1, 1, 1)
    assert (nb.micro.tp, nb.micro.fp, nb.micro.fn) == (1, 1, 2)
    assert nb.macro_f1 == pytest.approx((2 / 3 + 0.0) / 2)  # c has no support: not in macro
    assert slices[ALL].n_units == 3 and slices[ALL].themes["a"].fp == 1
    assert slices["sv"].macro_f1 == 0.0


def _write(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("{nope", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ({"lang": "nb", "text": "x", "themes": []}, "missing or invalid 'id'"),
        ({"id": 1, "lang": "nb", "text": 3, "themes": []}, "missing or invalid 'text'"),
        ({"id": 1, "lang": "nb", "text": "x", "themes": "a"}, "missing or invalid 'themes'"),
        ({"id": 1, "lang": "nb", "text": "x", "themes": ["zzz"]}, "unknown theme id zzz"),
    ],
)
def test_bad_gold_lines_name_file_and_line(tmp_path: Path, row, problem: str) -> None:
    good = {"id": 0, "lang": "nb", "text": "x", "themes": []}
    path = _write(tmp_path / "gold.jsonl", [good, row])
    with pytest.raises(InputError, match=f"gold.jsonl:2: {problem}"):
        load_gold(path, known_themes=THEMES)


def test_duplicate_ids_and_missing_files(tmp_path: Path) -> None:
    row = {"id": "u", "lang": "nb", "text": "x", "themes": []}
    with pytest.raises(InputError, match="gold.jsonl:2: duplicate id u"):
        load_gold(_write(tmp_path / "gold.jsonl", [row, row]))
    with pytest.raises(InputError, match="file not found"):
        load_gold(tmp_path / "none.jsonl")


def test_evaluate_tags_units_and_formats_tables(small_tagger: Tagger) -> None:
    units = [
        _unit("1", "nb", {"rude_staff"}, "Jeg synes damen i luka var frekk og sur."),
        _unit("2", "nb", {"broken_promise"}, "Ingen har ringt."),
        _unit("3", "en", set(), "The guy at the desk was rude to everyone in the line."),
    ]
    evaluation = evaluate(units, tagger=small_tagger, lang_source="gold")
    assert evaluation.predictions["1"] == ("nb", frozenset({"rude_staff"}))
    report = format_report(evaluation, small_tagger.theme_ids, title="T")
    assert report.splitlines()[0] == "T"
    assert "== en (1 units) ==" in report and "== all (3 units) ==" in report
    micro = [line for line in report.splitlines() if line.startswith("micro")]
    assert len(micro) == 3
    errors = format_errors(units, evaluation)
    assert "2 nb: -broken_promise" in errors and "3 en: +rude_staff" in errors
    assert "\n1 " not in errors
