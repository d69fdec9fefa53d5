"""warehouse.migrations: numbered files applied once, in order, recorded, never edited after."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from themewatch.errors import WarehouseError
from warehouse import migrations
from warehouse.connection import connect
from warehouse.migrations import apply_migrations, apply_views, available_migrations

ANALYST_RELATIONS = {
    "documents", "document_themes", "theme_weekly", "theme_monthly", "theme_drift", "source_drift",
    "theme_examples", "emerging_phrases", "runs", "rejected_documents", "taxonomy_changes",
}


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal"
    ).fetchall()}


def test_a_new_warehouse_gets_every_migration_and_the_contract_relations(tmp_path: Path) -> None:
    con = connect(read_only=False, path=tmp_path / "w.duckdb")
    try:
        versions = [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
        assert versions == [m.version for m in available_migrations()]
        assert all(v < 50 for v in versions if v in range(1, 50))
        assert ANALYST_RELATIONS <= _relations(con)
        assert {"drift_alerts", "theme_movers", "source_status"} <= _relations(con)
    finally:
        con.close()


def test_contract_columns_are_all_there(tmp_path: Path) -> None:
    expected = {
        "documents": "doc_id source platform url thread_id thread_title post_id parent_id quoted_ids author_hash author_role published_at week edited_at lang n_tokens text content_hash taxonomy_version pipeline_version fetched_at loaded_at",
        "document_themes": "doc_id theme score evidence taxonomy_version",
        "theme_weekly": "week source lang theme n_docs n_docs_total share",
        "theme_monthly": "month source lang theme n_docs n_docs_total share",
        "theme_drift": "alert_id week source theme n_docs n_docs_total share baseline_share baseline_weeks method statistic p_value q_value flag direction",
        "source_drift": "week source jsd psi flag",
        "theme_examples": "week theme rank doc_id source lang url published_at text evidence",
        "emerging_phrases": "week lang phrase n lift",
        "runs": "run_id stage source run_date dag_run_id started_at finished_at status error pipeline_version taxonomy_version items_seen items_stored items_duplicate items_rejected pages_fetched pages_not_modified pages_failed",
        "rejected_documents": "run_id stage source url post_id doc_id reason",
        "taxonomy_changes": "detected_at old_version new_version theme n_sample n_old n_new delta",
    }
    con = connect(read_only=False, path=tmp_path / "w.duckdb")
    try:
        for table, columns in expected.items():
            have = {c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}
            assert set(columns.split()) <= have, (table, set(columns.split()) - have)
        evidence = con.execute(
            "SELECT data_type FROM duckdb_columns() WHERE table_name = 'document_themes' AND column_name = 'evidence'"
        ).fetchone()[0]
        assert evidence == "STRUCT(sentence_idx INTEGER, sentence VARCHAR, cue VARCHAR)[]"
    finally:
        con.close()


def test_applying_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    connect(read_only=False, path=path).close()
    con = connect(read_only=False, path=path)
    try:
        before = con.execute("SELECT version, applied_at FROM schema_migrations ORDER BY 1").fetchall()
        assert apply_migrations(con) == []
        assert con.execute("SELECT version, applied_at FROM schema_migrations ORDER BY 1").fetchall() == before
    finally:
        con.close()


def _with_extra_migration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, sql: str) -> Path:
    directory = tmp_path / "migrations"
    directory.mkdir(exist_ok=True)
    for migration in available_migrations():
        (directory / migration.path.name).write_text(migration.text)
    (directory / name).write_text(sql)
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", directory)
    return directory


def test_an_existing_warehouse_gains_a_later_or_parallel_migration_keeping_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    con = connect(read_only=False, path=path)
    con.execute("INSERT INTO warehouse_state VALUES ('kept', 'yes', now())")
    con.close()
    # A migration in the report's range (0050+) arrives after ours were applied, and one of ours too.
    _with_extra_migration(monkeypatch, tmp_path, "0060_review_notes.sql",
                          "CREATE TABLE review_notes (alert_id VARCHAR, note VARCHAR);")
    _with_extra_migration(monkeypatch, tmp_path, "0049_extra_column.sql",
                          "ALTER TABLE documents ADD COLUMN sentiment DOUBLE;")
    con = connect(read_only=False, path=path)
    try:
        assert con.execute("SELECT value FROM warehouse_state WHERE key = 'kept'").fetchone()[0] == "yes"
        versions = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        assert {49, 60} <= versions
        con.execute("SELECT sentiment FROM documents")
        con.execute("SELECT note FROM review_notes")
    finally:
        con.close()


def test_an_applied_migration_that_was_edited_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.duckdb"
    connect(read_only=False, path=path).close()
    directory = _with_extra_migration(monkeypatch, tmp_path, "0049_x.sql", "SELECT 1;")
    first = min(directory.glob("0001_*.sql"))
    first.write_text(first.read_text() + "\n-- edited\n")
    with pytest.raises(WarehouseError, match="0001_core.sql changed after this warehouse applied it"):
        connect(read_only=False, path=path)


def test_misnamed_or_duplicate_migration_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_extra_migration(monkeypatch, tmp_path, "0001_again.sql", "SELECT 1;")
    with pytest.raises(WarehouseError, match="0001 is also used"):
        available_migrations()
    (tmp_path / "migrations" / "0001_again.sql").unlink()
    (tmp_path / "migrations" / "7_bad.sql").write_text("SELECT 1;")
    with pytest.raises(WarehouseError, match="NNNN_lower_case_name.sql"):
        available_migrations()


def test_a_failing_migration_is_rolled_back_and_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.duckdb"
    connect(read_only=False, path=path).close()
    _with_extra_migration(monkeypatch, tmp_path, "0049_broken.sql",
                          "CREATE TABLE half_done (a INT); SELECT * FROM no_such_table;")
    with pytest.raises(WarehouseError, match="0049_broken.sql: migration failed"):
        connect(read_only=False, path=path)
    con = connect(read_only=True, path=path)
    try:
        assert "half_done" not in _relations(con)
    finally:
        con.close()


def test_views_are_recreated_from_their_files(tmp_path: Path) -> None:
    con = connect(read_only=False, path=tmp_path / "w.duckdb")
    try:
        assert set(apply_views(con)) == {"drift_alerts", "theme_movers", "source_status"}
        for view in ("drift_alerts", "theme_movers", "source_status"):
            con.execute(f"SELECT * FROM {view}").fetchall()
    finally:
        con.close()
