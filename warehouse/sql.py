"""SQL lives in files: numbered migrations, named views and named queries under ``sql/``."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
QUERIES_DIR = SQL_DIR / "queries"

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@cache
def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def identifier(name: str) -> str:
    """``name`` checked to be a plain lower-case SQL identifier (for the few generated names)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return name
