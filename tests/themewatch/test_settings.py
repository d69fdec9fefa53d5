from __future__ import annotations

import stat
from pathlib import Path

import pytest

from themewatch.errors import ConfigError
from themewatch.settings import get_settings


def test_salt_file_is_created_once_and_private(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THEMEWATCH_AUTHOR_SALT")
    settings = get_settings()
    first = settings.author_salt()
    path = data_dir / "secrets" / "author_salt"
    assert path.exists() and len(first) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.author_salt() == first


def test_salt_from_environment_wins(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THEMEWATCH_AUTHOR_SALT", "from-env")
    assert get_settings().author_salt() == "from-env"
    assert not (data_dir / "secrets").exists()


def test_empty_salt_file_is_an_error(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THEMEWATCH_AUTHOR_SALT")
    (data_dir / "secrets").mkdir()
    (data_dir / "secrets" / "author_salt").write_text("")
    with pytest.raises(ConfigError, match="author salt file is empty"):
        get_settings().author_salt()


def test_paths_follow_the_environment(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THEMEWATCH_SOURCES_FILE", str(tmp_path / "s.yaml"))
    settings = get_settings()
    assert settings.warehouse_path == data_dir / "warehouse.duckdb"
    assert settings.sources_path == tmp_path / "s.yaml"
    assert settings.airflow_home == data_dir / "airflow"
