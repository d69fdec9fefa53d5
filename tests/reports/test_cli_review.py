"""``themewatch review`` (themewatch/cli/review.py) run in-process through the real entry point."""

from tests.reports.fixture_warehouse import REPORT_MONDAY, REPORT_WEEK, RISING, alert_id
from themewatch.cli import main

RISING_ID = alert_id(REPORT_MONDAY, RISING[0], RISING[1])


def test_review_records_and_says_what(warehouse, sql, capsys):
    code = main(["review", "--alert", RISING_ID, "--verdict", "real", "--note", "Bekreftet av kundesenteret",
                 "--reviewer", "kari.q"])
    assert code == 0
    out = capsys.readouterr().out
    assert f"recorded real for {RISING_ID}: queue_wait on hjelpeforumet, {REPORT_WEEK}, by kari.q" in out
    assert f"themewatch report --week {REPORT_WEEK}" in out
    assert sql("SELECT verdict, note FROM drift_reviews WHERE alert_id = ?", [RISING_ID]) == [
        ("real", "Bekreftet av kundesenteret")]


def test_unknown_alert_is_one_line(warehouse, capsys):
    assert main(["review", "--alert", "0000000000000000", "--verdict", "noise"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown alert id '0000000000000000'") and err.count("\n") == 1


def test_bad_verdict_and_missing_alert_are_one_line(warehouse, capsys):
    assert main(["review", "--alert", RISING_ID, "--verdict", "maybe"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "maybe" in err
    assert main(["review", "--verdict", "real"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--alert" in err and err.count("\n") == 1
