"""config/sources.yaml: the sources to crawl, validated with errors that name the bad key.

```yaml
sources:
  - name: kundeforum-eksempel        # [a-z0-9_-], unique; names the lake partition
    platform: ipb                    # see PLATFORMS
    start_urls: ["https://forum.example.no/forum/12-kundeservice/"]
    lang_hint: nb
    timezone: Europe/Oslo
    rate_limit: 1.0                  # requests per second for this host (default 1)
    enabled: true
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extractors.dates import site_zone
from themewatch import defaults
from themewatch.config import load_model
from themewatch.errors import ConfigError
from themewatch.settings import get_settings

PLATFORMS = ("ipb", "phpbb", "wordpress", "wordpress-rest", "bloggse", "discourse",
             "transcripts", "generic")
Platform = Literal["ipb", "phpbb", "wordpress", "wordpress-rest", "bloggse", "discourse",
                   "transcripts", "generic"]
LANG_HINTS = ("nb", "nn", "no", "sv", "da", "en", "de")


class GenericSelectors(BaseModel):
    """Per-source CSS selector overrides for the generic thread adapter (all optional)."""

    model_config = ConfigDict(extra="forbid")
    post: str | None = None  # one element per post
    author: str | None = None  # inside a post
    date: str | None = None  # inside a post; a <time datetime> or date text
    body: str | None = None  # inside a post; the post's own text (quotes are removed)
    quote: str | None = None  # inside the body
    signature: str | None = None
    next_page: str | None = None  # a link on the page


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")
    platform: Platform
    start_urls: list[str] = Field(default_factory=list)
    folder: str | None = None  # transcripts on local disk (instead of start_urls)
    lang_hint: str | None = None
    date_languages: list[str] = Field(default_factory=list)  # default: [lang_hint]
    timezone: str = defaults.SOURCE_TIMEZONE
    rate_limit: float | None = Field(default=None, gt=0, le=100)
    enabled: bool = True
    max_pages_per_thread: int = Field(default=defaults.MAX_PAGES_PER_THREAD, ge=1)
    max_listing_pages: int = Field(default=defaults.MAX_LISTING_PAGES, ge=0)
    max_threads: int = Field(default=defaults.MAX_THREADS_PER_SOURCE, ge=1)
    staff_labels: list[str] = Field(default_factory=list)  # added to defaults.STAFF_LABELS
    owner_role: Literal["customer", "agent", "unknown"] = "unknown"  # blog owner's replies
    moderator_role: Literal["customer", "agent", "unknown"] = "unknown"  # agent on company forums
    agent_speakers: list[str] = Field(default_factory=list)  # transcripts: extra agent labels
    customer_speakers: list[str] = Field(default_factory=list)
    selectors: GenericSelectors = Field(default_factory=GenericSelectors)

    @field_validator("start_urls")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"not an http(s) URL: {url!r}")
        return urls

    @field_validator("lang_hint")
    @classmethod
    def _lang(cls, value: str | None) -> str | None:
        if value is not None and value not in LANG_HINTS:
            raise ValueError(f"must be one of {', '.join(LANG_HINTS)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            site_zone(value)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _where(self) -> SourceConfig:
        if self.platform == "transcripts":
            if not self.start_urls and not self.folder:
                raise ValueError("transcripts need start_urls or folder")
        elif not self.start_urls:
            raise ValueError("start_urls: at least one URL is needed")
        return self

    @property
    def languages(self) -> list[str]:
        return self.date_languages or ([self.lang_hint] if self.lang_hint else [])

    @property
    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or "" for u in self.start_urls}

    @property
    def all_staff_labels(self) -> tuple[str, ...]:
        return tuple(defaults.STAFF_LABELS) + tuple(self.staff_labels)


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[SourceConfig] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"source name {source.name!r} is used twice")
            seen.add(source.name)
        return self


def load_sources(path: Path | None = None) -> list[SourceConfig]:
    """All sources of the sources file (``settings.sources_path`` unless a path is given)."""
    path = path or get_settings().sources_path
    return load_model(path, SourcesFile, expand_env=True).sources


def enabled_source_names(path: Path | None = None) -> list[str]:
    return [s.name for s in load_sources(path) if s.enabled]


def get_source(name: str, path: Path | None = None) -> SourceConfig:
    path = path or get_settings().sources_path
    for source in load_sources(path):
        if source.name == name:
            return source
    raise ConfigError(f"{path}: no source named {name!r}")


def folder_path(source: SourceConfig) -> Path:
    folder = Path(source.folder or "").expanduser()
    if not folder.is_absolute():
        folder = get_settings().config_dir.parent / folder
    return folder

