"""Is a week's data in the warehouse? The weekly report's sensor asks before rendering."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from themewatch.errors import InputError
from warehouse.connection import WarehouseLockedError, connect, warehouse_path
from warehouse.sql import query

log = logging.getLogger(__name__)

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_bounds(week: str) -> tuple[date, datetime]:
    """Monday of an ISO week ("2026-W47") and the moment it ends (next Monday 00:00 UTC)."""
    match = _ISO_WEEK.match(week)
    if not match:
        raise InputError(f"week must look like 2026-W47, got {week!r}")
    try:
        start = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise InputError(f"{week} is not a week of that year") from None
    end = datetime.combine(start + timedelta(days=7), time(0), tzinfo=UTC)
    return start, end


def week_status(week: str, path: Path | None = None) -> dict:
    """Why a week is or is not loaded: {loaded, loaded_after_end, waiting_for}."""
    start, end = week_bounds(week)
    path = warehouse_path(path)
    if not path.exists():
        return {"week": week, "loaded": False, "loaded_after_end": False, "waiting_for": [],
                "reason": "no warehouse yet"}
    con = connect(read_only=True, path=path)
    try:
        con.execute("SET VARIABLE week_start = ?::DATE", [start])
        con.execute("SET VARIABLE week_end = ?::TIMESTAMPTZ", [end])
        loaded_after_end, waiting_for = con.execute(query("week_is_loaded")).fetchone()
    finally:
        con.close()
    waiting_for = list(waiting_for or [])
    return {"week": week, "loaded": bool(loaded_after_end) and not waiting_for,
            "loaded_after_end": bool(loaded_after_end), "waiting_for": waiting_for}


def week_is_loaded(week: str) -> bool:
    """True once a successful load finished after ``week`` ended and covers every active source.

    A warehouse locked by a writer counts as "not yet" (the sensor pokes again later).
    """
    try:
        status = week_status(week)
    except WarehouseLockedError as exc:
        log.info("warehouse busy, will look again: %s", exc)
        return False
    log.info("week %s: %s", week, status)
    return status["loaded"]
