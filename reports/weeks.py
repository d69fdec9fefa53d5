"""ISO weeks as the report names them: ``2026-W47``, Monday to Sunday.

The warehouse keys weeks on the Monday (``theme_weekly.week`` is a DATE); the
report, its folder and its command line use the ISO name.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from themewatch import defaults
from themewatch.errors import InputError

_ISO_WEEK = re.compile(r"^(\d{4})-[Ww](\d{2})$")


def parse_week(week: str) -> date:
    """The Monday of an ISO week such as ``2026-W47``; a one-line InputError otherwise."""
    match = _ISO_WEEK.match(week.strip()) if isinstance(week, str) else None
    if not match:
        raise InputError(f"week {week!r}: expected an ISO week like 2026-W47")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, number, 1)
    except ValueError:
        raise InputError(f"week {week!r}: {year} has no ISO week {number}") from None


def week_name(monday: date) -> str:
    """``2026-W47`` for any day of that ISO week."""
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}"


def normalise_week(week: str) -> str:
    """Validate an ISO week and return it in canonical form (``2026-w47`` -> ``2026-W47``)."""
    return week_name(parse_week(week))


def shift_week(monday: date, weeks: int) -> date:
    """The Monday ``weeks`` weeks later (negative: earlier)."""
    return monday + timedelta(weeks=weeks)


def week_to_report(param_week: str | None, logical_date: datetime | None) -> str:
    """The ISO week a run reports on: the given one, else the week before the run's logical date.

    The logical date is read in the report's time zone (Europe/Oslo), so the
    Monday 06:00 run reports the Monday-to-Sunday week that just ended. Runs
    without a logical date (manual or asset-triggered) use the current time.
    """
    if param_week:
        return normalise_week(param_week)
    moment = logical_date or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local_day = moment.astimezone(ZoneInfo(defaults.REPORT_TIMEZONE)).date()
    return week_name(local_day - timedelta(days=7))
