"""/blogg/wp-json/: the blog's data through the WordPress REST API (wp/v2).

Collections as WordPress serves them: newest first, ``per_page`` 10 by default, pages by
``page``; X-WP-Total / X-WP-TotalPages and a Link header (rel=next/prev) come from
sidecar files. Because files stand in for a live API, each page exists for the query
spellings clients commonly use: the default 10 a page without ``page`` (page 1) or with
``page=N``, and 100 a page with ``per_page=100`` (with or without ``page=N``).
Field layout follows shared/corpus/wordpress-rest (json_encode style: ASCII, ``\\/``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from themewatch.sample_site import clock
from themewatch.sample_site.model import Thread, Unit
from themewatch.sample_site.platforms.wordpress import BLOGGER, PREFIX, REP, post_url
from themewatch.sample_site.render import SiteWriter, latest, wp_html, wp_json

API = f"{PREFIX}wp-json/"
V2 = f"{API}wp/v2/"
USER_IDS = {BLOGGER: 1, REP: 2}


def _rendered(paragraphs: list[str]) -> str:
    return "".join(f"<p>{wp_html(p)}</p>\n" for p in paragraphs)


def _avatar(name: str) -> dict[str, str]:
    digest = hashlib.md5(name.encode("utf-8")).hexdigest()
    return {size: f"https://secure.gravatar.com/avatar/{digest}?s={size}&d=mm&r=g" for size in ("24", "48", "96")}


def post_json(thread: Thread) -> dict[str, Any]:
    post, pid = thread.units[0], int(thread.thread_id)
    content = _rendered(post.paragraphs)
    return {
        "id": pid, "date": clock.naive_local(post.published_at), "date_gmt": clock.naive_utc(post.published_at),
        "guid": {"rendered": f"{PREFIX}?p={pid}"},
        "modified": clock.naive_local(post.published_at), "modified_gmt": clock.naive_utc(post.published_at),
        "slug": thread.slug, "status": "publish", "type": "post", "link": post_url(thread),
        "title": {"rendered": str(wp_html(thread.title))},
        "content": {"rendered": content, "protected": False},
        "excerpt": {"rendered": _rendered(post.paragraphs[:1]), "protected": False},
        "author": 1, "featured_media": 0, "comment_status": "open", "ping_status": "closed",
        "sticky": False, "template": "", "format": "standard", "meta": [], "categories": [3], "tags": [],
        "lang": thread.lang,
        "_links": {
            "self": [{"href": f"{V2}posts/{pid}"}], "collection": [{"href": f"{V2}posts"}],
            "about": [{"href": f"{V2}types/post"}],
            "author": [{"embeddable": True, "href": f"{V2}users/1"}],
            "replies": [{"embeddable": True, "href": f"{V2}comments?post={pid}"}],
            "wp:attachment": [{"href": f"{V2}media?parent={pid}"}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }


def comment_json(c: Unit, thread: Thread) -> dict[str, Any]:
    cid, pid = int(c.post_id), int(thread.thread_id)
    author_id = USER_IDS.get(c.author, 0)
    links: dict[str, Any] = {"self": [{"href": f"{V2}comments/{cid}"}], "collection": [{"href": f"{V2}comments"}]}
    if author_id:
        links["author"] = [{"embeddable": True, "href": f"{V2}users/{author_id}"}]
    links["up"] = [{"embeddable": True, "post_type": "post", "href": f"{V2}posts/{pid}"}]
    if c.parent is not None and c.parent.kind == "comment":
        links["in-reply-to"] = [{"embeddable": True, "href": f"{V2}comments/{c.parent.post_id}"}]
    return {
        "id": cid, "post": pid, "parent": int(c.parent.post_id) if c.parent is not None else 0,
        "author": author_id, "author_name": c.author, "author_url": c.extra.get("author_url", ""),
        "date": clock.naive_local(c.published_at), "date_gmt": clock.naive_utc(c.published_at),
        "content": {"rendered": _rendered(c.paragraphs)}, "link": c.url, "status": "approved",
        "type": "comment", "author_avatar_urls": _avatar(c.author), "meta": [], "_links": links,
    }


def _write_collection(writer: SiteWriter, path: str, base_query: str, items: list[tuple[datetime, dict]],
                      mtime_default: datetime, on_page: Callable[[int, list[dict]], None] | None = None) -> None:
    """All the file spellings of one paged collection (newest first)."""
    items = sorted(items, key=lambda pair: (pair[0], pair[1]["id"]), reverse=True)
    join = "&" if base_query else ""
    for per_page in (10, 100):
        pages = (len(items) + per_page - 1) // per_page
        for n in range(1, max(pages, 1) + 1):
            chunk = items[(n - 1) * per_page: n * per_page]
            body = wp_json([obj for _, obj in chunk])
            headers = {"Content-Type": "application/json; charset=UTF-8", "X-WP-Total": str(len(items)),
                       "X-WP-TotalPages": str(pages), "Allow": "GET"}
            links = []
            pq = "" if per_page == 10 else f"&per_page={per_page}"
            if n > 1:
                links.append(f'<{path}?{base_query}{join}page={n - 1}{pq}>; rel="prev"')
            if n < pages:
                links.append(f'<{path}?{base_query}{join}page={n + 1}{pq}>; rel="next"')
            if links:
                headers["Link"] = ", ".join(links)
            mtime = latest((t for t, _ in chunk), mtime_default)
            if per_page == 10:
                spellings = [f"page={n}"] + ([""] if n == 1 else [])
            else:
                spellings = [f"page={n}&per_page={per_page}"] + ([f"per_page={per_page}"] if n == 1 else [])
            for q in spellings:
                query = base_query + (join + q if q else "")
                writer.write(f"{path}?{query}" if query else path, body, mtime=mtime, headers=headers)
            if on_page is not None and per_page == 10:
                on_page(n, [obj for _, obj in chunk])


def build(threads: list[Thread], window_end: datetime, writer: SiteWriter) -> list[str]:
    """Write posts, per-post comments and all comments; note each unit's API page."""
    by_id = {t.thread_id: t for t in threads}
    comments_of = {t.thread_id: [(c.published_at, comment_json(c, t)) for c in t.units[1:]] for t in threads}
    units = {(t.thread_id, c.post_id): c for t in threads for c in t.units[1:]}

    def note_posts(n: int, objs: list[dict]) -> None:
        for obj in objs:
            by_id[str(obj["id"])].units[0].extra["api_url"] = f"{V2}posts?page={n}"

    _write_collection(writer, f"{V2}posts", "", [(t.units[0].published_at, post_json(t)) for t in threads],
                      window_end, note_posts)
    for t in threads:
        def note_comments(n: int, objs: list[dict], tid: str = t.thread_id) -> None:
            for obj in objs:
                units[(tid, str(obj["id"]))].extra["api_url"] = f"{V2}comments?post={tid}&page={n}"

        _write_collection(writer, f"{V2}comments", f"post={t.thread_id}", comments_of[t.thread_id],
                          window_end, note_comments)
    _write_collection(writer, f"{V2}comments", "", [pair for t in threads for pair in comments_of[t.thread_id]],
                      window_end)
    root = {"name": "Kundereisen", "description": "En blogg om kundeservice og kundereiser", "url": PREFIX.rstrip("/"),
            "home": PREFIX.rstrip("/"), "gmt_offset": 1, "timezone_string": "Europe/Oslo",
            "namespaces": ["oembed/1.0", "wp/v2"], "routes": {"/wp/v2/posts": {"namespace": "wp/v2", "methods": ["GET"]},
                                                              "/wp/v2/comments": {"namespace": "wp/v2", "methods": ["GET"]}}}
    writer.write(API, wp_json(root), mtime=window_end, headers={"Content-Type": "application/json; charset=UTF-8"})
    return [f"{V2}posts"]
