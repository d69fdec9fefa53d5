"""warehouse.freshness: the weekly report's sensor."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.warehouse.warehouse_builders import MONDAY, at, run_record, tagged, write_partition
from themewatch import defaults
from themewatch.errors import InputError
from themewatch.lake import Lake, Partition
from themewatch.settings import get_settings
from warehouse.freshness import week_bounds, week_is_loaded, week_status
from warehouse.load import load_pending_partitions

WEEK = "2026-W37"  # MONDAY's week


def test_week_bounds() -> None:
    start, end = week_bounds(WEEK)
    assert start == MONDAY and end.isoformat() == "2026-09-14T00:00:00+00:00"
    assert week_bounds("2026-W53")[0] == date(2026, 12, 28)
    for bad in ("2026-47", "2026-W99", "2025-W53"):
        with pytest.raises(InputError):
            week_bounds(bad)


def test_not_loaded_without_a_warehouse(data_dir: Path) -> None:
    assert week_is_loaded(WEEK) is False


def test_not_loaded_until_data_fetched_after_the_week_is_in(data_dir: Path) -> None:
    # Posts of the week fetched during the week: the week is not over in the warehouse yet.
    write_partition([tagged("1", fetched=at(MONDAY + timedelta(days=3)))], run_date=MONDAY + timedelta(days=3))
    write_partition([tagged("1", source="blog-sv", fetched=at(MONDAY + timedelta(days=3)))], source="blog-sv",
                    run_date=MONDAY + timedelta(days=3))
    load_pending_partitions()
    status = week_status(WEEK)
    assert status["loaded_after_end"] is True  # the load itself ran after the week (today)
    assert status["waiting_for"] == ["blog-sv", "forum-nb"] and week_is_loaded(WEEK) is False
    # Monday's ingest of forum-nb lands; blog-sv's failed, but its run record says so.
    write_partition([tagged("2", fetched=at(MONDAY + timedelta(days=7), hour=1))], run_date=MONDAY + timedelta(days=7))
    Lake(get_settings().lake_dir).write_run_record(
        Partition("raw", "blog-sv", MONDAY + timedelta(days=7)),
        run_record("ingest", "blog-sv", MONDAY + timedelta(days=7), status="failed", error="timeout", rejected=[],
                   items_seen=0, items_stored=0, items_duplicate=0, items_rejected=0))
    load_pending_partitions()
    assert week_status(WEEK)["waiting_for"] == []
    assert week_is_loaded(WEEK) is True
    assert week_is_loaded("2026-W36") is True
    assert week_is_loaded("2099-W01") is False


def test_a_locked_warehouse_means_not_yet(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_partition([tagged("1")])
    load_pending_partitions()
    monkeypatch.setattr(defaults, "WAREHOUSE_LOCK_BACKOFF_SECONDS", 0.01)
    code = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(get_settings().warehouse_path)!r})
        print("open", flush=True)
        sys.stdin.read()
    """)
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert week_is_loaded(WEEK) is False
    finally:
        holder.stdin.close()
        holder.wait()
