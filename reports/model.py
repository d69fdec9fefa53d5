"""What the weekly report says, as plain data: every number it shows, read from the warehouse.

``weekly_model`` runs the named queries of ``reports/sql`` for one ISO week and
returns dicts and lists only (no formatting, no HTML), so tests can check each
number against the warehouse and the CSVs are written from the same rows the
page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from reports.db import relation_exists, run_query
from reports.weeks import parse_week, shift_week, week_name
from themewatch import defaults

DRIFT_REVIEWS_DDL = """
CREATE TEMP TABLE drift_reviews (alert_id VARCHAR, verdict VARCHAR, note VARCHAR,
                                 reviewer VARCHAR, reviewed_at TIMESTAMPTZ)
"""


@dataclass(frozen=True)
class Window:
    """The weeks a report looks at, as Mondays."""

    week: date
    trend_weeks: int = defaults.REPORT_TREND_WEEKS
    baseline_weeks: int = defaults.DRIFT_BASELINE_WEEKS

    @property
    def name(self) -> str:
        return week_name(self.week)

    @property
    def trend_start(self) -> date:
        return shift_week(self.week, -(self.trend_weeks - 1))

    @property
    def baseline_start(self) -> date:
        return shift_week(self.week, -self.baseline_weeks)

    @property
    def baseline_end(self) -> date:
        return shift_week(self.week, -1)

    @property
    def trend_mondays(self) -> list[date]:
        return [shift_week(self.trend_start, i) for i in range(self.trend_weeks)]

    @classmethod
    def of(cls, week: str) -> Window:
        return cls(parse_week(week))


def ensure_reviews_relation(con: duckdb.DuckDBPyConnection) -> bool:
    """Make ``drift_reviews`` queryable; False when the warehouse lacks migration 0050.

    On such a warehouse an empty temporary table stands in (every alert shows as
    open), and the report says so instead of failing.
    """
    if relation_exists(con, "drift_reviews"):
        return True
    con.execute(DRIFT_REVIEWS_DDL)
    return False


def review_status(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row.get("verdict"):
        return None
    return {key: row.get(key) for key in ("verdict", "note", "reviewer", "reviewed_at")}


def _series(rows: list[dict], mondays: list[date]) -> list[dict]:
    """One point per trend week; a week without posts is a gap (share None), never a zero."""
    by_week = {row["week"]: row for row in rows}
    return [
        {"week": monday,
         "n_docs": by_week[monday]["n_docs"] if monday in by_week else None,
         "n_docs_total": by_week[monday]["n_docs_total"] if monday in by_week else None,
         "share": by_week[monday]["share"] if monday in by_week else None}
        for monday in mondays
    ]


def _movers(themes: list[dict], limit: int) -> list[dict]:
    """Themes whose share moved most (in percentage points) from the baseline."""
    candidates = [t for t in themes if t["change"] is not None and t["baseline_n_docs_total"] > 0]
    candidates.sort(key=lambda t: (-abs(t["change"]), t["theme"]))
    return [t for t in candidates[:limit] if t["change"] != 0]


def _breakdown(volumes: list[dict], shares: list[dict], dimension: str,
               source_drift: dict[str, dict]) -> list[dict]:
    by_key: dict[str, dict[str, dict]] = {}
    for row in shares:
        if row["dimension"] == dimension:
            by_key.setdefault(row["key"], {})[row["theme"]] = row
    out = []
    for row in volumes:
        if row["dimension"] != dimension:
            continue
        theme_rows = by_key.get(row["key"], {})
        top = sorted((r for r in theme_rows.values() if r["n_docs"] > 0),
                     key=lambda r: (-r["n_docs"], r["theme"]))[:3]
        baseline = row["baseline_weekly"]
        out.append({
            "key": row["key"],
            "n_docs": row["n_docs"],
            "baseline_weekly": baseline,
            "volume_change": (row["n_docs"] / baseline - 1) if baseline else None,
            "last_week_with_posts": row["last_week_with_posts"],
            "shares": {theme: r["share"] for theme, r in theme_rows.items()},
            "counts": {theme: r["n_docs"] for theme, r in theme_rows.items()},
            "top_themes": [{"theme": r["theme"], "share": r["share"], "n_docs": r["n_docs"]}
                           for r in top],
            "drift": source_drift.get(row["key"]),
        })
    return out


def weekly_model(con: duckdb.DuckDBPyConnection, week: str,
                 window: Window | None = None) -> dict[str, Any]:
    """Every number of the weekly report of ``week`` (``2026-W47``), as plain data."""
    window = window or Window.of(week)
    params = {"week": window.week}
    reviews_table = ensure_reviews_relation(con)
    themes = run_query(con, "theme_summary", week=window.week, baseline_start=window.baseline_start)
    n_docs = max((t["n_docs_total"] for t in themes), default=0)
    data_weeks = run_query(con, "data_weeks")[0]
    model: dict[str, Any] = {
        "week": window.name,
        "monday": window.week,
        "window": {"trend_start": window.trend_start, "baseline_start": window.baseline_start,
                   "baseline_end": window.baseline_end, "baseline_weeks": window.baseline_weeks,
                   "trend_weeks": window.trend_weeks},
        "has_data": n_docs > 0,
        "n_docs": n_docs,
        "data_weeks": data_weeks,
        "reviews_table": reviews_table,
    }
    if not model["has_data"]:
        return model

    baseline_total = max((t["baseline_n_docs_total"] for t in themes), default=0)
    model["baseline_weekly"] = baseline_total / window.baseline_weeks
    model["themes"] = themes

    series_rows = run_query(con, "theme_week_series", first_week=window.trend_start,
                            last_week=window.week)
    by_theme: dict[str, list[dict]] = {}
    for row in series_rows:
        by_theme.setdefault(row["theme"], []).append(row)
    model["series"] = {t["theme"]: _series(by_theme.get(t["theme"], []), window.trend_mondays)
                       for t in themes}
    totals = {row["week"]: row["n_docs_total"] for row in series_rows}
    model["weekly_totals"] = [{"week": m, "n_docs_total": totals.get(m)} for m in window.trend_mondays]
    model["movers"] = _movers(themes, defaults.REPORT_MOVERS)

    alerts = run_query(con, "drift_alerts", first_week=window.trend_start, week=window.week)
    for alert in alerts:
        alert["review"] = review_status(alert)
    this_week = [a for a in alerts if a["week"] == window.week]
    model["alerts"] = [a for a in this_week if not a["review"]] + [a for a in this_week if a["review"]]
    model["earlier_open_alerts"] = [a for a in alerts if a["week"] < window.week and not a["review"]]
    model["source_drift"] = run_query(con, "source_drift", **params)

    phrases = run_query(con, "emerging_phrases", **params)
    for phrase in phrases:
        phrase["review"] = review_status(phrase)
    model["phrases"] = phrases

    volumes = run_query(con, "volumes_by_source_and_lang", week=window.week,
                        baseline_start=window.baseline_start, baseline_weeks=window.baseline_weeks)
    shares = run_query(con, "theme_shares_by_source_and_lang", **params)
    drift_by_source = {row["source"]: row for row in model["source_drift"]}
    model["by_source"] = _breakdown(volumes, shares, "source", drift_by_source)
    model["by_lang"] = _breakdown(volumes, shares, "lang", {})

    quoted = [t["theme"] for t in themes if t["n_docs"] > 0][: defaults.REPORT_TOP_THEMES]
    for alert in model["alerts"]:
        if alert["direction"] == "up" and alert["theme"] not in quoted:
            quoted.append(alert["theme"])
    quotes = run_query(con, "theme_quotes", week=window.week, themes=quoted,
                       per_theme=defaults.REPORT_QUOTES_PER_THEME)
    model["quotes"] = [{"theme": theme, "examples": [q for q in quotes if q["theme"] == theme]}
                       for theme in quoted]

    changes = run_query(con, "taxonomy_changes", first_week=window.trend_start, week=window.week)
    model["taxonomy_changes"] = group_taxonomy_changes(changes)
    model["provenance"] = run_query(con, "week_provenance", **params)
    return model


def group_taxonomy_changes(rows: list[dict]) -> list[dict]:
    """Rows of taxonomy_changes grouped into one diff per detected change."""
    changes: dict[tuple, dict] = {}
    for row in rows:
        key = (row["detected_at"], row["old_version"], row["new_version"])
        change = changes.setdefault(key, {
            "detected_at": row["detected_at"], "old_version": row["old_version"],
            "new_version": row["new_version"], "n_sample": row["n_sample"], "themes": []})
        change["themes"].append({k: row[k] for k in ("theme", "n_old", "n_new", "delta")})
    return list(changes.values())
