"""Printing query results for the warehouse commands: a rich table for people, CSV or JSON
Lines for pipes. Shared by ``query``, ``search`` and ``trends`` (not a command itself)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from themewatch.errors import InputError

FORMATS = ("table", "csv", "jsonl")
#: Widest a column may claim before a table is judged too wide for the terminal.
_COLUMN_CAP = 30


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
            writer.writerow([json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, (list, tuple, dict))
                             else _plain(v) for v in row])
        return
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(_plain(dict(zip(columns, row))), ensure_ascii=False, default=str))
        return
    shown_rows = []
    for row in rows:
        if limit is not None and len(shown_rows) >= limit:
            break
        shown_rows.append([v if isinstance(v, Text) else cell(v) for v in row])
    console = Console()
    shown = len(shown_rows)
    if _too_wide(columns, shown_rows, console.width):
        _print_records(console, columns, shown_rows, title)
    else:
        console.print(_table(columns, shown_rows, title, wrap))
    if total is not None and total > shown:
        console.print(f"[dim]{shown} of {total} rows shown; use --limit or --format csv for all[/dim]")


def _table(columns: Sequence[str], rows: list[list[Any]], title: str | None,
           wrap: Iterable[str] | None) -> Table:
    table = Table(title=title, header_style="bold")
    wrapping = set(columns if wrap is None else wrap)
    for name in columns:
        if name in wrapping:
            table.add_column(name, overflow="fold")
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*row)
    return table


def _too_wide(columns: Sequence[str], rows: list[list[Any]], width: int) -> bool:
    """Would a table need more than the terminal's width (each column capped)?"""
    needed = 1
    for i, name in enumerate(columns):
        longest = max([len(name)] + [len(str(row[i])) for row in rows])
        needed += min(longest, _COLUMN_CAP) + 3
    return needed > width


def _print_records(console: Console, columns: Sequence[str], rows: list[list[Any]],
                   title: str | None) -> None:
    """One block per row, one line per column (like psql's expanded display)."""
    if title:
        console.print(Text(title, style="bold"))
    label = max(len(name) for name in columns)
    for number, row in enumerate(rows, 1):
        console.print(Text(f"-[ row {number} ]" + "-" * max(0, label - 6), style="dim"))
        for name, value in zip(columns, row):
            line = Text(f"{name:<{label}} │ ", style="bold")
            line.append(value if isinstance(value, Text) else str(value))
            console.print(line, overflow="fold")
