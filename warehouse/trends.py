"""Trend tables and drift: what analysts and the weekly report read.

* ``theme_weekly`` / ``theme_monthly`` are stored tables, rebuilt inside every load's
  transaction (:func:`materialise_theme_counts`), so they always agree with
  ``documents`` and answer in milliseconds however many theme rows lie behind them.
* :func:`refresh_trends` computes ``theme_drift``, ``source_drift``, ``theme_examples``
  and ``emerging_phrases`` from a read-only connection, then writes them in one short
  write session. Every run recomputes them whole, so a re-run changes nothing and late
  data corrects earlier weeks.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from themewatch import defaults
from themewatch.errors import WarehouseError
from warehouse import drift
from warehouse.connection import connect, warehouse_path, write_session
from warehouse.migrations import pending_migrations
from warehouse.sql import query

log = logging.getLogger(__name__)

COUNTS_STAMP = "theme_counts_load_id"
UNTAGGED = "(untagged)"

_TS = pa.timestamp("us", tz="UTC")
THEME_DRIFT_SCHEMA = pa.schema(
    [("alert_id", pa.string()), ("week", pa.date32()), ("source", pa.string()),
     ("theme", pa.string()), ("n_docs", pa.int64()), ("n_docs_total", pa.int64()),
     ("share", pa.float64()), ("baseline_share", pa.float64()), ("baseline_weeks", pa.int32()),
     ("baseline_n_docs_total", pa.int64()), ("method", pa.string()), ("statistic", pa.float64()),
     ("p_value", pa.float64()), ("q_value", pa.float64()), ("dispersion", pa.float64()),
     ("flag", pa.bool_()), ("direction", pa.string()), ("taxonomy_changed", pa.bool_()),
     ("window_weeks", pa.int32()), ("p_value_week", pa.float64()),
     ("p_value_two_weeks", pa.float64()), ("bh_weight", pa.float64())]
)
SOURCE_DRIFT_SCHEMA = pa.schema(
    [("week", pa.date32()), ("source", pa.string()), ("n_docs_total", pa.int64()),
     ("baseline_weeks", pa.int32()), ("jsd", pa.float64()), ("psi", pa.float64()),
     ("p_value", pa.float64()), ("q_value", pa.float64()), ("flag", pa.bool_()),
     ("top_theme", pa.string()), ("taxonomy_changed", pa.bool_())]
)
EMERGING_SCHEMA = pa.schema(
    [("week", pa.date32()), ("lang", pa.string()), ("phrase", pa.string()),
     ("n", pa.int64()), ("lift", pa.float64())]
)


def alert_id(week: date, source: str, theme: str) -> str:
    """Stable id of a theme x source x week cell (drift reviews refer to it)."""
    return hashlib.sha256(f"{week.isoformat()}\x1f{source}\x1f{theme}".encode()).hexdigest()[:16]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def materialise_theme_counts(con: duckdb.DuckDBPyConnection, load_id: str | None) -> None:
    """Rebuild theme_weekly and theme_monthly inside the caller's transaction."""
    for period in ("week", "month"):
        con.execute(query("theme_counts_build").format(period=period))
    con.execute(
        "INSERT OR REPLACE INTO warehouse_state VALUES (?, ?, now())", [COUNTS_STAMP, load_id]
    )


