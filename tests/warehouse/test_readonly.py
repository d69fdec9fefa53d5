"""warehouse.readonly: analysts' queries only read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.warehouse_builders import tagged, write_partition
from themewatch.errors import WarehouseError
from warehouse.load import load_pending_partitions
from warehouse.readonly import check_statements, run_query


@pytest.mark.parametrize("sql", [
    "SELECT 1", "FROM documents", "DESCRIBE documents", "SHOW TABLES", "SUMMARIZE theme_weekly",
    "EXPLAIN SELECT 1", "WITH a AS (SELECT 1) SELECT * FROM a", "PRAGMA table_info('documents')",
    "SELECT 1; SELECT 2",
])
def test_reading_statements_pass(sql: str) -> None:
    assert check_statements(sql)


@pytest.mark.parametrize("sql, kind", [
    ("INSERT INTO documents (doc_id) VALUES ('x')", "INSERT"),
    ("DELETE FROM documents", "DELETE"),
    ("UPDATE documents SET text = ''", "UPDATE"),
    ("DROP TABLE documents", "DROP"),
    ("CREATE TABLE mine AS SELECT 1", "CREATE"),
    ("COPY documents TO 'out.csv'", "COPY"),
    ("ATTACH 'other.duckdb' AS o", "ATTACH"),
    ("SELECT 1; DELETE FROM documents", "DELETE"),
    ("CHECKPOINT", "CALL"),
    ("SET threads = 1", "SET"),
])
def test_writing_statements_are_refused_by_type(sql: str, kind: str) -> None:
    with pytest.raises(WarehouseError, match=rf"only reads: {kind} statements are refused"):
        check_statements(sql)


def test_unparseable_and_empty_queries_give_one_line_errors() -> None:
    with pytest.raises(WarehouseError, match="cannot parse the query: Parser Error"):
        check_statements("SELEC 1")
    with pytest.raises(WarehouseError, match="empty"):
        check_statements("  ;  ")


def test_run_query_returns_columns_and_rows(warehouse_file: Path) -> None:
    write_partition([tagged("1"), tagged("2", themes=())])
    load_pending_partitions()
    columns, rows = run_query("SELECT theme, n_docs, n_docs_total FROM theme_weekly")
    assert columns == ["theme", "n_docs", "n_docs_total"] and rows == [("queue_wait", 1, 2)]
    with pytest.raises(WarehouseError, match="Catalog Error"):
        run_query("SELECT * FROM no_such_view")
