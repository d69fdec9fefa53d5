"""The report's only door into DuckDB, and its named queries.

``open_warehouse`` reads through ``warehouse.connection.connect`` and writes go
through ``warehouse.connection.write_session`` (the one place that opens DuckDB). Queries live in ``reports/sql/<name>.sql`` with
named parameters (``$week``) and are run through ``run_query``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from themewatch.errors import WarehouseError
from warehouse.connection import connect

SQL_DIR = Path(__file__).resolve().parent / "sql"


def open_warehouse(read_only: bool = True, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse through ``warehouse.connection`` (read-only unless asked)."""
    return connect(read_only=read_only, path=path)


@cache
def query_text(name: str) -> str:
    """The SQL of the named query ``reports/sql/<name>.sql``."""
    path = SQL_DIR / f"{name}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WarehouseError(f"{path}: no such report query") from None


def run_query(con: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Run a named query with named parameters; rows come back as dicts."""
    sql = query_text(name)
    try:
        result = con.execute(sql, params) if params else con.execute(sql)
        columns = [column[0] for column in result.description]
        return [dict(zip(columns, row)) for row in result.fetchall()]
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise WarehouseError(f"report query {name}: {first}") from None


def relation_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when a table or view of that name is visible on this connection."""
    return run_query(con, "relation_exists", name=name)[0]["n"] > 0
