from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from themewatch.config import load_model
from themewatch.errors import ConfigError


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    rate_limit: float = 1.0
    start_urls: list[str] = []


class Sources(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    path = _write(tmp_path, "sources:\n  - name: forum\n    rate_limit: 2\n")
    assert load_model(path, Sources).sources[0].rate_limit == 2.0


def test_error_names_the_bad_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "sources:\n  - name: forum\n  - name: blog\n    rate_limit: fast\n")
    with pytest.raises(ConfigError) as err:
        load_model(path, Sources)
    message = str(err.value)
    assert message.startswith(f"{path}: sources[1].rate_limit: ")
    assert "\n" not in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "sources:\n  - name: forum\n    ratelimit: 2\n")
    with pytest.raises(ConfigError, match=r"sources\[0\]\.ratelimit: Extra inputs"):
        load_model(path, Sources)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "sources:\n  - name: forum\n   bad: [\n")
    with pytest.raises(ConfigError, match=r"sources.yaml: line \d+: invalid YAML"):
        load_model(path, Sources)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_model(tmp_path / "nope.yaml", Sources)


def test_environment_references_are_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "sources:\n  - name: forum\n    start_urls: ['${SITE}/forum/']\n")
    monkeypatch.setenv("SITE", "http://127.0.0.1:9999")
    assert load_model(path, Sources, expand_env=True).sources[0].start_urls == ["http://127.0.0.1:9999/forum/"]
    monkeypatch.delenv("SITE")
    with pytest.raises(ConfigError, match=r"sources\[0\]\.start_urls\[0\]: environment variable SITE is not set"):
        load_model(path, Sources, expand_env=True)
