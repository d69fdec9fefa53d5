"""Dates for the sample site: ISO weeks, Nordic local time and the platforms' date formats.

Local time is Europe/Oslo = Europe/Stockholm (CET/CEST, EU summer-time rule), computed
here so that output never depends on the machine's tz database. All generated instants
fall between 05:00 and 21:59 UTC, so the local date always equals the UTC date and a
unit's ISO week is the same in either.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

NB_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember")
SV_MONTHS_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
                   "nov", "dec")
SV_DAYS_SHORT = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def monday_of(day: date) -> date:
    """Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def week_mondays(end_date: date, weeks: int) -> list[date]:
    """Mondays of the ``weeks`` ISO weeks that end with the week of ``end_date``."""
    last = monday_of(end_date)
    return [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def _last_sunday(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def nordic_offset(instant: datetime) -> timedelta:
    """UTC offset of Oslo/Stockholm at ``instant`` (CEST from the last Sunday of March
    01:00 UTC to the last Sunday of October 01:00 UTC, CET otherwise)."""
    y = instant.year
    start = datetime.combine(_last_sunday(y, 3), datetime.min.time(), UTC) + timedelta(hours=1)
    end = datetime.combine(_last_sunday(y, 10), datetime.min.time(), UTC) + timedelta(hours=1)
    return timedelta(hours=2) if start <= instant < end else timedelta(hours=1)


def to_local(instant: datetime) -> datetime:
    """The same instant in Nordic local time (fixed-offset tzinfo)."""
    return instant.astimezone(timezone(nordic_offset(instant)))


def iso_z(instant: datetime) -> str:
    """``2026-03-12T13:03:00Z``."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_utc_offset(instant: datetime) -> str:
    """``2026-03-12T13:03:00+00:00`` (phpBB 3.3 style)."""
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def iso_local(instant: datetime) -> str:
    """``2026-03-12T14:03:00+01:00`` (WordPress ``c`` format in the site's zone)."""
    return to_local(instant).isoformat(timespec="seconds")


def naive_local(instant: datetime) -> str:
    """``2026-03-12T14:03:00`` (WP REST ``date``)."""
    return to_local(instant).strftime("%Y-%m-%dT%H:%M:%S")


def naive_utc(instant: datetime) -> str:
    """``2026-03-12T13:03:00`` (WP REST ``date_gmt``)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def nb_ips_date(instant: datetime, capture_year: int) -> str:
    """IPS (Norwegian pack): ``12. mars`` in the capture year, else ``12. mars 2025``."""
    loc = to_local(instant)
    text = f"{loc.day}. {NB_MONTHS[loc.month - 1]}"
    return text if loc.year == capture_year else f"{text} {loc.year}"


def nb_ips_title(instant: datetime) -> str:
    """IPS ``title`` attribute: ``12.03.2026 14:03``."""
    return to_local(instant).strftime("%d.%m.%Y %H:%M")


def nb_quote_stamp(instant: datetime) -> str:
    """IPS quote citation date: ``12.3.2026 kl. 14:03``."""
    loc = to_local(instant)
    return f"{loc.day}.{loc.month}.{loc.year} kl. {loc:%H:%M}"


def sv_phpbb(instant: datetime) -> str:
    """phpBB with a Swedish pack and the board format ``D j M Y H:i``: ``tis 12 mar 2026 14:03``."""
    loc = to_local(instant)
    return f"{SV_DAYS_SHORT[loc.weekday()]} {loc.day} {SV_MONTHS_SHORT[loc.month - 1]} {loc.year} {loc:%H:%M}"


def nb_wp(instant: datetime) -> str:
    """WordPress nb_NO comment date: ``12. mars 2026 kl. 14:03``."""
    loc = to_local(instant)
    return f"{loc.day}. {NB_MONTHS[loc.month - 1]} {loc.year} kl. {loc:%H:%M}"


def nb_wp_day(instant: datetime) -> str:
    loc = to_local(instant)
    return f"{loc.day}. {NB_MONTHS[loc.month - 1]} {loc.year}"


def en_wp(instant: datetime) -> str:
    """WordPress en_US comment date: ``March 12, 2026 at 9:41 pm``."""
    loc = to_local(instant)
    hour = loc.hour % 12 or 12
    ampm = "am" if loc.hour < 12 else "pm"
    return f"{EN_MONTHS[loc.month - 1]} {loc.day}, {loc.year} at {hour}:{loc:%M} {ampm}"


def en_wp_day(instant: datetime) -> str:
    loc = to_local(instant)
    return f"{EN_MONTHS[loc.month - 1]} {loc.day}, {loc.year}"

