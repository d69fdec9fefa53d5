"""What the drift review page says, as plain data: each alert and emerging phrase with
its statistic, its share over the last weeks, and posts from before and after the change.

Built on the weekly model (the same alerts and phrases, read once), adding per
item the queries a quality team needs to judge it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from reports.db import run_query
from reports.model import Window, _series
from reports.weeks import shift_week
from themewatch import defaults


def _split(rows: list[dict]) -> dict[str, list[dict]]:
    return {"before": [r for r in rows if r["period"] == "before"],
            "after": [r for r in rows if r["period"] == "after"]}


def _changes_within(changes: list[dict], theme: str, start, end) -> list[dict]:
    """Taxonomy changes detected between two Mondays (end's week included) that moved ``theme``."""
    low = datetime.combine(start, datetime.min.time(), UTC)
    high = datetime.combine(end + timedelta(days=7), datetime.min.time(), UTC)
    out = []
    for change in changes:
        diff = next((d for d in change["themes"] if d["theme"] == theme), None)
        if low <= change["detected_at"] < high and diff and diff["delta"]:
            out.append({**change, "delta": diff["delta"]})
    return out


def drift_model(con: duckdb.DuckDBPyConnection, weekly: dict[str, Any],
                window: Window | None = None) -> dict[str, Any]:
    """The drift review of the week of ``weekly`` (the output of ``weekly_model``)."""
    window = window or Window.of(weekly["week"])
    model: dict[str, Any] = {"week": weekly["week"], "monday": window.week,
                             "has_data": weekly["has_data"], "window": weekly["window"],
                             "reviews_table": weekly["reviews_table"], "data_weeks": weekly["data_weeks"]}
    if not weekly["has_data"]:
        return model
    per_period = defaults.REPORT_QUOTES_PER_THEME
    changes = weekly["taxonomy_changes"]

    alerts = []
    for alert in weekly["alerts"]:
        baseline_weeks = alert["baseline_weeks"] or window.baseline_weeks
        baseline_start = shift_week(window.week, -baseline_weeks)
        rows = run_query(con, "source_theme_series", source=alert["source"], theme=alert["theme"],
                         first_week=window.trend_start, last_week=window.week)
        examples = run_query(con, "alert_examples", source=alert["source"], theme=alert["theme"],
                             week=window.week, baseline_start=baseline_start, per_period=per_period)
        alerts.append({**alert, "series": _series(rows, window.trend_mondays),
                       "baseline_start": baseline_start, "examples": _split(examples),
                       "taxonomy_changes": _changes_within(changes, alert["theme"], baseline_start,
                                                           window.week)})
    model["open_alerts"] = [a for a in alerts if not a["review"]]
    model["decided_alerts"] = [a for a in alerts if a["review"]]
    model["earlier_open_alerts"] = weekly["earlier_open_alerts"]

    phrases = []
    for phrase in weekly["phrases"]:
        rows = run_query(con, "phrase_series", lang=phrase["lang"], phrase=phrase["phrase"],
                         first_week=window.trend_start, last_week=window.week)
        examples = run_query(con, "phrase_examples", lang=phrase["lang"], phrase=phrase["phrase"],
                             week=window.week, baseline_start=window.baseline_start,
                             per_period=per_period)
        series = _series(rows, window.trend_mondays)
        phrases.append({**phrase, "series": series, "examples": _split(examples),
                        "matched_posts": sum(p["n_docs"] or 0 for p in series)})
    model["phrases"] = phrases
    model["taxonomy_changes"] = changes
    return model
