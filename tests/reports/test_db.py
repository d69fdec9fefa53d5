import subprocess
import sys
import time

import duckdb
import pytest

from reports.db import open_warehouse, query_text, relation_exists, run_query
from themewatch.errors import WarehouseError


def test_missing_warehouse_is_a_one_line_error(data_dir):
    with pytest.raises(WarehouseError) as caught:
        open_warehouse()
    message = str(caught.value)
    assert str(data_dir / "warehouse.duckdb") in message and "\n" not in message


def test_read_only_by_default(warehouse):
    con = open_warehouse()
    try:
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE nope (x INTEGER)")
    finally:
        con.close()


def test_named_queries_return_dicts(warehouse):
    con = open_warehouse()
    try:
        rows = run_query(con, "data_weeks")
        assert set(rows[0]) == {"first_week", "last_week"}
        assert relation_exists(con, "theme_weekly")
        assert not relation_exists(con, "no_such_relation")
        with pytest.raises(WarehouseError, match="no such report query"):
            run_query(con, "no_such_query")
    finally:
        con.close()


def test_every_query_file_is_named_sql_with_a_comment():
    from reports.db import SQL_DIR

    for path in SQL_DIR.glob("*.sql"):
        assert query_text(path.stem).lstrip().startswith("--"), path.name


def test_a_writer_holding_the_file_gives_a_clear_error(warehouse):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(30)",
         str(warehouse)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseError) as caught:
            open_warehouse()
        assert "locked" in str(caught.value) and "\n" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    open_warehouse().close()
