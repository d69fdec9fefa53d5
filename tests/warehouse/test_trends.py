"""warehouse.trends: stored counts, drift on a corpus with a known rise, examples, emerging phrases."""

from __future__ import annotations

import shutil
import sys
import types
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.warehouse.warehouse_builders import (
    rows,
    tagged,
    weekly_corpus,
    write_partition,
    write_weeks,
)
from themewatch.settings import get_settings
from warehouse.connection import connect
from warehouse.load import load_pending_partitions
from warehouse.trends import alert_id, compute_drift, refresh_trends

SHARES = {"queue_wait": 0.10, "no_response": 0.06, "rude_staff": 0.04, "praise": 0.08}
START = date(2026, 3, 2)
RISE_WEEK = 11


@pytest.fixture(scope="module")
def rising_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """14 weeks x 400 posts in two sources; queue_wait doubles in forum-nb from week 11."""
    data = tmp_path_factory.mktemp("rising")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("THEMEWATCH_DATA_DIR", str(data))
        write_weeks(weekly_corpus(14, 400, SHARES, start=START, rise=("queue_wait", RISE_WEEK, 2.0), seed=1))
        write_weeks(weekly_corpus(14, 200, SHARES, source="blog-sv", lang="sv", start=START, seed=2),
                    source="blog-sv")
        load_pending_partitions()
        return get_settings().warehouse_path


@pytest.fixture
def rising(rising_build: Path, warehouse_file: Path) -> Path:
    """A private copy of the loaded corpus for one test."""
    shutil.copyfile(rising_build, warehouse_file)
    return warehouse_file


def test_theme_weekly_has_every_theme_for_every_week_source_and_language(rising: Path) -> None:
    cells = rows(rising, "SELECT count(*), count(DISTINCT week), count(DISTINCT theme) FROM theme_weekly")
    assert cells == [(14 * 2 * 4, 14, 4)]
    assert rows(rising, "SELECT sum(n_docs_total) FROM theme_weekly WHERE theme = 'praise'") == [(14 * 600,)]
    mismatched = rows(rising, """
        SELECT count(*) FROM theme_weekly w
        WHERE n_docs <> (SELECT count(*) FROM document_themes t
                         WHERE t.week = w.week AND t.source = w.source AND t.lang = w.lang AND t.theme = w.theme)
           OR abs(share - n_docs / n_docs_total) > 1e-12""")
    assert mismatched == [(0,)]


def test_theme_monthly_counts_the_same_posts_by_calendar_month(rising: Path) -> None:
    by_month = rows(rising, "SELECT sum(n_docs) FROM theme_monthly WHERE theme = 'queue_wait'")
    by_week = rows(rising, "SELECT sum(n_docs) FROM theme_weekly WHERE theme = 'queue_wait'")
    assert by_month == by_week
    assert rows(rising, "SELECT min(month), count(DISTINCT month) FROM theme_monthly") == [(date(2026, 3, 1), 4)]


def test_drift_flags_the_injected_rise_and_little_else(rising: Path) -> None:
    summary = refresh_trends()
    assert summary["status"] == "refreshed" and summary["drift_flags"] >= 1
    rise_weeks = [START + timedelta(weeks=RISE_WEEK + i) for i in range(2)]
    flagged = rows(rising, "SELECT week, source, theme, direction FROM theme_drift WHERE flag ORDER BY week")
    assert any(w in rise_weeks and s == "forum-nb" and t == "queue_wait" and d == "up" for w, s, t, d in flagged)
    others = [f for f in flagged if not (f[1] == "forum-nb" and f[2] == "queue_wait" and f[0] >= rise_weeks[0])]
    assert len(others) <= 1
    first = rows(rising, "SELECT share, baseline_share, baseline_weeks, q_value, alert_id FROM theme_drift "
                         "WHERE source = 'forum-nb' AND theme = 'queue_wait' AND week = ?", [rise_weeks[0]])[0]
    assert first[0] > 1.5 * first[1] and first[2] == 8
    assert first[4] == alert_id(rise_weeks[0], "forum-nb", "queue_wait")
    alerts = rows(rising, "SELECT theme, share_ratio > 1.5 FROM drift_alerts WHERE source = 'forum-nb' AND week = ?",
                  [rise_weeks[0]])
    assert ("queue_wait", True) in alerts


def test_refreshing_twice_gives_the_same_tables(rising: Path) -> None:
    refresh_trends()
    tables = ("theme_drift", "source_drift", "theme_examples", "theme_weekly")
    before = {t: rows(rising, f"SELECT * FROM {t} ORDER BY ALL") for t in tables}
    refresh_trends()
    assert {t: rows(rising, f"SELECT * FROM {t} ORDER BY ALL") for t in tables} == before


