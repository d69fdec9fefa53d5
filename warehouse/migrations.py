"""Numbered schema migrations, applied once each and recorded in ``schema_migrations``.

Files are ``sql/migrations/NNNN_name.sql``: 0001-0049 belong to the warehouse,
0050-0099 to reports. Every migration not yet recorded is applied in number order,
each in its own transaction, so two ranges developed in parallel merge cleanly and a
warehouse created before a migration existed gains it on its next write. A recorded
migration whose file has since changed is an error: add a new migration instead.
Views (``sql/views/*.sql``, ``CREATE OR REPLACE VIEW``) are re-created after the
migrations on every read-write session.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from themewatch.errors import WarehouseError
from warehouse.sql import MIGRATIONS_DIR, VIEWS_DIR, query

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def available_migrations(directory: Path | None = None) -> list[Migration]:
    """Every migration file, in number order; a misnamed file or a reused number is an error."""
    found: dict[int, Migration] = {}
    for path in sorted((directory or MIGRATIONS_DIR).glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise WarehouseError(f"{path}: migration files are named NNNN_lower_case_name.sql")
        version = int(match.group(1))
        if version in found:
            raise WarehouseError(
                f"{path}: migration number {version:04d} is also used by {found[version].path.name}"
            )
        found[version] = Migration(version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def applied_migrations(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Version -> checksum of what this warehouse has applied (empty for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return {}
    return dict(con.execute("SELECT version, checksum FROM schema_migrations").fetchall())


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Migrations not yet applied (raises if an applied one was edited since)."""
    applied = applied_migrations(con)
    pending = []
    for migration in available_migrations():
        checksum = applied.get(migration.version)
        if checksum is None:
            pending.append(migration)
        elif checksum != migration.checksum:
            raise WarehouseError(
                f"{migration.path.name} changed after this warehouse applied it; "
                "leave applied migrations as they are and add a new one"
            )
    return pending


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations, each in its own transaction; returns the file names applied."""
    con.execute(query("schema_migrations"))
    done = []
    for migration in pending_migrations(con):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.text)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?, now())",
                [migration.version, migration.name, migration.checksum],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"{migration.path.name}: migration failed: {exc}") from None
        done.append(migration.path.name)
    return done


def apply_views(con: duckdb.DuckDBPyConnection, directory: Path = VIEWS_DIR) -> list[str]:
    """(Re-)create every view in ``sql/views`` in file-name order."""
    names = []
    for path in sorted(directory.glob("*.sql")):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise WarehouseError(f"{path.name}: view failed: {exc}") from None
        names.append(path.stem)
    return names
