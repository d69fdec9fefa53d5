"""sources.yaml validation: errors name the bad key; the shipped files load."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.sources import enabled_source_names, get_source, load_sources
from themewatch.errors import ConfigError
from themewatch.settings import PROJECT_ROOT

from .sites import write_sources


def test_shipped_sources_files_load(monkeypatch):
    production = load_sources(PROJECT_ROOT / "config" / "sources.yaml")
    assert {s.platform for s in production} == {"ipb", "phpbb", "wordpress", "wordpress-rest",
                                                "bloggse", "discourse", "transcripts", "generic"}
    assert not any(s.enabled for s in production)  # examples only
    assert all(s.rate_limit is None for s in production)  # the 1 request/s default
    monkeypatch.setenv("THEMEWATCH_SAMPLE_SITE", "http://127.0.0.1:8765")
    demo = load_sources(PROJECT_ROOT / "config" / "sources.demo.yaml")
    assert [s.name for s in demo] == ["demo-forum", "demo-phpbb", "demo-blogg", "demo-samtaler"]
    assert demo[0].start_urls == ["http://127.0.0.1:8765/forum/"]


@pytest.mark.parametrize("entry, message", [
    ({"name": "x", "platform": "vbulletin", "start_urls": ["https://a.no/"]}, "sources[0].platform: Input should be"),
    ({"name": "X Y", "platform": "ipb", "start_urls": ["https://a.no/"]}, "sources[0].name: String should match"),
    ({"name": "x", "platform": "ipb", "start_urls": ["ftp://a.no/"]}, "sources[0].start_urls: Value error, not an http(s) URL"),
    ({"name": "x", "platform": "ipb", "start_urls": ["https://a.no/"], "timezone": "Europe/Bergen"},
     "sources[0].timezone: Value error, unknown time zone"),
    ({"name": "x", "platform": "ipb", "start_urls": ["https://a.no/"], "rate_limit": 0},
     "sources[0].rate_limit: Input should be greater than 0"),
    ({"name": "x", "platform": "ipb", "start_urls": ["https://a.no/"], "lang": "nb"},
     "sources[0].lang: Extra inputs are not permitted"),
    ({"name": "x", "platform": "ipb"}, "sources[0]: Value error, start_urls: at least one URL"),
    ({"name": "x", "platform": "generic", "start_urls": ["https://a.no/"], "selectors": {"posts": "div"}},
     "sources[0].selectors.posts: Extra inputs are not permitted"),
])
def test_errors_name_the_bad_key(tmp_path: Path, entry, message):
    path = tmp_path / "sources.yaml"
    write_sources(path, [entry])
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_duplicate_names_and_unknown_source(tmp_path: Path, monkeypatch):
    path = tmp_path / "sources.yaml"
    write_sources(path, [{"name": "a", "platform": "ipb", "start_urls": ["https://a.no/"]}] * 2)
    with pytest.raises(ConfigError, match="source name 'a' is used twice"):
        load_sources(path)
    write_sources(path, [{"name": "a", "platform": "ipb", "start_urls": ["https://a.no/"], "enabled": False}])
    monkeypatch.setenv("THEMEWATCH_SOURCES_FILE", str(path))
    assert enabled_source_names() == []
    with pytest.raises(ConfigError, match="no source named 'b'"):
        get_source("b")


def test_unset_environment_reference_is_named(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("THEMEWATCH_SAMPLE_SITE", raising=False)
    with pytest.raises(ConfigError, match=r"sources\[0\]\.start_urls\[0\]: environment variable "
                                          "THEMEWATCH_SAMPLE_SITE is not set"):
        load_sources(PROJECT_ROOT / "config" / "sources.demo.yaml")
