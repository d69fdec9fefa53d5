"""The weekly model's numbers against counts made directly from documents and document_themes."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import duckdb
import pytest

from reports.db import open_warehouse
from reports.model import weekly_model
from tests.reports.fixture_warehouse import (
    FALLING,
    QUIET_SOURCE,
    REPORT_MONDAY,
    REPORT_WEEK,
    RISING,
    SPIKE,
    alert_id,
)

BASELINE = [REPORT_MONDAY - timedelta(weeks=k) for k in range(1, 9)]


@pytest.fixture(scope="module")
def posts(report_warehouse_file):
    """(doc_id, week, source, lang, [themes]) for every post, read straight from the tables."""
    con = duckdb.connect(str(report_warehouse_file), read_only=True)
    try:
        docs = con.execute("SELECT doc_id, week, source, lang FROM documents").fetchall()
        tags = defaultdict(set)
        for doc_id, theme in con.execute("SELECT doc_id, theme FROM document_themes").fetchall():
            tags[doc_id].add(theme)
    finally:
        con.close()
    return [(d, w, s, lang, tags[d]) for d, w, s, lang in docs]


@pytest.fixture(scope="module")
def model(report_warehouse_file):
    con = open_warehouse(path=report_warehouse_file)
    try:
        return weekly_model(con, REPORT_WEEK)
    finally:
        con.close()


def counts(posts, weeks):
    weeks = set(weeks)
    total = sum(1 for p in posts if p[1] in weeks)
    per_theme = Counter(theme for p in posts if p[1] in weeks for theme in p[4])
    return total, per_theme


def test_theme_volumes_and_shares_match_the_posts(model, posts):
    total, per_theme = counts(posts, [REPORT_MONDAY])
    assert model["has_data"] and model["n_docs"] == total
    assert len(model["themes"]) == 12
    for row in model["themes"]:
        assert row["n_docs"] == per_theme[row["theme"]]
        assert row["n_docs_total"] == total
        assert row["share"] == pytest.approx(per_theme[row["theme"]] / total)
    assert [r["n_docs"] for r in model["themes"]] == sorted((r["n_docs"] for r in model["themes"]), reverse=True)


def test_baseline_is_pooled_over_the_eight_weeks_before(model, posts):
    total, per_theme = counts(posts, BASELINE)
    assert model["baseline_weekly"] == pytest.approx(total / 8)
    for row in model["themes"]:
        assert row["baseline_share"] == pytest.approx(per_theme[row["theme"]] / total)
        assert row["change"] == pytest.approx(row["share"] - row["baseline_share"])


def test_movers_are_the_largest_changes(model):
    movers = model["movers"]
    assert 0 < len(movers) <= 5
    changes = sorted((abs(r["change"]) for r in model["themes"]), reverse=True)
    assert [abs(m["change"]) for m in movers] == changes[: len(movers)]


def test_trend_series_has_twelve_weeks_ending_with_the_report_week(model, posts):
    series = model["series"]["queue_wait"]
    assert [p["week"] for p in series] == [REPORT_MONDAY - timedelta(weeks=11 - i) for i in range(12)]
    for point in series:
        total, per_theme = counts(posts, [point["week"]])
        assert point["n_docs_total"] == total and point["n_docs"] == per_theme["queue_wait"]


def test_breakdowns_by_source_and_language(model, posts):
    this_week = [p for p in posts if p[1] == REPORT_MONDAY]
    by_source = {r["key"]: r for r in model["by_source"]}
    assert {k: r["n_docs"] for k, r in by_source.items()} == Counter(p[2] for p in this_week)
    base = Counter(p[2] for p in posts if p[1] in set(BASELINE))
    for source, row in by_source.items():
        assert row["baseline_weekly"] == pytest.approx(base[source] / 8)
        in_source = [p for p in this_week if p[2] == source]
        theme_counts = Counter(t for p in in_source for t in p[4])
        assert row["shares"]["queue_wait"] == pytest.approx(theme_counts["queue_wait"] / len(in_source))
    assert by_source[QUIET_SOURCE]["volume_change"] < -0.5
    assert by_source[RISING[0]]["top_themes"][0]["theme"] == "queue_wait"
    by_lang = {r["key"]: r["n_docs"] for r in model["by_lang"]}
    assert by_lang == Counter(p[3] for p in this_week)
    assert set(by_lang) == {"nb", "nn", "sv", "da", "en"}


def test_alerts_open_first_with_reviews_attached(model):
    ids = [a["alert_id"] for a in model["alerts"]]
    rising = alert_id(REPORT_MONDAY, RISING[0], RISING[1])
    falling = alert_id(FALLING[2], FALLING[0], FALLING[1])
    assert rising in ids and falling in ids
    assert ids.index(rising) < ids.index(falling)  # open before decided
    decided = next(a for a in model["alerts"] if a["alert_id"] == falling)
    assert decided["review"]["verdict"] == "real" and decided["review"]["reviewer"] == "kari.q"
    assert next(a for a in model["alerts"] if a["alert_id"] == rising)["review"] is None
    earlier = {a["alert_id"] for a in model["earlier_open_alerts"]}
    assert alert_id(RISING[2], RISING[0], RISING[1]) in earlier  # the rise began in W46, still open
    assert alert_id(SPIKE[2], SPIKE[0], SPIKE[1]) not in earlier  # decided as noise


def test_phrases_quotes_and_taxonomy(model):
    assert model["phrases"][0]["phrase"] == "bankid strular"  # highest lift first
    assert all(p["phrase_id"].startswith("ph-") for p in model["phrases"])
    quoted = [g["theme"] for g in model["quotes"]]
    top5 = [r["theme"] for r in model["themes"]][:5]
    assert quoted[:5] == top5
    for group in model["quotes"]:
        assert 1 <= len(group["examples"]) <= 3
        assert all(ex["theme"] == group["theme"] for ex in group["examples"])
    [change] = model["taxonomy_changes"]
    assert (change["old_version"], change["new_version"], change["n_sample"]) == ("1", "2", 2000)
    assert {d["theme"]: d["delta"] for d in change["themes"]}["runaround"] == 43


def test_a_week_without_posts_has_no_data(report_warehouse_file):
    con = open_warehouse(path=report_warehouse_file)
    try:
        model = weekly_model(con, "2026-W50")
    finally:
        con.close()
    assert model["has_data"] is False and model["n_docs"] == 0
    assert model["data_weeks"]["last_week"] == REPORT_MONDAY


def test_a_week_missing_from_the_trend_is_a_gap_not_a_zero(warehouse, sql):
    gap = REPORT_MONDAY - timedelta(weeks=3)
    sql("DELETE FROM theme_weekly WHERE week = ?", [gap])
    con = open_warehouse()
    try:
        model = weekly_model(con, REPORT_WEEK)
    finally:
        con.close()
    point = model["series"]["queue_wait"][8]
    assert point["week"] == gap and point["share"] is None and point["n_docs_total"] is None


def test_without_the_reviews_table_every_alert_is_open(warehouse, sql):
    sql("DROP TABLE drift_reviews")
    con = open_warehouse()
    try:
        model = weekly_model(con, REPORT_WEEK)
    finally:
        con.close()
    assert model["reviews_table"] is False
    assert model["alerts"] and all(a["review"] is None for a in model["alerts"])


def test_window_of_a_week_at_the_start_of_a_year():
    from reports.model import Window

    window = Window.of("2027-W01")
    assert window.week == date(2027, 1, 4)
    assert window.trend_start == date(2026, 10, 19)
    assert window.baseline_end == date(2026, 12, 28)
