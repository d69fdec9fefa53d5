"""``themewatch query "SQL"``: run one read-only query against the warehouse."""

from __future__ import annotations

import typer

from themewatch.cli._tables import check_format, emit


def query(
    sql: str = typer.Argument(..., help="SQL to run, e.g. \"FROM theme_weekly LIMIT 5\"."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    limit: int = typer.Option(200, "--limit", "-n", help="Rows shown as a table (csv and jsonl print all)."),
) -> None:
    """Run a read-only SQL query on the warehouse (writes are refused)."""
    from warehouse.readonly import run_query

    check_format(fmt)
    columns, rows = run_query(sql)
    emit(columns, rows, fmt, limit=limit, total=len(rows))


def register(app: typer.Typer) -> None:
    app.command("query")(query)
