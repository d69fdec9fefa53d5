import re
from datetime import timedelta

import pytest

from reports.db import open_warehouse
from reports.drift_model import drift_model
from reports.model import weekly_model
from tests.reports.fixture_warehouse import (
    FALLING,
    REPORT_MONDAY,
    REPORT_WEEK,
    RISING,
    SPIKE,
    alert_id,
)


@pytest.fixture(scope="module")
def drift(report_warehouse_file):
    con = open_warehouse(path=report_warehouse_file)
    try:
        return drift_model(con, weekly_model(con, REPORT_WEEK))
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(report_warehouse_file):
    con = open_warehouse(path=report_warehouse_file)
    yield con
    con.close()


def test_open_and_decided_alerts_are_apart(drift):
    open_ids = {a["alert_id"] for a in drift["open_alerts"]}
    decided_ids = {a["alert_id"] for a in drift["decided_alerts"]}
    assert alert_id(REPORT_MONDAY, RISING[0], RISING[1]) in open_ids
    assert decided_ids == {alert_id(FALLING[2], FALLING[0], FALLING[1])}
    assert all(a["review"] is None for a in drift["open_alerts"])
    assert alert_id(SPIKE[2], SPIKE[0], SPIKE[1]) not in {a["alert_id"] for a in drift["earlier_open_alerts"]}


def test_alert_line_ends_at_the_alerts_own_numbers(drift):
    for alert in drift["open_alerts"] + drift["decided_alerts"]:
        assert len(alert["series"]) == 12
        last = alert["series"][-1]
        assert (last["n_docs"], last["n_docs_total"]) == (alert["n_docs"], alert["n_docs_total"])
        assert last["share"] == pytest.approx(alert["share"])


def test_examples_before_and_after_come_from_the_alerts_source_theme_and_weeks(drift, db):
    for alert in drift["open_alerts"] + drift["decided_alerts"]:
        for period, weeks in (("after", {REPORT_MONDAY}),
                              ("before", {REPORT_MONDAY - timedelta(weeks=k) for k in range(1, 9)})):
            examples = alert["examples"][period]
            assert 1 <= len(examples) <= 3
            for ex in examples:
                assert ex["source"] == alert["source"] and ex["week"] in weeks
                tagged = db.execute("SELECT count(*) FROM document_themes WHERE doc_id = ? AND theme = ?",
                                    [ex["doc_id"], alert["theme"]]).fetchone()[0]
                assert tagged == 1
                assert ex["evidence"][0]["sentence"] in ex["text"]


def test_taxonomy_warning_only_where_the_change_moved_that_theme(drift):
    by_theme = {a["theme"]: a for a in drift["open_alerts"] + drift["decided_alerts"]}
    assert [c["delta"] for c in by_theme["queue_wait"]["taxonomy_changes"]] == [-4]
    assert by_theme["praise"]["taxonomy_changes"] == []  # praise: 205 -> 205


def test_phrase_share_over_weeks_counts_posts_containing_it(drift, db):
    phrases = {p["phrase"]: p for p in drift["phrases"]}
    phrase = phrases["nye appen"]
    pattern = re.compile(r"(?<!\w)nye appen", re.IGNORECASE)
    for point in phrase["series"]:
        texts = [t for (t,) in db.execute("SELECT text FROM documents WHERE lang = 'nb' AND week = ?",
                                          [point["week"]]).fetchall()]
        assert point["n_docs_total"] == len(texts)
        assert point["n_docs"] == sum(1 for t in texts if pattern.search(t))
    assert all("nye appen" in ex["text"].lower() for ex in phrase["examples"]["after"])
    assert phrases["bankid strular"]["examples"]["before"] == []
    assert phrases["faktura feil"]["matched_posts"] == 0  # a stem no post contains word for word


def test_no_data_week_has_an_empty_review(report_warehouse_file):
    con = open_warehouse(path=report_warehouse_file)
    try:
        drift = drift_model(con, weekly_model(con, "2026-W50"))
    finally:
        con.close()
    assert drift["has_data"] is False and drift["data_weeks"]["last_week"] == REPORT_MONDAY
