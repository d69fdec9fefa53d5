"""warehouse.connection: read-only readers, swap and in-place writers, locks, extensions."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from themewatch import defaults
from themewatch.errors import WarehouseError
from warehouse.connection import (
    WarehouseLockedError,
    connect,
    extension_path,
    load_extension,
    write_session,
)


def _count(path: Path) -> int:
    con = connect(read_only=True, path=path)
    try:
        return con.execute("SELECT count(*) FROM warehouse_state").fetchone()[0]
    finally:
        con.close()


def _put(path: Path, key: str, mode: str = "swap") -> None:
    with write_session(path, mode=mode) as con:
        con.execute("INSERT INTO warehouse_state VALUES (?, 'v', now())", [key])


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(defaults, "WAREHOUSE_LOCK_ATTEMPTS", 2)
    monkeypatch.setattr(defaults, "WAREHOUSE_LOCK_BACKOFF_SECONDS", 0.05)


def _holder(path: Path, read_only: bool) -> subprocess.Popen:
    """Another process holding the warehouse open until its stdin closes."""
    code = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(path)!r}, read_only={read_only})
        print("open", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_read_only_needs_an_existing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no warehouse yet"):
        connect(read_only=True, path=tmp_path / "missing.duckdb")
    assert not (tmp_path / "missing.duckdb").exists()


def test_read_only_connection_refuses_writes_and_uses_utc(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a")
    con = connect(read_only=True, path=path)
    try:
        assert con.execute("SELECT current_setting('TimeZone')").fetchone()[0] == "UTC"
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("INSERT INTO warehouse_state VALUES ('b', 'v', now())")
    finally:
        con.close()


@pytest.mark.parametrize("mode", ["swap", "in_place"])
def test_write_session_commits_on_success_and_rolls_back_on_error(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a", mode)
    with pytest.raises(RuntimeError), write_session(path, mode=mode) as con:
        con.execute("INSERT INTO warehouse_state VALUES ('b', 'v', now())")
        raise RuntimeError("boom")
    assert _count(path) == 1
    assert not list(tmp_path.glob(".w.duckdb.staging*"))


def test_swap_never_blocks_an_open_reader_and_the_reader_keeps_its_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a")
    reader = _holder(path, read_only=True)
    try:
        _put(path, "b")  # would fail with a lock error if it wrote in place
    finally:
        reader.stdin.close()
        reader.wait()
    assert _count(path) == 2


def test_in_place_writer_reports_the_reader_holding_the_lock(tmp_path: Path, fast_retries: None) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a")
    reader = _holder(path, read_only=True)
    try:
        with pytest.raises(WarehouseLockedError, match=rf"locked by .*PID {reader.pid}"):
            _put(path, "b", mode="in_place")
    finally:
        reader.stdin.close()
        reader.wait()
    assert _count(path) == 1


def test_swap_writer_refuses_while_someone_holds_the_file_read_write(tmp_path: Path, fast_retries: None) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a")
    writer = _holder(path, read_only=False)
    try:
        with pytest.raises(WarehouseLockedError, match="open it read-only|read-write"):
            _put(path, "b")
        with pytest.raises(WarehouseLockedError):
            connect(read_only=True, path=path)
    finally:
        writer.stdin.close()
        writer.wait()
    assert _count(path) == 1


@pytest.mark.parametrize("mode", ["swap", "in_place"])
def test_writer_killed_half_way_leaves_the_warehouse_as_it_was(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "w.duckdb"
    _put(path, "a", mode)
    code = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from warehouse.connection import write_session
        with write_session(Path({str(path)!r}), mode={mode!r}) as con:
            con.execute("INSERT INTO warehouse_state SELECT 'k' || range, 'v', now() FROM range(1000)")
            os._exit(9)
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[2], check=False)
    assert result.returncode == 9
    assert _count(path) == 1
    _put(path, "b", mode)  # and the next writer cleans up after it
    assert _count(path) == 2
    assert not list(tmp_path.glob(".w.duckdb.staging*"))


def test_our_own_writers_are_serialised(tmp_path: Path, fast_retries: None) -> None:
    path = tmp_path / "w.duckdb"
    busy = pytest.raises(WarehouseLockedError, match="another themewatch writer")
    with write_session(path), busy, write_session(path):
        pass


def test_extensions_load_offline_from_site_packages(tmp_path: Path) -> None:
    assert extension_path("fts").name == "fts.duckdb_extension"
    con = duckdb.connect()
    load_extension(con, "fts")
    assert con.execute("SELECT stem('telefonkøen', 'norwegian')").fetchone()[0] == "telefonkø"
    with pytest.raises(WarehouseError, match="not installed"):
        extension_path("spatial")
