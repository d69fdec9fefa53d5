"""The one place that opens DuckDB.

DuckDB allows one read-write process or any number of read-only ones on a file, never
both ("Could not set lock on file"). Analysts keep read-only sessions open for hours,
so pipeline writes go through :func:`write_session`, which by default never touches
the file they have open:

* ``swap`` (default): under a shared lock on the warehouse (which keeps any in-place
  writer out), copy it to a staging file beside it, write there in one transaction,
  checkpoint, and rename the staging file over the warehouse. Open sessions keep
  reading the version they opened (consistent, just not the newest); new sessions see
  the new one. A writer killed half-way leaves only a stale staging file, removed by
  the next writer.
* ``in_place``: one transaction in the file itself, retried briefly while readers hold
  it. For warehouses too big to copy on every load.

Readers use :func:`connect` (read-only by default). Lock conflicts become a
:class:`WarehouseLockedError` naming the process that holds the file.
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from themewatch import defaults
from themewatch.errors import WarehouseError
from themewatch.settings import get_settings
from warehouse.migrations import apply_migrations, apply_views

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Extensions we ship through PyPI packages (no download at run time).
EXTENSION_PACKAGES = {
    "fts": "duckdb_extension_fts",
    "ducklake": "duckdb_extension_ducklake",
    "httpfs": "duckdb_extension_httpfs",
}

_CONFIG = {
    # Never reach for extensions.duckdb.org: the build machines cannot, and a half-minute
    # network timeout inside an analyst's query is worse than a clear error.
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
_LOCK_MESSAGE = "Could not set lock on file"
_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
_READER_ATTEMPTS = 3


class WarehouseLockedError(WarehouseError):
    """Another process holds the warehouse file in a way that excludes us."""


def warehouse_path(path: Path | None = None) -> Path:
    return Path(path) if path is not None else get_settings().warehouse_path


def extension_path(name: str) -> Path:
    """Path of a bundled DuckDB extension binary for the installed duckdb version."""
    package = EXTENSION_PACKAGES.get(name)
    spec = importlib.util.find_spec(package) if package else None
    if spec is None or not spec.submodule_search_locations:
        raise WarehouseError(f"DuckDB extension {name!r} is not installed (package {package})")
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise WarehouseError(
            f"DuckDB extension {name!r} has no binary for duckdb {duckdb.__version__} at {path}"
        )
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD a bundled extension from site-packages (works offline and on read-only connections)."""
    con.execute(f"LOAD '{extension_path(name)}'")


def _prepared(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Session settings every connection shares: weeks and months in UTC, and no progress
    bars (they belong to people's terminals, not to task logs and piped output)."""
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    return con


def _lock_error(path: Path, exc: Exception, read_only: bool) -> WarehouseLockedError:
    holder = _HOLDER.search(str(exc))
    who = f"{holder['program']} (PID {holder['pid']})" if holder else "another process"
    if read_only:
        advice = "it is open read-write there; close that session (analysts: open it read-only)"
    else:
        advice = ("any open session, read-only ones too, blocks writing in place; close it, or "
                  "let loads swap files (THEMEWATCH_WAREHOUSE_WRITE_MODE=swap)")
    return WarehouseLockedError(f"{path} is locked by {who}: {advice}")


class _Busy(Exception):
    """Someone else holds what we need right now; worth another attempt."""


def _retrying(action: Callable[[], T], attempts: int, what: str) -> T:
    """Run ``action`` until it stops raising _Busy, pausing 0.5, 1, 2 ... s between attempts."""
    delay = defaults.WAREHOUSE_LOCK_BACKOFF_SECONDS
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except _Busy:
            if attempt == attempts:
                raise
            log.info("%s is busy (attempt %d of %d); retrying in %.1f s", what, attempt, attempts, delay)
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def _open(path: Path, *, read_only: bool, attempts: int) -> duckdb.DuckDBPyConnection:
    def attempt() -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
        except duckdb.IOException as exc:
            if _LOCK_MESSAGE in str(exc):
                raise _Busy(str(exc)) from None
            raise WarehouseError(f"{path}: cannot open the warehouse: {exc}") from None
        except duckdb.Error as exc:
            raise WarehouseError(f"{path}: cannot open the warehouse: {exc}") from None

    try:
        return _prepared(_retrying(attempt, attempts, str(path)))
    except _Busy as exc:
        raise _lock_error(path, exc, read_only) from None


def connect(read_only: bool = True, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. Read-only never writes; read-write applies pending migrations first.

    A read-write connection here writes in place and excludes every reader while open:
    keep it short, or use :func:`write_session`.
    """
    path = warehouse_path(path)
    if read_only:
        if not path.exists():
            raise WarehouseError(
                f"{path}: no warehouse yet (run `themewatch demo` or the themewatch_tag_load DAG)"
            )
        return _open(path, read_only=True, attempts=_READER_ATTEMPTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, attempts=defaults.WAREHOUSE_LOCK_ATTEMPTS)
    try:
        apply_migrations(con)
        apply_views(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """Serialise our own writers (the Airflow pool does too; this also covers the CLI)."""
    lock_path = path.with_name(f".{path.name}.writer-lock")
    with open(lock_path, "a+") as handle:
        def attempt() -> None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise _Busy(str(lock_path)) from None

        try:
            _retrying(attempt, defaults.WAREHOUSE_LOCK_ATTEMPTS, str(lock_path))
        except _Busy:
            raise WarehouseLockedError(
                f"{path}: another themewatch writer is still running (lock {lock_path})"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}.wal")):
        candidate.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def write_session(
    path: Path | None = None, mode: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection inside one transaction; committed and published on success.

    Everything written in the ``with`` block appears at once or, on any exception or a
    killed process, not at all. Compute first, then open the session only to write.
    """
    path = warehouse_path(path)
    mode = mode or get_settings().warehouse_write_mode
    path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(path):
        if mode == "in_place":
            con = connect(read_only=False, path=path)
            try:
                with _transaction(con):
                    yield con
            finally:
                con.close()
            return
        staging = path.with_name(f".{path.name}.staging")
        _remove(staging)
        guard = None
        if path.exists():
            # The shared lock keeps in-place writers out from copy to rename, so nothing
            # written to the file meanwhile can be lost under the rename.
            guard = _open(path, read_only=True, attempts=defaults.WAREHOUSE_LOCK_ATTEMPTS)
        try:
            if guard is not None:
                shutil.copyfile(path, staging)
                if Path(f"{path}.wal").exists():
                    shutil.copyfile(f"{path}.wal", f"{staging}.wal")
            con = connect(read_only=False, path=staging)
            try:
                with _transaction(con):
                    yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            with open(staging, "rb+") as handle:
                os.fsync(handle.fileno())
            # A WAL left by a crashed in-place writer is already inside the staging copy.
            Path(f"{path}.wal").unlink(missing_ok=True)
            os.replace(staging, path)
            _fsync_dir(path.parent)
        except BaseException:
            _remove(staging)
            raise
        finally:
            if guard is not None:
                guard.close()


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for computing a batch before the warehouse is opened to write it."""
    return _prepared(duckdb.connect(":memory:", config=_CONFIG))
