"""Fixtures for the extractor tests: a fixture HTTP server and short waits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.base import ParseContext
from extractors.dates import DateReader
from extractors.http import FetchPolicy
from themewatch import defaults

from .server import FixtureServer


@pytest.fixture
def server():
    with FixtureServer() as fixture_server:
        yield fixture_server


@pytest.fixture
def fast_policy() -> FetchPolicy:
    """Real behaviour, short waits: what settings give the tests."""
    return FetchPolicy(user_agent="themewatch-tests/0 (+test)", rate_limit=200.0, timeout=1.0,
                       max_retries=3, backoff_base=0.01, max_retry_after=5.0,
                       max_bytes=2 * 1024 * 1024)


@pytest.fixture
def fast_env(monkeypatch: pytest.MonkeyPatch, data_dir):
    """Environment for whole-ingest tests: private data dir, quick retries and rate limit."""
    monkeypatch.setenv("THEMEWATCH_HTTP_BACKOFF_BASE_SECONDS", "0.01")
    monkeypatch.setenv("THEMEWATCH_HTTP_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("THEMEWATCH_RATE_LIMIT_PER_HOST", "200")
    return data_dir


def make_ctx(url: str, languages=("nb",), zone: str = "Europe/Oslo",
             now: datetime = datetime(2026, 3, 14, 12, 0, tzinfo=UTC),
             selectors=None, owner_role: str = "unknown", moderator_role: str = "unknown") -> ParseContext:
    return ParseContext(url=url, dates=DateReader(zone, list(languages), now),
                        staff_labels=tuple(defaults.STAFF_LABELS), selectors=selectors or {},
                        owner_role=owner_role, moderator_labels=tuple(defaults.MODERATOR_LABELS),
                        moderator_role=moderator_role)
