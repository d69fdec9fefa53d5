"""Render the weekly report of one ISO week into ``data/reports/<week>/``.

The folder holds ``report.html`` (self-contained: styles and SVG charts
inline, nothing fetched when it is opened), ``drift-review.html`` beside it,
and the same tables as CSV. The warehouse is read in one short read-only
window; the pages are then built in a hidden temporary folder next to the
target and swapped in at once, so a reader never sees half a report and
re-rendering a week replaces that week's folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reports.db import open_warehouse
from reports.drift_model import drift_model
from reports.formatting import check_lang
from reports.html import render_pages
from reports.model import Window, weekly_model
from reports.tables import csv_tables, write_csv
from reports.weeks import normalise_week, week_name
from themewatch.settings import get_settings

REPORT_FILE = "report.html"
REVIEW_FILE = "drift-review.html"
EMAIL_FILE = ".email.html"  # the e-mail body, kept for delivery; hidden from people browsing the folder


def render_weekly_report(week: str, lang: str | None = None, *, reports_dir: Path | None = None,
                         warehouse_path: Path | None = None) -> dict[str, Any]:
    """Render the report of ``week`` (``2026-W47``); returns its folder, files, sizes and render time."""
    started = time.perf_counter()
    settings = get_settings()
    week = normalise_week(week)
    lang = check_lang(lang or settings.report_lang)
    root = Path(reports_dir) if reports_dir is not None else settings.reports_dir
    window = Window.of(week)

    con = open_warehouse(read_only=True, path=warehouse_path)
    try:
        weekly = weekly_model(con, week, window)
        drift = drift_model(con, weekly, window)
    finally:
        con.close()

    tables = csv_tables(weekly, drift, lang)
    files = {"report": REPORT_FILE, "review": REVIEW_FILE, "csv": list(tables)}
    root.mkdir(parents=True, exist_ok=True)
    earlier = {a["week"]: f"../{week_name(a['week'])}/{REVIEW_FILE}"
               for a in weekly.get("earlier_open_alerts", [])
               if (root / week_name(a["week"]) / REVIEW_FILE).exists()}
    pages = render_pages(weekly, drift, lang, files, earlier)

    target = root / week
    with _week_lock(root, week):
        staging = Path(tempfile.mkdtemp(prefix=f".{week}.new-", dir=root))
        try:
            (staging / REPORT_FILE).write_text(pages["report"], encoding="utf-8")
            (staging / REVIEW_FILE).write_text(pages["review"], encoding="utf-8")
            (staging / EMAIL_FILE).write_text(pages["email"], encoding="utf-8")
            for name, (columns, rows) in tables.items():
                write_csv(staging / name, columns, rows)
            staging.chmod(0o755)
            _swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    written = [{"name": p.name, "path": str(p), "bytes": p.stat().st_size}
               for p in sorted(target.iterdir()) if not p.name.startswith(".")]
    return {
        "week": week,
        "lang": lang,
        "dir": str(target),
        "report": str(target / REPORT_FILE),
        "review": str(target / REVIEW_FILE),
        "email_body": str(target / EMAIL_FILE),
        "has_data": weekly["has_data"],
        "n_docs": weekly["n_docs"],
        "alerts": len(weekly.get("alerts", [])),
        "open_alerts": sum(1 for a in weekly.get("alerts", []) if not a["review"]),
        "files": written,
        "total_bytes": sum(f["bytes"] for f in written),
        "render_seconds": round(time.perf_counter() - started, 3),
    }


@contextmanager
def _week_lock(root: Path, week: str) -> Iterator[None]:
    """One renderer per week at a time (a DAG run and a person at the command line, say)."""
    with open(root / f".{week}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            for leftover in root.glob(f".{week}.new-*"):
                shutil.rmtree(leftover, ignore_errors=True)
            for leftover in root.glob(f".{week}.old-*"):
                shutil.rmtree(leftover, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the week's folder: an atomic exchange where the OS offers one."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous report
        return
    old = staging.with_name(staging.name.replace(".new-", ".old-"))
    os.rename(target, old)  # brief gap without a folder, never a half-written one
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)
