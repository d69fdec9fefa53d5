"""Shared test fixtures.

Airflow reads its configuration when first imported, so its environment is
set here, before any test module can import it: a private AIRFLOW_HOME per
test session, the project's dags/ folder, no example DAGs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_ROOT.parent / "shared"

_session_home = Path(tempfile.mkdtemp(prefix="themewatch-tests-"))
os.environ.setdefault("AIRFLOW_HOME", str(_session_home / "airflow"))
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT_ROOT / "dags"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
os.environ["THEMEWATCH_AUTHOR_SALT"] = "test-salt-not-secret"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private THEMEWATCH_DATA_DIR for one test."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("THEMEWATCH_DATA_DIR", str(path))
    return path


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout (corpus, eval); tests using it skip where it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED_DIR


_screenshots: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect screenshot paths that tests record with ``record_property("screenshot", path)``.

    user_properties travel from xdist workers to the controller with each report,
    so the paths are listed at the end of ``make test`` too.
    """
    if report.when == "call":
        _screenshots.extend(value for name, value in report.user_properties if name == "screenshot")


def pytest_terminal_summary(terminalreporter) -> None:
    if _screenshots:
        terminalreporter.section("screenshots")
        for path in dict.fromkeys(_screenshots):
            terminalreporter.write_line(path)
