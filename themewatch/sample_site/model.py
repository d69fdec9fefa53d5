"""In-memory model of the sample site: threads of units, and the summary handed back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

THEMES: tuple[str, ...] = (
    "queue_wait", "no_response", "blame_shifting", "broken_promise", "rude_staff",
    "incompetence", "runaround", "extra_cost", "not_listening", "customer_abuse",
    "compensation", "praise",
)
RISING_THEME = "extra_cost"


@dataclass
class Quote:
    """A quote of an earlier unit: all of its content, or (``partial``) one sentence of it,
    which is set as ``excerpt`` once the target's text exists. ``linked`` quotes carry the
    quoted post's id in the markup; unlinked ones only the author's name."""

    target: Unit
    partial: bool = False
    excerpt: str | None = None
    linked: bool = True


@dataclass
class Unit:
    """One post, comment, blog post body or transcript turn (the unit of the ground truth)."""

    platform: str
    source: str
    kind: str
    lang: str
    position: int
    published_at: datetime
    author: str
    role: str
    style: str
    group: str | None = None
    post_id: str = ""
    parent: Unit | None = None
    quotes: list[Quote] = field(default_factory=list)
    themes: tuple[str, ...] = ()
    theme_eligible: bool = True
    paragraphs: list[str] = field(default_factory=list)
    edited_at: datetime | None = None
    editor: str | None = None
    edit_reason: str | None = None
    deleted: bool = False
    has_pii: bool = False
    signature: str | None = None
    url: str = ""
    page_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """Own text: paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass
class Thread:
    """A forum topic, a blog post with its comments, or a call."""

    platform: str
    lang: str
    section: str
    units: list[Unit]
    title: str = ""
    thread_id: str = ""
    slug: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteSummary:
    """What :func:`generate_sample_site` wrote: counts, start URLs and the planted trend.

    Weeks are keyed by the ISO week's Monday. ``theme_share_by_week`` is the share of
    non-deleted units carrying each theme. ``start_urls`` maps a source name to the URL
    paths a scraper starts from; ``legacy_charset_url`` is the page served as windows-1252.
    """

    out_dir: str
    seed: int
    end_date: date
    weeks: tuple[date, ...]
    units_total: int
    units_by_platform: Mapping[str, int]
    units_by_lang: Mapping[str, int]
    units_by_platform_lang: Mapping[str, Mapping[str, int]]
    units_by_theme: Mapping[str, int]
    units_by_week: Mapping[date, int]
    theme_counts_by_week: Mapping[date, Mapping[str, int]]
    theme_share_by_week: Mapping[str, Mapping[date, float]]
    start_urls: Mapping[str, tuple[str, ...]]
    rising_theme: str
    rising_from: date
    files_written: int
    legacy_charset_url: str | None = None

    def describe(self) -> str:
        """One line for progress output."""
        platforms = ", ".join(f"{p} {n}" for p, n in self.units_by_platform.items())
        langs = ", ".join(f"{lang} {n}" for lang, n in self.units_by_lang.items())
        share = self.theme_share_by_week[self.rising_theme]
        before = [v for d, v in share.items() if d < self.rising_from]
        after = [v for d, v in share.items() if d >= self.rising_from]
        return (f"{self.units_total} units ({platforms}; {langs}) in {self.files_written} files; "
                f"{self.rising_theme} rises from the week of {self.rising_from.isoformat()} "
                f"({sum(before) / max(len(before), 1):.0%} -> {sum(after) / max(len(after), 1):.0%})")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings)."""
        def wk(mapping: Mapping[date, Any]) -> dict[str, Any]:
            return {d.isoformat(): v for d, v in mapping.items()}

        return {
            "seed": self.seed,
            "end_date": self.end_date.isoformat(),
            "weeks": [d.isoformat() for d in self.weeks],
            "units_total": self.units_total,
            "units_by_platform": dict(self.units_by_platform),
            "units_by_lang": dict(self.units_by_lang),
            "units_by_platform_lang": {k: dict(v) for k, v in self.units_by_platform_lang.items()},
            "units_by_theme": dict(self.units_by_theme),
            "units_by_week": wk(self.units_by_week),
            "theme_counts_by_week": {d.isoformat(): dict(v) for d, v in self.theme_counts_by_week.items()},
            "theme_share_by_week": {t: wk(v) for t, v in self.theme_share_by_week.items()},
            "start_urls": {k: list(v) for k, v in self.start_urls.items()},
            "rising_theme": self.rising_theme,
            "rising_from": self.rising_from.isoformat(),
            "files_written": self.files_written,
            "legacy_charset_url": self.legacy_charset_url,
        }
