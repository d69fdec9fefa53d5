"""One ingest run of one source: fetching through the polite fetcher, and the accounting.

Adapters fetch through :meth:`Run.fetch` (a failed page is counted and recorded,
never fatal for the rest of the source) and turn post drafts into RawDocuments
through :meth:`Run.document`, which rejects what cannot be used and says why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from extractors.base import Page, ParseContext, Post
from extractors.dates import DateReader
from extractors.http import Fetcher, Response
from extractors.sources import SourceConfig
from themewatch import defaults
from themewatch.errors import FetchError
from themewatch.records import RawDocument, RejectedItem, new_raw_document

log = logging.getLogger(__name__)


@dataclass
class Run:
    source: SourceConfig
    fetcher: Fetcher | None
    salt: str
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    rejected: list[RejectedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    thread_marks: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    last_fetched_at: datetime | None = None

    # fetching ----------------------------------------------------------------
    def fetch(self, url: str, *, accept: str | None = None) -> Response | None:
        """The page, or None when it failed (counted, recorded as a rejected fetch)."""
        if self.fetcher is None:
            raise FetchError(f"{url}: this run has no fetcher (file mode)")
        try:
            response = self.fetcher.get(url, accept=accept)
        except FetchError as exc:
            self.pages_failed += 1
            self.errors.append(str(exc))
            self.reject(url, None, str(exc), stage="fetch")
            log.warning("%s", exc)
            return None
        self.last_fetched_at = response.fetched_at
        if response.not_modified:
            self.pages_not_modified += 1
        else:
            self.pages_fetched += 1
        return response

    def parse_context(self, source: SourceConfig, url: str, fetched_at: datetime) -> ParseContext:
        return parse_context(source, url, fetched_at)

    # accounting --------------------------------------------------------------
    def reject(self, url: str | None, post_id: str | None, reason: str, stage: str = "extract") -> None:
        self.rejected.append(RejectedItem(url=url, post_id=post_id, stage=stage, reason=reason))

    def note_cap(self, url: str, message: str) -> None:
        self.notes.append(f"{url}: {message}")
        log.warning("%s: %s", url, message)

    def note_loop(self, url: str, message: str) -> None:
        self.notes.append(f"{url}: {message}")
        log.info("%s: %s", url, message)

    def mark_thread(self, key: str, url: str, posts_seen: int, page: Page) -> None:
        marks = self.thread_marks.setdefault(key, {"pages": 0})
        marks["pages"] += 1
        marks["posts"] = posts_seen
        marks["last_page"] = url
        dates = [p.published_at for p in page.posts if p.published_at]
        if dates:
            newest = max(dates).isoformat()
            marks["newest"] = max(newest, marks.get("newest", newest))

    def document(self, source: SourceConfig, post: Post, page: Page) -> RawDocument | None:
        """The RawDocument for a draft, or None when it is rejected (reason recorded)."""
        return to_document(source, post, page, self.salt, self.reject, self.last_fetched_at)


def parse_context(source: SourceConfig, url: str, fetched_at: datetime) -> ParseContext:
    return ParseContext(
        url=url,
        dates=DateReader(source.timezone, source.languages, fetched_at),
        staff_labels=source.all_staff_labels,
        selectors=source.selectors.model_dump(exclude_none=True),
        owner_role=source.owner_role,
        moderator_labels=tuple(defaults.MODERATOR_LABELS),
        moderator_role=source.moderator_role,
    )


def rejection_reason(post: Post) -> str | None:
    if post.reject:
        return post.reject
    if not post.text.strip():
        return "empty text"
    if post.published_at is None:
        return f"unparseable date {post.date_text!r}" if post.date_text else "missing date"
    return None


def to_document(source: SourceConfig, post: Post, page: Page, salt: str, reject,
                fetched_at: datetime | None = None) -> RawDocument | None:
    reason = rejection_reason(post)
    if reason:
        reject(post.url, post.post_id, reason)
        return None
    try:
        return new_raw_document(
            source=source.name, platform=source.platform, url=post.url, post_id=post.post_id,
            text=post.text.strip(), salt=salt, fetched_at=fetched_at or datetime.now(UTC),
            author=post.author, author_role=post.author_role,
            thread_id=post.thread_id or page.thread_id,
            thread_title=post.thread_title or page.thread_title,
            parent_id=post.parent_id, quoted_ids=[q for q in post.quoted_ids if q != post.post_id],
            published_at=post.published_at, edited_at=post.edited_at, editor=post.editor,
            position=post.position, lang_hint=source.lang_hint)
    except ValueError as exc:
        reject(post.url, post.post_id, f"malformed record: {exc}")
        return None