def test_source_drift_is_computed_for_every_source_week_with_a_baseline(rising: Path) -> None:
    refresh_trends()
    counted = rows(rising, "SELECT source, count(*), bool_and(jsd BETWEEN 0 AND 1) FROM source_drift GROUP BY 1 ORDER BY 1")
    assert counted == [("blog-sv", 10, True), ("forum-nb", 10, True)]
    assert rows(rising, "SELECT count(*) FROM source_drift WHERE flag AND source = 'blog-sv'") == [(0,)]


def test_theme_examples_spread_over_sources_and_carry_evidence(rising: Path) -> None:
    refresh_trends()
    week = START + timedelta(weeks=13)
    examples = rows(rising, "SELECT rank, source, len(evidence) > 0, url LIKE 'https://%' FROM theme_examples "
                            "WHERE week = ? AND theme = 'queue_wait' ORDER BY rank", [week])
    assert [e[0] for e in examples] == [1, 2, 3]
    assert {e[1] for e in examples[:2]} == {"forum-nb", "blog-sv"}
    assert all(e[2] and e[3] for e in examples)
    assert rows(rising, "SELECT max(rank) FROM theme_examples") == [(3,)]


def test_emerging_phrases_come_from_the_finder_over_all_but_praise_only_posts(rising: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple] = []

    def find_emerging_phrases(rows_in):
        rows_in = list(rows_in)
        seen.extend(rows_in)
        newest = max(r[0] for r in rows_in)
        return [{"week": newest, "lang": "nb", "phrase": "bankid feiler", "n": 12, "lift": 6.5}]

    # A stand-in finder that records what it is given.
    monkeypatch.setitem(sys.modules, "transforms.emerging",
                        types.SimpleNamespace(find_emerging_phrases=find_emerging_phrases))
    summary = refresh_trends()
    assert summary["emerging_phrases"].startswith("1 phrases")
    assert {r[0] for r in seen} == {START + timedelta(weeks=w) for w in range(5, 14)}
    praise_only = rows(rising, """SELECT count(*) FROM documents d WHERE week >= ? AND
        (SELECT list(theme) FROM document_themes t WHERE t.doc_id = d.doc_id) = ['praise']""",
        [START + timedelta(weeks=5)])[0][0]
    all_posts = rows(rising, "SELECT count(*) FROM documents WHERE week >= ?", [START + timedelta(weeks=5)])[0][0]
    assert praise_only > 0 and len(seen) == all_posts - praise_only, "every post but the praise-only ones"
    assert rows(rising, "SELECT week, lang, phrase, n, lift FROM emerging_phrases") == [
        (START + timedelta(weeks=13), "nb", "bankid feiler", 12, 6.5)]


def test_a_taxonomy_change_inside_the_baseline_is_marked_on_drift_rows(warehouse_file: Path) -> None:
    weeks = weekly_corpus(12, 100, SHARES, start=START, seed=3)
    write_weeks(weeks[:10])
    retagged = [[tagged(d.raw.post_id, d.raw.text, themes=[t.theme for t in d.themes], taxonomy_version="2",
                        published=d.raw.published_at) for d in week] for week in weeks[10:]]
    write_weeks(retagged)
    load_pending_partitions()
    refresh_trends()
    marked = rows(warehouse_file, "SELECT week, bool_and(taxonomy_changed) FROM theme_drift GROUP BY week ORDER BY week")
    assert [m for w, m in marked if w < START + timedelta(weeks=10)] == [False] * 6
    assert [m for w, m in marked if w >= START + timedelta(weeks=10)] == [True, True]


def test_drift_of_an_empty_warehouse_is_empty() -> None:
    theme_rows, source_rows = compute_drift([], [])
    assert theme_rows.num_rows == 0 and source_rows.num_rows == 0


def test_refresh_without_a_warehouse_says_so(data_dir: Path) -> None:
    assert refresh_trends()["status"] == "no warehouse yet"


def test_refresh_rebuilds_counts_that_a_load_left_stale(warehouse_file: Path) -> None:
    write_partition([tagged("1"), tagged("2", themes=())])
    load_pending_partitions()
    con = connect(read_only=False, path=warehouse_file)
    con.execute("DELETE FROM theme_weekly")
    con.execute("UPDATE warehouse_state SET value = 'stale' WHERE key = 'theme_counts_load_id'")
    con.close()
    refresh_trends()
    assert rows(warehouse_file, "SELECT theme, n_docs, n_docs_total FROM theme_weekly") == [("queue_wait", 1, 2)]
