import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reports.db import open_warehouse
from reports.model import weekly_model
from reports.review import record_review
from tests.reports.fixture_warehouse import REPORT_MONDAY, REPORT_WEEK, RISING, alert_id
from themewatch import defaults
from themewatch.errors import InputError, WarehouseError

RISING_ID = alert_id(REPORT_MONDAY, RISING[0], RISING[1])


def alert_in_report(alert):
    con = open_warehouse()
    try:
        model = weekly_model(con, REPORT_WEEK)
    finally:
        con.close()
    return next(a for a in model["alerts"] if a["alert_id"] == alert)


def test_a_verdict_is_stored_and_the_report_shows_the_alert_decided(warehouse, sql):
    assert alert_in_report(RISING_ID)["review"] is None
    done = record_review(RISING_ID, "real", "  Kundesenteret bekrefter lengre kø.  ", "kari.q",
                         now=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert done == {"alert_id": RISING_ID, "kind": "alert", "week": REPORT_WEEK, "source": RISING[0],
                    "theme": RISING[1], "lang": None, "phrase": None, "verdict": "real",
                    "note": "Kundesenteret bekrefter lengre kø.", "reviewer": "kari.q",
                    "reviewed_at": "2026-11-23T09:00:00+00:00", "earlier_reviews": 0}
    rows = sql("SELECT alert_id, verdict, note, reviewer FROM drift_reviews WHERE alert_id = ?", [RISING_ID])
    assert rows == [(RISING_ID, "real", "Kundesenteret bekrefter lengre kø.", "kari.q")]
    review = alert_in_report(RISING_ID)["review"]
    assert review["verdict"] == "real" and review["reviewer"] == "kari.q"


def test_a_later_verdict_supersedes_and_history_stays(warehouse, sql):
    record_review(RISING_ID, "real", "first look", "kari.q", now=datetime(2026, 11, 23, 9, tzinfo=UTC))
    done = record_review(RISING_ID, "taxonomy", "the v2 cue list", "ola.q",
                         now=datetime(2026, 11, 24, 9, tzinfo=UTC))
    assert done["earlier_reviews"] == 1
    assert alert_in_report(RISING_ID)["review"]["verdict"] == "taxonomy"
    assert sql("SELECT count(*) FROM drift_reviews WHERE alert_id = ?", [RISING_ID]) == [(2,)]


def test_a_unique_prefix_will_do(warehouse):
    assert record_review(RISING_ID[:8], "noise", reviewer="x")["alert_id"] == RISING_ID


def test_phrases_can_be_reviewed_too(warehouse, sql):
    (phrase_id,) = sql("""SELECT 'ph-' || left(md5(strftime(week, '%Y-%m-%d') || '|' || lang || '|' || phrase), 12)
                          FROM emerging_phrases WHERE phrase = 'nye appen' AND week = ?""", [REPORT_MONDAY])[0]
    done = record_review(phrase_id, "taxonomy", "add as a login cue", "kari.q")
    assert (done["kind"], done["phrase"], done["lang"]) == ("phrase", "nye appen", "nb")
    con = open_warehouse()
    try:
        model = weekly_model(con, REPORT_WEEK)
    finally:
        con.close()
    phrase = next(p for p in model["phrases"] if p["phrase_id"] == phrase_id)
    assert phrase["review"]["verdict"] == "taxonomy"


@pytest.mark.parametrize("target, verdict, message", [
    ("ffffffffffffffff", "real", "unknown alert id 'ffffffffffffffff'"),
    ("29833", "real", "at least 6 characters"),
    (RISING_ID, "maybe", "verdict 'maybe': expected one of real, taxonomy, noise"),
])
def test_bad_ids_and_verdicts_are_one_line_errors(warehouse, sql, target, verdict, message):
    with pytest.raises(InputError) as caught:
        record_review(target, verdict, reviewer="x")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert sql("SELECT count(*) FROM drift_reviews") == [(2,)]  # only the fixture's two


def test_ambiguous_prefix(warehouse, sql):
    for alert, source in (("abcdef0001", "x"), ("abcdef0002", "y")):
        sql(f"""INSERT INTO theme_drift SELECT * REPLACE ('{alert}' AS alert_id, DATE '2026-11-16' AS week,
                   '{source}' AS source, 'praise' AS theme, TRUE AS flag) FROM theme_drift LIMIT 1""")
    with pytest.raises(InputError, match="ambiguous"):
        record_review("abcdef00", "noise", reviewer="x")


def test_unflagged_rows_are_not_alerts(warehouse, sql):
    (unflagged,) = sql("SELECT alert_id FROM theme_drift WHERE NOT flag ORDER BY alert_id LIMIT 1")[0]
    with pytest.raises(InputError, match="not flagged"):
        record_review(unflagged, "noise", reviewer="x")


def test_warehouse_without_migration_0050(warehouse, sql):
    sql("DROP TABLE drift_reviews")
    with pytest.raises(WarehouseError, match="0050"):
        record_review(RISING_ID, "real", reviewer="x")


def test_reviewer_defaults_to_the_environment(warehouse, monkeypatch):
    monkeypatch.setenv("THEMEWATCH_REVIEWER", "quality.team")
    assert record_review(RISING_ID, "noise")["reviewer"] == "quality.team"


def _hold(warehouse: Path, read_only: bool) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro'); "
         "print('ready', flush=True); time.sleep(30)",
         str(warehouse), "ro" if read_only else "rw"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_an_analyst_reading_does_not_block_a_review(warehouse, sql):
    holder = _hold(warehouse, read_only=True)
    try:
        record_review(RISING_ID, "real", reviewer="x")
    finally:
        holder.kill()
        holder.wait()
    assert sql("SELECT verdict FROM drift_reviews WHERE alert_id = ?", [RISING_ID]) == [("real",)]


def test_a_warehouse_held_read_write_is_a_clear_error(warehouse, monkeypatch):
    monkeypatch.setattr(defaults, "WAREHOUSE_LOCK_ATTEMPTS", 1)
    holder = _hold(warehouse, read_only=False)
    try:
        with pytest.raises(WarehouseError, match="locked"):
            record_review(RISING_ID, "real", reviewer="x")
    finally:
        holder.kill()
        holder.wait()
