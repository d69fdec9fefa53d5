import csv

import pytest

from reports.db import open_warehouse
from reports.drift_model import drift_model
from reports.model import weekly_model
from reports.tables import THEME_COLUMNS, csv_tables, write_csv
from tests.reports.fixture_warehouse import REPORT_WEEK


def tables_for(path, week=REPORT_WEEK, lang="en"):
    con = open_warehouse(path=path)
    try:
        weekly = weekly_model(con, week)
        return weekly, csv_tables(weekly, drift_model(con, weekly), lang)
    finally:
        con.close()


@pytest.fixture(scope="module")
def w47(report_warehouse_file):
    return tables_for(report_warehouse_file)


def read(tmp_path, tables, name):
    columns, rows = tables[name]
    write_csv(tmp_path / name, columns, rows)
    with (tmp_path / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_themes_csv_holds_the_same_numbers_as_fractions(tmp_path, w47):
    weekly, tables = w47
    rows = read(tmp_path, tables, "themes.csv")
    assert list(rows[0]) == THEME_COLUMNS
    for row, theme in zip(rows, weekly["themes"]):
        assert row["theme"] == theme["theme"]
        assert int(row["n_docs"]) == theme["n_docs"]
        assert float(row["share"]) == pytest.approx(int(row["n_docs"]) / int(row["n_docs_total"]))
        assert float(row["change"]) == pytest.approx(theme["change"])
    assert rows[0]["label"] == "Waiting and queues"


def test_trend_csv_has_every_theme_for_every_week(tmp_path, w47):
    rows = read(tmp_path, w47[1], "theme_trend.csv")
    assert len(rows) == 12 * 12
    assert rows[-1]["week"] == REPORT_WEEK and rows[-1]["week_start"] == "2026-11-16"


def test_alerts_csv_carries_statistics_and_review_status(tmp_path, w47):
    rows = read(tmp_path, w47[1], "drift_alerts.csv")
    status = {(r["week"], r["theme"], r["source"]): r["status"] for r in rows}
    assert status[(REPORT_WEEK, "praise", "kundtjanstforum")] == "real"
    assert status[(REPORT_WEEK, "queue_wait", "hjelpeforumet")] == "open"
    assert status[("2026-W46", "queue_wait", "hjelpeforumet")] == "open"
    assert all(float(r["q_value"]) < 0.05 and r["method"] for r in rows)


def test_posts_behind_the_numbers_are_traceable(tmp_path, w47):
    quotes = read(tmp_path, w47[1], "quotes.csv")
    assert quotes and all(q["doc_id"] and q["cues"] for q in quotes)
    examples = read(tmp_path, w47[1], "drift_review_examples.csv")
    assert {e["period"] for e in examples} == {"before", "after"}
    assert {e["kind"] for e in examples} == {"alert", "phrase"}


def test_breakdowns_in_long_form(tmp_path, w47):
    weekly, tables = w47
    by_source = read(tmp_path, tables, "by_source_theme.csv")
    assert len(by_source) == 12 * len(weekly["by_source"])
    by_language = read(tmp_path, tables, "by_language.csv")
    assert sum(int(r["n_docs"]) for r in by_language) == weekly["n_docs"]


def test_no_data_week_writes_headers_only(tmp_path, report_warehouse_file):
    _, tables = tables_for(report_warehouse_file, "2026-W50")
    for name, (columns, rows) in tables.items():
        assert rows == [], name
        write_csv(tmp_path / name, columns, rows)
        assert (tmp_path / name).read_text(encoding="utf-8").strip() == ",".join(columns)


def test_weeks_are_iso_names_everywhere(tmp_path, w47):
    for name in ("theme_trend.csv", "drift_alerts.csv", "emerging_phrases.csv", "drift_review_examples.csv"):
        rows = read(tmp_path, w47[1], name)
        assert rows and all(r["week"].startswith("2026-W") for r in rows), name
