"""What the terminal commands read: week windows, theme lists and trend rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from themewatch.errors import InputError
from warehouse.freshness import week_bounds
from warehouse.sql import query


def current_monday() -> date:
    today = datetime.now(UTC).date()
    return today - timedelta(days=today.weekday())


def latest_week(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest week with posts, never later than the current week (stray future dates)."""
    row = con.execute(
        "SELECT max(week) FROM documents WHERE week <= ?", [current_monday()]
    ).fetchone()
    return row[0] if row else None


def week_window(con: duckdb.DuckDBPyConnection, weeks: int, until: str | None) -> tuple[date, date] | None:
    """(first Monday, last Monday) of ``weeks`` weeks ending at ``until`` (ISO week) or the latest."""
    if weeks < 1:
        raise InputError(f"--weeks must be at least 1, got {weeks}")
    last = week_bounds(until)[0] if until else latest_week(con)
    if last is None:
        return None
    return last - timedelta(weeks=weeks - 1), last


def known_themes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [t for (t,) in con.execute("SELECT DISTINCT theme FROM theme_weekly ORDER BY theme").fetchall()]


def check_theme(con: duckdb.DuckDBPyConnection, theme: str) -> None:
    themes = known_themes(con)
    if theme not in themes:
        listed = ", ".join(themes) if themes else "none loaded yet"
        raise InputError(f"unknown theme {theme!r} (known: {listed})")


def _filters(con: duckdb.DuckDBPyConnection, window: tuple[date, date], source: str | None,
             lang: str | None, theme: str | None = None) -> None:
    for name, value in (("from_week", window[0]), ("to_week", window[1]), ("source", source),
                        ("lang", lang), ("theme", theme)):
        con.execute(f"SET VARIABLE {name} = ?", [value])


def theme_trend(con: duckdb.DuckDBPyConnection, theme: str, window: tuple[date, date],
                source: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    _filters(con, window, source, lang, theme)
    cursor = con.execute(query("theme_trend"))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def theme_matrix(con: duckdb.DuckDBPyConnection, window: tuple[date, date],
                 source: str | None = None, lang: str | None = None) -> dict[str, dict[date, float]]:
    _filters(con, window, source, lang)
    matrix: dict[str, dict[date, float]] = {}
    for theme, week, _n, _total, share in con.execute(query("theme_matrix")).fetchall():
        matrix.setdefault(theme, {})[week] = share
    return matrix
