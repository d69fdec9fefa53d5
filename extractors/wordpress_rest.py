"""WordPress posts and comments through the REST API (``/wp-json/wp/v2/``).

Posts and comments are paged with ``per_page`` and ``page``; the
``X-WP-TotalPages`` header says when to stop (capped by ``max_pages_per_thread``).
``date_gmt`` is UTC without an offset; ``date`` is site-local.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from extractors.base import Page, ParseContext, Post
from extractors.markup import commenter_role, parse_html, strip_trailing_chrome_links, text_of
from themewatch import defaults
from themewatch.errors import FetchError

PLATFORM = "wordpress-rest"
API_ROOT = "/wp-json/wp/v2/"
POSTS = "posts?per_page={per_page}&page={page}&orderby=id&order=asc"
COMMENTS = "comments?per_page={per_page}&page={page}&orderby=id&order=asc"
TOTAL_PAGES = "x-wp-totalpages"
QUOTE = "blockquote"


def _text(rendered: str) -> str:
    body = parse_html(rendered or "")
    for quote in body.find_all(QUOTE):
        if quote.parent is not None:
            quote.extract()
    return strip_trailing_chrome_links(text_of(body))


def _when(item: dict, ctx: ParseContext):
    if item.get("date_gmt"):
        return ctx.dates.iso(item["date_gmt"] + ("" if item["date_gmt"].endswith("Z") else "Z"))
    return ctx.dates.iso(item.get("date"))


def _abs(link: str | None, ctx: ParseContext) -> str:
    if not link:
        return ctx.url
    if link.startswith("/"):
        parts = urlsplit(ctx.url)
        return f"{parts.scheme}://{parts.netloc}{link}"
    return link


def parse_items(items: list, ctx: ParseContext, posts_by_id: dict[int, dict] | None = None) -> Page:
    """A posts or comments collection (a JSON list) -> Post drafts."""
    posts_by_id = posts_by_id if posts_by_id is not None else {}
    page = Page()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or "id" not in item:
            continue
        if "author_name" in item or "post" in item:  # a comment
            parent_post = posts_by_id.get(item.get("post"), {})
            by_owner = bool(parent_post) and item.get("author") and \
                item.get("author") == parent_post.get("author")
            status = item.get("status", "approved")
            page.posts.append(Post(
                post_id=f"comment-{item['id']}", text=_text(item.get("content", {}).get("rendered", "")),
                url=_abs(item.get("link"), ctx), author=item.get("author_name") or None,
                author_role=ctx.owner_role if by_owner else commenter_role(item.get("author_name"), ctx),
                published_at=_when(item, ctx), date_text=item.get("date_gmt") or item.get("date"),
                parent_id=f"comment-{item['parent']}" if item.get("parent") else None,
                thread_id=f"post-{item['post']}" if item.get("post") else None,
                thread_title=_text(parent_post.get("title", {}).get("rendered", "")) or None,
                reject=None if status in ("approved", "approve") else f"comment status {status}"))
        else:  # a post
            posts_by_id[item["id"]] = item
            title = _text(item.get("title", {}).get("rendered", ""))
            page.posts.append(Post(
                post_id=f"post-{item['id']}", text=_text(item.get("content", {}).get("rendered", "")),
                url=_abs(item.get("link"), ctx), author=None, author_role=ctx.owner_role,
                published_at=_when(item, ctx), date_text=item.get("date_gmt") or item.get("date"),
                thread_id=f"post-{item['id']}", thread_title=title or None, position=0))
    return page


def api_root(start_url: str) -> str:
    parts = urlsplit(start_url)
    path = parts.path
    if "/wp-json/" in path:
        path = path.split("/wp-json/")[0]
    return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}{API_ROOT}"


class WordpressRestAdapter:
    platform = PLATFORM

    def iter_documents(self, source, run) -> Iterator:
        for start in source.start_urls:
            root = api_root(start)
            posts_by_id: dict[int, dict] = {}
            for template in (POSTS, COMMENTS):
                page_no, total = 1, 1
                while page_no <= min(total, source.max_pages_per_thread):
                    url = root + template.format(per_page=defaults.WP_REST_PER_PAGE, page=page_no)
                    response = run.fetch(url, accept="application/json")
                    if response is None:
                        break
                    total = int(response.headers.get(TOTAL_PAGES, "1") or 1)
                    try:
                        items = response.json()
                    except FetchError as exc:  # the body is not JSON
                        run.reject(url, None, f"malformed JSON: {exc}", stage="extract")
                        break
                    ctx = run.parse_context(source, response.url, response.fetched_at)
                    page = parse_items(items, ctx, posts_by_id)
                    for post in page.posts:
                        document = run.document(source, post, page)
                        if document is not None:
                            yield document
                    if not items:
                        break
                    page_no += 1

    def parse_file(self, data: bytes, url: str, ctx: ParseContext) -> Page:
        import json
        return parse_items(json.loads(data.decode("utf-8-sig")), ctx)
