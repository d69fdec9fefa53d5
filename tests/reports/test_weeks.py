from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from reports.weeks import normalise_week, parse_week, shift_week, week_name, week_to_report
from themewatch.errors import InputError

OSLO = ZoneInfo("Europe/Oslo")


def test_parse_week_gives_the_monday():
    assert parse_week("2026-W47") == date(2026, 11, 16)
    assert parse_week("2026-W01") == date(2025, 12, 29)
    assert parse_week("2026-W53") == date(2026, 12, 28)  # 2026 is a long ISO year


@pytest.mark.parametrize("bad", ["2026-47", "2026W47", "26-W47", "2026-W7", "week 47", "", "2026-W47x"])
def test_malformed_week_is_a_one_line_error_naming_it(bad):
    with pytest.raises(InputError) as caught:
        parse_week(bad)
    message = str(caught.value)
    assert "\n" not in message
    assert repr(bad) in message and "2026-W47" in message


@pytest.mark.parametrize("bad", ["2027-W53", "2026-W00", "2026-W54"])
def test_week_that_does_not_exist_is_refused(bad):
    with pytest.raises(InputError, match="has no ISO week"):
        parse_week(bad)


def test_normalise_and_name_round_trip():
    assert normalise_week("2026-w47") == "2026-W47"
    assert week_name(date(2026, 11, 19)) == "2026-W47"
    assert shift_week(date(2026, 11, 16), -8) == date(2026, 9, 21)


def test_given_week_wins_over_logical_date():
    assert week_to_report("2026-w05", datetime(2026, 11, 23, 5, tzinfo=UTC)) == "2026-W05"


def test_monday_morning_run_reports_the_week_that_just_ended():
    monday_0600_oslo = datetime(2026, 11, 23, 6, 0, tzinfo=OSLO)
    assert week_to_report(None, monday_0600_oslo) == "2026-W47"


def test_logical_date_is_read_in_oslo_time():
    # 00:30 on Monday in Oslo is still Sunday in UTC; the report is about the week before that Monday
    just_after_midnight = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert week_to_report(None, just_after_midnight) == "2026-W47"


def test_year_boundary_and_midweek_runs():
    assert week_to_report(None, datetime(2027, 1, 4, 6, tzinfo=OSLO)) == "2026-W53"
    assert week_to_report(None, datetime(2026, 11, 25, 12, tzinfo=OSLO)) == "2026-W47"


def test_naive_logical_date_counts_as_utc():
    assert week_to_report(None, datetime(2026, 11, 23, 5, 0)) == "2026-W47"


def test_runs_without_logical_date_use_now():
    expected = week_name(datetime.now(OSLO).date() - __import__("datetime").timedelta(days=7))
    assert week_to_report(None, None) == expected
