"""Nordic date text to UTC, with a fixed 'now' (the fetch time)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.dates import DateReader, parse_iso
from themewatch.errors import ConfigError

NOW = datetime(2026, 3, 14, 11, 0, tzinfo=UTC)  # 12:00 in Oslo (CET)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize("text, languages, zone, expected", [
    ("I går, 14:03", ["nb"], "Europe/Oslo", utc(2026, 3, 13, 13, 3)),
    ("igår 21:15", ["sv"], "Europe/Stockholm", utc(2026, 3, 13, 20, 15)),
    ("i dag kl. 09:15", ["nb"], "Europe/Oslo", utc(2026, 3, 14, 8, 15)),
    ("idag kl. 09.15", ["sv"], "Europe/Stockholm", utc(2026, 3, 14, 8, 15)),
    ("i forgårs 10:00", ["sv"], "Europe/Stockholm", utc(2026, 3, 12, 9, 0)),
    ("for 3 timer siden", ["nb"], "Europe/Oslo", utc(2026, 3, 14, 8, 0)),
    ("3 dagar sedan", ["sv"], "Europe/Stockholm", utc(2026, 3, 11, 11, 0)),
    ("for 5 minutter siden", ["nb"], "Europe/Oslo", utc(2026, 3, 14, 10, 55)),
    ("3 dage siden", ["da"], "Europe/Copenhagen", utc(2026, 3, 11, 11, 0)),
    ("12. mars 2009 - 11:42", ["nb"], "Europe/Oslo", utc(2009, 3, 12, 10, 42)),
    ("mars 12, 2009 at 9:41 pm", ["sv"], "Europe/Stockholm", utc(2009, 3, 12, 20, 41)),
    ("tis 12 mar 2026 14:03", ["sv"], "Europe/Stockholm", utc(2026, 3, 12, 13, 3)),
    ("mån 9 mar 2026 08:00", ["sv"], "Europe/Stockholm", utc(2026, 3, 9, 7, 0)),
    ("Fredag 13. mars 2026 kl. 10:00", ["nb"], "Europe/Oslo", utc(2026, 3, 13, 9, 0)),
    ("14. juli 2025 kl. 08.15", ["nb"], "Europe/Oslo", utc(2025, 7, 14, 6, 15)),  # summer time
    ("Wed Jun 02, 2010 11:01 pm", ["en"], "UTC", utc(2010, 6, 2, 23, 1)),
    ("Jun 20th at 2:41 am", ["en"], "UTC", utc(2025, 6, 20, 2, 41)),  # no year: the past one
    ("2024-04-26T06:28:56Z", ["nb"], "Europe/Oslo", utc(2024, 4, 26, 6, 28, 56)),
    ("2018-09-27T14:51:09+0200", ["de"], "Europe/Berlin", utc(2018, 9, 27, 12, 51, 9)),
    ("2026-03-02 14:05", ["nb"], "Europe/Oslo", utc(2026, 3, 2, 13, 5)),  # naive ISO: site time
])
def test_dates_people_write(text, languages, zone, expected):
    assert DateReader(zone, languages, NOW).parse(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "hello world", "Svar", "#7"])
def test_not_a_date(text):
    assert DateReader("Europe/Oslo", ["nb"], NOW).parse(text) is None


def test_relative_dates_follow_the_fetch_time():
    later = DateReader("Europe/Oslo", ["nb"], utc(2026, 3, 20, 11, 0))
    assert later.parse("I går, 14:03") == utc(2026, 3, 19, 13, 3)


def test_iso_and_epoch():
    reader = DateReader("Europe/Oslo", ["nb"], NOW)
    assert parse_iso("2013-02-04T15:26:26.278-05:00", reader.zone) == \
        utc(2013, 2, 4, 20, 26, 26, 278000)
    assert parse_iso("not a date", reader.zone) is None
    assert reader.epoch(1761739672) == utc(2025, 10, 29, 12, 7, 52)


def test_unknown_zone_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown time zone 'Europe/Bergen'"):
        DateReader("Europe/Bergen", ["nb"], NOW)


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        DateReader("Europe/Oslo", ["nb"], datetime(2026, 3, 14))
