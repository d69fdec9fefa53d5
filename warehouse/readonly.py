"""Analysts' ad-hoc queries: only statements that read, on a read-only connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from themewatch.errors import WarehouseError
from warehouse.connection import connect, load_extension, scratch

#: Statement types a query may contain (DESCRIBE, SHOW, SUMMARIZE, PRAGMA and FROM-first
#: queries parse as SELECT).
READING_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0]


def check_statements(sql: str) -> list[duckdb.Statement]:
    """Parse ``sql``; refuse anything that is not a reading statement, naming its type."""
    con = scratch()
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot parse the query: {_first_line(exc)}") from None
    finally:
        con.close()
    if not statements:
        raise WarehouseError("the query is empty")
    for statement in statements:
        if statement.type not in READING_STATEMENTS:
            kind = statement.type.name.replace("_", " ")
            raise WarehouseError(
                f"themewatch query only reads: {kind} statements are refused "
                "(the warehouse is opened read-only; writes belong to the pipeline)"
            )
    return statements


def run_query(sql: str, path: Path | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of the last statement in ``sql``, read-only."""
    check_statements(sql)
    con = connect(read_only=True, path=path)
    try:
        load_extension(con, "fts")  # so analysts can call the fts_main_* search macros
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall() if columns else []
    except duckdb.Error as exc:
        raise WarehouseError(_first_line(exc)) from None
    finally:
        con.close()