def _last_changing_load(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute(
        "SELECT load_id FROM loads WHERE n_new + n_updated > 0 ORDER BY finished_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def _counts_are_current(con: duckdb.DuckDBPyConnection) -> bool:
    stamp = con.execute("SELECT value FROM warehouse_state WHERE key = ?", [COUNTS_STAMP]).fetchone()
    return (stamp[0] if stamp else None) == _last_changing_load(con)


# --- drift -----------------------------------------------------------------------------


def _week_axis(weeks: list[date]) -> list[date]:
    first, last = min(weeks), max(weeks)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _taxonomy_changed(versions: np.ndarray, baseline_weeks: int) -> np.ndarray:
    """(sources, weeks) bool: a baseline week's main taxonomy version differs from this week's."""
    changed = np.zeros(versions.shape, dtype=bool)
    for s in range(versions.shape[0]):
        for t in range(versions.shape[1]):
            now = versions[s, t]
            window = [v for v in versions[s, max(0, t - baseline_weeks) : t] if v is not None]
            changed[s, t] = now is not None and any(v != now for v in window)
    return changed


def compute_drift(
    counts: list[tuple], source_weeks: list[tuple], config: drift.DriftConfig = drift.DEFAULT_CONFIG
) -> tuple[pa.Table, pa.Table]:
    """theme_drift and source_drift rows from (source, theme, week, n_docs, n_docs_total) counts
    and (source, week, n_untagged, taxonomy_version) rows."""
    if not counts:
        return THEME_DRIFT_SCHEMA.empty_table(), SOURCE_DRIFT_SCHEMA.empty_table()
    sources = sorted({row[0] for row in counts})
    themes = sorted({row[1] for row in counts})
    weeks = _week_axis([row[2] for row in counts])
    s_index = {s: i for i, s in enumerate(sources)}
    h_index = {h: i for i, h in enumerate(themes)}
    w_index = {w: i for i, w in enumerate(weeks)}
    x = np.zeros((len(sources), len(themes), len(weeks)), dtype=np.int64)
    n_source = np.zeros((len(sources), len(weeks)), dtype=np.int64)
    for source, theme, week, n_docs, n_total in counts:
        x[s_index[source], h_index[theme], w_index[week]] = n_docs
        n_source[s_index[source], w_index[week]] = n_total
    untagged = np.zeros((len(sources), len(weeks)), dtype=np.int64)
    versions = np.full((len(sources), len(weeks)), None, dtype=object)
    for source, week, n_untagged, version in source_weeks:
        if source in s_index and week in w_index:
            untagged[s_index[source], w_index[week]] = n_untagged
            versions[s_index[source], w_index[week]] = version
    changed = _taxonomy_changed(versions, config.baseline_weeks)

    cells = len(sources) * len(themes)
    n = np.broadcast_to(n_source[:, None, :], x.shape)
    bad = np.array([-1 if t in defaults.NON_COMPLAINT_THEMES else 1 for t in themes] * len(sources))
    groups = np.repeat(np.arange(len(sources)), len(themes))
    result = drift.theme_drift(
        x.reshape(cells, -1), n.reshape(cells, -1), groups=groups, config=config, bad_direction=bad
    )
    rows = []
    for c, t in zip(*np.nonzero(result.tested)):
        s, h = divmod(int(c), len(themes))
        week, source, theme = weeks[t], sources[s], themes[h]
        flagged, window = bool(result.flag[c, t]), int(result.window[c, t])
        method = ("weekly" if window == 1 else "two_weeks") if flagged else "none"
        p_pair = float(result.p_two_weeks[c, t])
        rows.append(
            {"alert_id": alert_id(week, source, theme), "week": week, "source": source,
             "theme": theme, "n_docs": int(x[s, h, t]), "n_docs_total": int(n_source[s, t]),
             "share": float(result.share[c, t]), "baseline_share": float(result.baseline_share[c, t]),
             "baseline_weeks": int(result.baseline_weeks[c, t]),
             "baseline_n_docs_total": int(result.baseline_n[c, t]), "method": method,
             "statistic": float(result.statistic[c, t]), "p_value": float(result.p_value[c, t]),
             "q_value": float(result.q_value[c, t]), "dispersion": float(result.dispersion[c, t]),
             "flag": flagged, "direction": "up" if result.direction[c, t] > 0 else "down",
             "taxonomy_changed": bool(changed[s, t]), "window_weeks": window,
             "p_value_week": float(result.p_week[c, t]),
             "p_value_two_weeks": None if np.isnan(p_pair) else p_pair,
             "bh_weight": float(result.bh_weight[c, t])}
        )
    theme_rows = pa.Table.from_pylist(rows, schema=THEME_DRIFT_SCHEMA)

    mix = np.concatenate([np.moveaxis(x, 1, 2), untagged[:, :, None]], axis=-1)
    bins = themes + [UNTAGGED]
    by_source = drift.source_drift(mix, config)
    source_rows = []
    for s, t in zip(*np.nonzero(by_source.tested)):
        source_rows.append(
            {"week": weeks[t], "source": sources[s], "n_docs_total": int(n_source[s, t]),
             "baseline_weeks": int(by_source.baseline_weeks[s, t]),
             "jsd": float(by_source.jsd[s, t]), "psi": float(by_source.psi[s, t]),
             "p_value": None if np.isnan(by_source.p_value[s, t]) else float(by_source.p_value[s, t]),
             "q_value": None if np.isnan(by_source.q_value[s, t]) else float(by_source.q_value[s, t]),
             "flag": bool(by_source.flag[s, t]),
             "top_theme": bins[by_source.top_bin[s, t]] if by_source.top_bin[s, t] >= 0 else None,
             "taxonomy_changed": bool(changed[s, t])}
        )
    return theme_rows, pa.Table.from_pylist(source_rows, schema=SOURCE_DRIFT_SCHEMA)


# --- emerging phrases ------------------------------------------------------------------


def _emerging_phrases(con: duckdb.DuckDBPyConnection) -> tuple[pa.Table, str]:
    """Rows for emerging_phrases from the tagging stage's finder, and a note of what it did."""
    from transforms.emerging import find_emerging_phrases

    con.execute("SET VARIABLE emerging_weeks = ?", [defaults.EMERGING_WINDOW_WEEKS])
    con.execute("SET VARIABLE non_complaint_themes = ?::VARCHAR[]", [list(defaults.NON_COMPLAINT_THEMES)])
    rows = con.execute(query("emerging_rows")).fetchall()
    found = find_emerging_phrases(rows)
    table = pa.Table.from_pylist(
        [{"week": r["week"], "lang": r["lang"], "phrase": r["phrase"], "n": int(r["n"]),
          "lift": float(r["lift"])} for r in found],
        schema=EMERGING_SCHEMA,
    )
    return table, f"{table.num_rows} phrases from {len(rows)} posts"


# --- refresh ---------------------------------------------------------------------------


def _ensure_counts(path: Path) -> None:
    """Bring the schema and the stored counts up to date if a load has not (rare)."""
    con = connect(read_only=True, path=path)
    try:
        current = not pending_migrations(con) and _counts_are_current(con)
    except duckdb.Error:
        current = False
    finally:
        con.close()
    if not current:
        with write_session(path) as rw:
            materialise_theme_counts(rw, _last_changing_load(rw))


def refresh_trends(path: Path | None = None) -> dict[str, Any]:
    """Recompute drift, examples and emerging phrases (and the counts if stale); see module doc."""
    clock = time.monotonic()
    path = warehouse_path(path)
    if not path.exists():
        return {"status": "no warehouse yet", "warehouse": str(path)}
    _ensure_counts(path)
    con = connect(read_only=True, path=path)
    try:
        counts = con.execute(query("drift_weekly_counts")).fetchall()
        source_weeks = con.execute(query("drift_source_weeks")).fetchall()
        con.execute("SET VARIABLE examples_per_week = ?", [defaults.THEME_EXAMPLES_PER_WEEK])
        examples = con.execute(query("theme_examples")).to_arrow_table()
        emerging, emerging_note = _emerging_phrases(con)
    finally:
        con.close()
    theme_rows, source_rows = compute_drift(counts, source_weeks)
    compute_seconds = time.monotonic() - clock

    write_clock = time.monotonic()
    try:
        with write_session(path) as rw:
            for table, data in (("theme_drift", theme_rows), ("source_drift", source_rows),
                                ("theme_examples", examples)):
                rw.register("fresh", data)
                rw.execute(f"DELETE FROM {table}")
                rw.execute(f"INSERT INTO {table} BY NAME SELECT * FROM fresh")
                rw.unregister("fresh")
            rw.execute("SET VARIABLE emerging_weeks = ?", [defaults.EMERGING_WINDOW_WEEKS])
            rw.execute(query("emerging_clear"))
            rw.register("fresh", emerging)
            rw.execute("INSERT INTO emerging_phrases BY NAME SELECT * FROM fresh")
            rw.unregister("fresh")
    except duckdb.Error as exc:
        raise WarehouseError(f"{path}: trend refresh failed and was rolled back: {exc}") from None
    flagged = theme_rows.filter(theme_rows["flag"]) if theme_rows.num_rows else theme_rows
    return {
        "status": "refreshed",
        "warehouse": str(path),
        "drift_cells": theme_rows.num_rows,
        "drift_flags": flagged.num_rows,
        "source_flags": sum(source_rows["flag"].to_pylist()) if source_rows.num_rows else 0,
        "examples": examples.num_rows,
        "emerging_phrases": emerging_note,
        "compute_seconds": round(compute_seconds, 3),
        "write_seconds": round(time.monotonic() - write_clock, 3),
        "refreshed_at": datetime.now(UTC).isoformat(),
    }
