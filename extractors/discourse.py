"""Discourse topics: the JSON API first, the crawler HTML view for saved pages.

JSON: ``/t/<id>.json`` gives the topic, the first chunk of posts and
``post_stream.stream`` (every post id in order); the rest come from
``/t/<id>/posts.json?post_ids[]=...`` in chunks. Listings: ``/latest.json`` or a
category's ``.json`` (``topic_list.topics``, ``more_topics_url``).

A post's native id here is ``<topic id>/<post number>``: the identity Discourse
shows in URLs (``/t/slug/57/3``) and in quotes (``data-topic``, ``data-post``), and
the one thing the HTML crawler view and the JSON share.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from extractors.base import Page, ParseContext, Post
from extractors.markup import drop, one_line, parse_html, strip_trailing_chrome_links, text_of
from themewatch import defaults

PLATFORM = "discourse"

QUOTE = "aside.quote"
QUOTE_CHROME = (".quote-controls", "aside.onebox", ".lightbox-wrapper .meta", ".cooked-date")
USER_POST = 1  # post_type: 1 regular, 2 moderator action, 3 small action, 4 whisper
TOPIC_PATH = re.compile(r"/t/(?:[^/]+/)?(\d+)(?:/\d+)?(?:\.json)?/?$")
# crawler HTML view
HTML_POST = "div.crawler-post[id^='post_'], div.topic-body[id^='post_']"
HTML_AUTHOR = ".creator [itemprop='name']"
HTML_TIME = "time.post-time[datetime], time[itemprop='datePublished']"
HTML_BODY = "div.post[itemprop='text'], div.post"
HTML_POSITION = "[itemprop='position']"
HTML_TITLE = ("#topic-title h1", "h1 a", "h1", "meta[property='og:title']")
HTML_NEXT = "a[rel='next'], link[rel='next']"


def _own_text(cooked: str, topic_id: str) -> tuple[str, list[str]]:
    body = parse_html(cooked or "")
    quoted = []
    for quote in body.select(QUOTE):
        if quote.find_parent("aside") is None and quote.get("data-post") and \
                str(quote.get("data-topic", topic_id)) == str(topic_id) and quote.get("data-username"):
            quoted.append(f"{topic_id}/{quote['data-post']}")
    for quote in body.select(QUOTE):
        if quote.parent is not None:
            quote.extract()
    drop(body, QUOTE_CHROME)
    return strip_trailing_chrome_links(text_of(body)), list(dict.fromkeys(quoted))


def _json_post(item: dict, topic_id: str, base: str, title: str | None, ctx: ParseContext) -> Post:
    text, quoted = _own_text(item.get("cooked", ""), topic_id)
    number = item.get("post_number")
    reply_to = item.get("reply_to_post_number")
    reject = None
    if item.get("post_type", USER_POST) != USER_POST:
        reject = f"moderator or system notice (post_type {item.get('post_type')})"
    elif item.get("deleted_at") or item.get("user_deleted"):
        reject = "deleted post"
    elif item.get("hidden"):
        reject = "hidden post"
    staff = bool(item.get("staff") or item.get("admin") or item.get("moderator"))
    updated = ctx.dates.iso(item.get("updated_at"))
    created = ctx.dates.iso(item.get("created_at"))
    edited = updated if (item.get("version", 1) or 1) > 1 and updated and updated != created else None
    return Post(
        post_id=f"{topic_id}/{number}", text=text, url=f"{base}/t/{item.get('topic_slug') or 'topic'}"
        f"/{topic_id}/{number}", author=item.get("name") or item.get("username") or None,
        author_role="agent" if staff else "customer", published_at=created,
        date_text=item.get("created_at"), edited_at=edited,
        parent_id=f"{topic_id}/{reply_to}" if reply_to else None, quoted_ids=quoted,
        position=number, thread_id=str(topic_id), thread_title=title, reject=reject)


def parse_topic_json(data: dict, ctx: ParseContext, topic_id: str | None = None,
                     title: str | None = None) -> Page:
    """A /t/<id>.json or /t/<id>/posts.json response."""
    parts = urlsplit(ctx.url)
    base = f"{parts.scheme}://{parts.netloc}"
    stream = data.get("post_stream", {})
    posts = stream.get("posts", [])
    topic_id = str(data.get("id") or topic_id or (posts[0].get("topic_id") if posts else ""))
    title = data.get("title") or title
    page = Page(thread_id=topic_id, thread_title=title)
    page.posts = [_json_post(p, topic_id, base, title, ctx) for p in posts]
    return page


def parse_html_page(html: str, ctx: ParseContext) -> Page:
    """The server-rendered crawler view of a topic (what search engines and saved pages get)."""
    soup = parse_html(html)
    match = TOPIC_PATH.search(urlsplit(ctx.url).path)
    topic_id = match.group(1) if match else None
    if topic_id is None:
        canonical = soup.select_one("link[rel='canonical']")
        found = TOPIC_PATH.search(urlsplit(canonical.get("href", "")).path) if canonical else None
        topic_id = found.group(1) if found else "topic"
    title = None
    for selector in HTML_TITLE:
        node = soup.select_one(selector)
        if node is not None:
            title = node.get("content") if node.name == "meta" else one_line(node)
            if title:
                break
    page = Page(thread_id=topic_id, thread_title=title)
    for node in soup.select(HTML_POST):
        number = node["id"].removeprefix("post_")
        author_node = node.select_one(HTML_AUTHOR)
        stamp = node.select_one(HTML_TIME)
        body = node.select_one(HTML_BODY)
        text, quoted = _own_text(str(body) if body else "", topic_id)
        position = node.select_one(HTML_POSITION)
        page.posts.append(Post(
            post_id=f"{topic_id}/{number}", text=text, url=f"{ctx.url.split('?')[0].rstrip('/')}/{number}"
            if not ctx.url.rstrip('/').endswith(f"/{number}") else ctx.url,
            author=one_line(author_node) or None if author_node else None, author_role="customer",
            published_at=ctx.dates.iso(stamp.get("datetime")) if stamp else None,
            date_text=one_line(stamp) if stamp else None, quoted_ids=quoted,
            position=int(one_line(position)) if position and one_line(position).isdigit() else None))
    page.page_urls = [a["href"] for a in soup.select(HTML_NEXT) if a.get("href")]
    return page


def topic_json_url(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    match = TOPIC_PATH.search(parts.path)
    if not match:
        return None
    return match.group(1), f"{parts.scheme}://{parts.netloc}/t/{match.group(1)}.json"


class DiscourseAdapter:
    platform = PLATFORM

    def iter_documents(self, source, run) -> Iterator:
        topics: list[tuple[str, str]] = []
        for start in source.start_urls:
            found = topic_json_url(start)
            if found:
                topics.append(found)
            else:
                topics += self._listing(source, run, start)
        seen_topics = set()
        for topic_id, url in topics[: source.max_threads]:
            if topic_id in seen_topics:
                continue
            seen_topics.add(topic_id)
            yield from self._topic(source, run, topic_id, url)

    def _listing(self, source, run, start: str) -> list[tuple[str, str]]:
        parts = urlsplit(start)
        base = f"{parts.scheme}://{parts.netloc}"
        path = parts.path.rstrip("/")
        url = f"{base}{path}.json" if path and not path.endswith(".json") else f"{base}/latest.json"
        topics, pages = [], 0
        while url and pages <= source.max_listing_pages:
            response = run.fetch(url, accept="application/json")
            pages += 1
            if response is None:
                break
            data = response.json()
            listing = data.get("topic_list", {})
            for topic in listing.get("topics", []):
                topics.append((str(topic["id"]), f"{base}/t/{topic['id']}.json"))
            more = listing.get("more_topics_url")
            if more:
                more_parts = urlsplit(more)
                more_path = more_parts.path if more_parts.path.endswith(".json") else \
                    f"{more_parts.path}.json"
                next_url = f"{base}{more_path}" + (f"?{more_parts.query}" if more_parts.query else "")
                url = None if next_url == url else next_url
            else:
                url = None
        return topics

    def _topic(self, source, run, topic_id: str, url: str) -> Iterator:
        response = run.fetch(url, accept="application/json")
        if response is None:
            return
        data = response.json()
        ctx = run.parse_context(source, response.url, response.fetched_at)
        page = parse_topic_json(data, ctx)
        loaded = {p.get("id") for p in data.get("post_stream", {}).get("posts", [])}
        stream = [i for i in data.get("post_stream", {}).get("stream", []) if i not in loaded]
        for post in page.posts:
            document = run.document(source, post, page)
            if document is not None:
                yield document
        parts = urlsplit(url)
        chunk = defaults.DISCOURSE_CHUNK_SIZE
        for start in range(0, len(stream), chunk):
            if start // chunk + 1 >= source.max_pages_per_thread:
                run.note_cap(url, f"thread page cap {source.max_pages_per_thread} reached")
                break
            ids = "&".join(f"post_ids[]={i}" for i in stream[start:start + chunk])
            more = run.fetch(f"{parts.scheme}://{parts.netloc}/t/{topic_id}/posts.json?{ids}",
                             accept="application/json")
            if more is None:
                continue
            ctx = run.parse_context(source, more.url, more.fetched_at)
            extra = parse_topic_json(more.json(), ctx, topic_id=page.thread_id, title=page.thread_title)
            for post in extra.posts:
                document = run.document(source, post, extra)
                if document is not None:
                    yield document

    def parse_file(self, data: bytes, url: str, ctx: ParseContext) -> Page:
        text = data.decode("utf-8-sig", errors="replace")
        if text.lstrip().startswith("{"):
            return parse_topic_json(json.loads(text), ctx)
        return parse_html_page(text, ctx)
