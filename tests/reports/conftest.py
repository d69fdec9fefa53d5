"""Fixtures for the report's tests: the contract-shaped warehouse of fixture_warehouse.py.

``report_warehouse_file`` is built once per test session (and xdist worker) and
only read; ``warehouse`` hands each test its own copy at
``$THEMEWATCH_DATA_DIR/warehouse.duckdb``, free to write to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.reports.fixture_warehouse import build_warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEST_OUTPUT = PROJECT_ROOT / "test-output"


@pytest.fixture(scope="session")
def report_warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("report-warehouse") / "warehouse.duckdb")


@pytest.fixture
def warehouse(report_warehouse_file: Path, data_dir: Path) -> Path:
    """A private, writable copy of the fixture warehouse where the settings look for it."""
    target = data_dir / "warehouse.duckdb"
    shutil.copyfile(report_warehouse_file, target)
    return target


@pytest.fixture
def sql(warehouse: Path):
    """Run SQL against the private warehouse copy (opened and closed per call, like a writer would)."""
    def run(statement: str, params: dict | list | None = None) -> list[tuple]:
        con = duckdb.connect(str(warehouse))
        try:
            result = con.execute(statement, params) if params is not None else con.execute(statement)
            return result.fetchall() if result.description else []
        finally:
            con.close()
    return run


@pytest.fixture
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
