"""The adapter protocol and what adapters hand back.

Every platform module parses one fetched page (or JSON response, or transcript
file) into a :class:`Page` of :class:`Post` drafts with a pure function, so the
same code serves the crawler, ``themewatch extract --file`` and the tests. The
crawl itself (pagination, listings, caps, loop detection) is shared:
:func:`crawl_html` for the HTML forums and blogs; the JSON and transcript
adapters walk their own APIs.

Posts become RawDocuments only in :meth:`extractors.run.Run.document`, through
``themewatch.records.new_raw_document``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from extractors.dates import DateReader
from extractors.markup import normalise_url, resolve_quote_by_text, same_site
from themewatch.records import RawDocument

if TYPE_CHECKING:
    from extractors.run import Run
    from extractors.sources import SourceConfig

log = logging.getLogger(__name__)


@dataclass
class Post:
    """One post, comment or turn as a page shows it, before privacy is applied."""

    post_id: str
    text: str
    url: str
    author: str | None = None
    author_role: str = "unknown"
    published_at: datetime | None = None
    date_text: str | None = None  # the date as shown, kept for rejection reasons
    edited_at: datetime | None = None
    editor: str | None = None
    parent_id: str | None = None
    quoted_ids: list[str] = field(default_factory=list)
    position: int | None = None
    thread_id: str | None = None
    thread_title: str | None = None
    reject: str | None = None  # a reason the adapter already knows (deleted, moderator notice)
    #: quotes the page alone could not link: (quoted author or None, quoted text), for the crawl
    #: to match against earlier pages of the thread
    unresolved_quotes: list[tuple[str | None, str]] = field(default_factory=list)


@dataclass
class Page:
    posts: list[Post] = field(default_factory=list)
    thread_id: str | None = None
    thread_title: str | None = None
    page_urls: list[str] = field(default_factory=list)  # other pages of this thread / comment list
    thread_urls: list[str] = field(default_factory=list)  # a listing's threads / posts
    listing_urls: list[str] = field(default_factory=list)  # a listing's next pages and sub-listings


@dataclass(frozen=True)
class ParseContext:
    """What a page parser needs besides the page: where it came from and how to read dates."""

    url: str
    dates: DateReader
    staff_labels: tuple[str, ...] = ()
    selectors: dict[str, str] = field(default_factory=dict)
    owner_role: str = "unknown"
    moderator_labels: tuple[str, ...] = ()
    moderator_role: str = "unknown"


class Adapter(Protocol):
    platform: str

    def iter_documents(self, source: SourceConfig, run: Run) -> Iterator[RawDocument]:
        """Every post of the source as a RawDocument; rejects go to ``run``'s accounting."""

    def parse_file(self, data: bytes, url: str, ctx: ParseContext) -> Page:
        """One saved page/response/file (for ``themewatch extract --file`` and tests)."""


PageParser = Callable[[str, ParseContext], Page]


@dataclass(frozen=True)
class HtmlAdapter:
    """The adapter of a platform whose pages are HTML read by one ``parse_page``:
    ``crawl_html`` follows the listings, threads and pagination it finds."""

    platform: str
    parse_page: PageParser

    def iter_documents(self, source: SourceConfig, run: Run) -> Iterator[RawDocument]:
        return crawl_html(source, run, self.parse_page)

    def parse_file(self, data: bytes, url: str, ctx: ParseContext) -> Page:
        from extractors.http import detect_encoding

        return self.parse_page(data.decode(detect_encoding(data), errors="replace"), ctx)


def crawl_html(source: SourceConfig, run: Run, parse_page: PageParser) -> Iterator[RawDocument]:
    """Breadth-first over a source's listings and threads, following every pagination link.

    Pages are keyed by normalised URL (no fragment, no session ids), so a
    pagination loop ends the first time it comes back; a page whose posts were
    all seen already in this thread is a loop in disguise and stops that thread.
    Caps: ``max_pages_per_thread`` per thread, ``max_listing_pages`` over listings,
    ``max_threads`` threads per source.
    """
    frontier: deque[tuple[str, str | None]] = deque()  # (url, thread key or None for listing/any)
    queued: set[str] = set()
    thread_pages: dict[str, int] = {}
    thread_posts: dict[str, set[str]] = {}
    history: dict[str, list[tuple[str, str | None, str]]] = {}
    positions: dict[str, int] = {}
    listing_pages = 0
    threads_queued = 0

    def enqueue(url: str, base: str, thread_key: str | None) -> bool:
        key = normalise_url(url, base)
        if key in queued or not same_site(key, base):
            return False
        queued.add(key)
        frontier.append((key, thread_key))
        return True

    for start in source.start_urls:
        enqueue(start, start, None)

    while frontier:
        url, thread_key = frontier.popleft()
        if thread_key is not None and thread_pages.get(thread_key, 0) >= source.max_pages_per_thread:
            run.note_cap(url, f"thread page cap {source.max_pages_per_thread} reached")
            continue
        response = run.fetch(url)
        if response is None:
            continue
        page = parse_page(response.text, run.parse_context(source, response.url, response.fetched_at))
        if page.posts:
            key = thread_key or page.thread_id or url
            thread_pages[key] = thread_pages.get(key, 0) + 1
            seen = thread_posts.setdefault(key, set())
            ids = [p.post_id for p in page.posts]
            if seen and all(i in seen for i in ids):
                run.note_loop(url, f"every post on this page was already read in thread {key} "
                                   "(a pagination loop, or another URL for a page already read); "
                                   "not followed further")
                continue
            earlier = history.setdefault(key, [])
            for post in page.posts:
                if post.post_id in seen:
                    continue
                seen.add(post.post_id)
                for author, quoted_text in post.unresolved_quotes:
                    target = resolve_quote_by_text(quoted_text, author, earlier)
                    if target and target not in post.quoted_ids:
                        post.quoted_ids.append(target)
                earlier.append((post.post_id, post.author, post.text))
                if post.position is None:
                    positions[key] = positions.get(key, 0) + 1
                    post.position = positions[key]
                document = run.document(source, post, page)
                if document is not None:
                    yield document
            run.mark_thread(key, url, len(seen), page)
            for link in page.page_urls:
                enqueue(link, response.url, key)
        elif thread_key is None:
            listing_pages += 1
        for link in page.thread_urls:
            if threads_queued >= source.max_threads:
                run.note_cap(link, f"thread cap {source.max_threads} reached")
                break
            threads_queued += enqueue(link, response.url, None)
        if listing_pages <= source.max_listing_pages:
            for link in page.listing_urls:
                enqueue(link, response.url, None)
        else:
            run.note_cap(url, f"listing page cap {source.max_listing_pages} reached")
