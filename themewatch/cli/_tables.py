"""Printing query results for the warehouse commands: a rich table for people, CSV or JSON
Lines for pipes. Shared by ``query``, ``search`` and ``trends`` (not a command itself)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from themewatch.errors import InputError

FORMATS = ("table", "csv", "jsonl")


def check_format(value: str) -> str:
    if value not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, got {value!r}")
    return value


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def cell(value: Any) -> str:
    """A value as people read it: short floats, ISO dates, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, Decimal):
        return f"{float(value):.4g}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def emit(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *, title: str | None = None,
         limit: int | None = None, total: int | None = None,
         wrap: Iterable[str] | None = None) -> None:
    """Write rows in ``fmt``; tables stop at ``limit`` rows and say how many were left out.

    In tables only the columns in ``wrap`` (default: all) may wrap; the others stay on one line.
    """
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_plain(v) if isinstance(v, (list, tuple, dict)) else
                             (v.isoformat() if isinstance(v, (date, datetime)) else v) for v in row])
        return
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(_plain(dict(zip(columns, row))), ensure_ascii=False, default=str))
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    wrapping = set(columns if wrap is None else wrap)
    for name in columns:
        if name in wrapping:
            table.add_column(name, overflow="fold")
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis")
    shown = 0
    for row in rows:
        if limit is not None and shown >= limit:
            break
        table.add_row(*[v if isinstance(v, Text) else cell(v) for v in row])
        shown += 1
    console = Console()
    console.print(table)
    if total is not None and total > shown:
        console.print(f"[dim]{shown} of {total} rows shown; use --limit or --format csv for all[/dim]")
