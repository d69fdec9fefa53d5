"""Recording a reviewer's verdict on a drift alert or an emerging phrase.

Verdicts go to ``drift_reviews`` (migration 0050), append-only: a later
verdict on the same id supersedes the earlier one, which stays as history.
The next report shows the alert as decided, with the verdict and the note.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reports.db import relation_exists, run_query
from reports.weeks import week_name
from themewatch.errors import InputError, WarehouseError
from warehouse.connection import write_session

VERDICTS = ("real", "taxonomy", "noise")
MIN_ID_PREFIX = 6


def default_reviewer() -> str:
    """Who is reviewing: ``THEMEWATCH_REVIEWER``, else the login name."""
    return os.environ.get("THEMEWATCH_REVIEWER") or getpass.getuser()


def _resolve(con, target: str) -> dict[str, Any]:
    matches = run_query(con, "review_targets", target=target)
    exact = [m for m in matches if m["target_id"] == target]
    if exact:
        return exact[0]
    if not matches:
        raise InputError(f"unknown alert id {target!r}: no drift alert or emerging phrase has that id "
                         "(the ids are on the drift review page)")
    if len(matches) > 1:
        shown = ", ".join(m["target_id"] for m in matches[:3])
        raise InputError(f"alert id {target!r} is ambiguous ({shown}, ...): give more of it")
    return matches[0]


def record_review(target: str, verdict: str, note: str = "", reviewer: str | None = None, *,
                  warehouse_path: Path | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Store a verdict (real, taxonomy or noise) on an alert or phrase id (or a unique prefix of one)."""
    target = (target or "").strip()
    if verdict not in VERDICTS:
        raise InputError(f"verdict {verdict!r}: expected one of {', '.join(VERDICTS)}")
    if len(target) < MIN_ID_PREFIX:
        raise InputError(f"alert id {target!r}: give at least {MIN_ID_PREFIX} characters of it")
    reviewer = (reviewer or default_reviewer()).strip()
    reviewed_at = now or datetime.now(UTC)
    with write_session(warehouse_path) as con:
        if not relation_exists(con, "drift_reviews"):
            raise WarehouseError("the warehouse has no drift_reviews table yet "
                                 "(migration 0050_drift_reviews.sql has not been applied)")
        found = _resolve(con, target)
        if not found["flag"]:
            raise InputError(f"alert id {found['target_id']!r}: that theme and source were not flagged "
                             f"in {week_name(found['week'])}, so there is no alert to review")
        run_query(con, "insert_review", alert_id=found["target_id"], verdict=verdict,
                  note=(note or "").strip(), reviewer=reviewer, reviewed_at=reviewed_at)
        history = run_query(con, "reviews_of", alert_id=found["target_id"])
    return {
        "alert_id": found["target_id"],
        "kind": found["kind"],
        "week": week_name(found["week"]),
        "source": found["source"],
        "theme": found["theme"],
        "lang": found["lang"],
        "phrase": found["phrase"],
        "verdict": verdict,
        "note": (note or "").strip(),
        "reviewer": reviewer,
        "reviewed_at": reviewed_at.isoformat(),
        "earlier_reviews": len(history) - 1,
    }
