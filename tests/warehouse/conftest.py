"""Fixtures for warehouse tests (builders live in warehouse_builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from themewatch.settings import get_settings


@pytest.fixture
def warehouse_file(data_dir: Path) -> Path:
    """The warehouse path inside the test's private THEMEWATCH_DATA_DIR."""
    return get_settings().warehouse_path
