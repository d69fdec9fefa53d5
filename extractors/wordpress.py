"""WordPress blog posts with their comments, from the rendered HTML.

Comments are found by ``wp_list_comments`` ids (``li#comment-N`` or
``li#li-comment-N``), whatever the theme. A comment's parent comes from its
``depth-N`` class and document order, not from DOM nesting, because some
themes (WordPress.com's) close each ``<li>`` before its ``ul.children``.
Comment pages (``/comment-page-N/``, ``?cpage=N``) are followed both ways.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from extractors.base import HtmlAdapter, Page, ParseContext, Post
from extractors.markup import (
    COMMON_CHROME,
    commenter_role,
    drop,
    normalise_url,
    one_line,
    parse_html,
    strip_trailing_chrome_links,
    text_of,
)

PLATFORM = "wordpress"

COMMENT = "li[id^='comment-'], li[id^='li-comment-'], article[id^='comment-'], div.comment[id^='comment-']"
COMMENT_ID = re.compile(r"^(?:li-)?comment-(\d+)$")
OWNER_ID = re.compile(r"^(?:li-|div-)?comment-(\d+)$")
DEPTH = re.compile(r"^depth-(\d+)$")
COMMENT_AUTHOR = (".comment-author .fn", "cite.fn", ".comment-author-name", "cite.comment-author",
                  ".comment-author", ".commentauthor")
COMMENT_TIME = ("time[datetime]",)
COMMENT_DATE_TEXT = (".comment-metadata a", ".comment-meta a", ".commentmetadata a",
                     ".comment-date", ".commentdate", ".comment-meta", ".commentmetadata")
COMMENT_BODY = (".comment-content", ".contenttext", "div.comment-body", ".comment-text",
                ".commenttext")
BY_POST_AUTHOR = "bypostauthor"
COMMENT_CHROME = COMMON_CHROME + (".says", ".comment-meta", ".comment-metadata", ".commentmetadata",
                                  ".comment-author", ".comment-awaiting-moderation", ".edit-link")
QUOTE = "blockquote"
ARTICLE = ("article.post", "article.type-post", "div.post.hentry", "article.hentry", "div.hentry",
           "div.post", "article")
ARTICLE_TITLE = ("h1.entry-title", ".entry-title", "h1.post-title", "h1", "h2.entry-title")
ARTICLE_BODY = (".entry-content", ".entrytext", ".post-content", ".entry-body", ".post-entry",
                ".entry")
ARTICLE_AUTHOR = (".author.vcard a", ".author.vcard", ".byline .author", "p.post-author-name",
                  ".post-author-name", "a[rel='author']", ".entry-author-name")
ARTICLE_TIME = ("time.entry-date[datetime]", "time.published[datetime]", "time[datetime]")
ARTICLE_DATE_TEXT = (".entry-date", ".posted-on", "span.date", ".post-date", ".date")
ARTICLE_CHROME = COMMON_CHROME + (".wp-block-buttons", ".post-navigation", ".nav-links",
                                  ".entry-meta", ".author-bio", ".related-posts", "#comments")
META_PUBLISHED = "meta[property='article:published_time']"
META_TITLE = "meta[property='og:title']"
META_AUTHOR = "meta[name='author']"
SHORTLINK = "link[rel='shortlink']"
COMMENT_PAGE = re.compile(r"(?:/comment-page-\d+/?|[?&]cpage=\d+)")
LISTING_ARTICLE_LINKS = ("h2.entry-title a[href]", "h1.entry-title a[href]", ".entry-title a[href]",
                         "article a[rel='bookmark'][href]", "h2.post-title a[href]")
LISTING_NEXT = ("a.next.page-numbers[href]", ".nav-previous a[href]", ".nav-next a[href]",
                "link[rel='next'][href]", "a.next[href]", ".pagination a[href]")
SINGLE_BODY_CLASSES = ("single", "single-post", "page")


def _depth(node) -> int:
    for cls in node.get("class", []):
        match = DEPTH.match(cls)
        if match:
            return int(match.group(1))
    return 1 + len([p for p in node.find_parents(["ul", "ol"]) if "children" in p.get("class", [])])


def _owner_id(element) -> str | None:
    for parent in element.parents:
        match = OWNER_ID.match(parent.get("id") or "") if parent.name else None
        if match:
            return match.group(1)
    return None


def _own(node, selectors, comment_id: str):
    """The first match that belongs to this comment, not to a nested reply."""
    for selector in selectors:
        for found in node.select(selector):
            if _owner_id(found) == comment_id:
                return found
    return None


def _comments(soup, ctx: ParseContext, page_url: str) -> list[Post]:
    posts: list[Post] = []
    stack: list[tuple[int, str]] = []  # (depth, comment id) of the open ancestors
    seen: set[str] = set()
    for node in soup.select(COMMENT):
        match = COMMENT_ID.match(node.get("id", ""))
        if not match or match.group(1) in seen:
            continue
        if node.name == "article" and node.find_parent("li", id=COMMENT_ID):
            continue  # Twenty* themes: article#div-comment-N inside li#comment-N
        comment_id = match.group(1)
        seen.add(comment_id)
        depth = _depth(node)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack and depth > 1 else None
        stack.append((depth, comment_id))
        author_node = _own(node, COMMENT_AUTHOR, comment_id)
        author = None
        if author_node is not None:
            author_copy = parse_html(str(author_node))
            drop(author_copy, (".says", "img", ".screen-reader-text"))
            author = one_line(author_copy) or None
        stamp = _own(node, COMMENT_TIME, comment_id)
        date_text = None
        published = None
        if stamp is not None:
            date_text = one_line(stamp)
            published = ctx.dates.iso(stamp.get("datetime"))
        if published is None:
            for selector in COMMENT_DATE_TEXT:
                found = _own(node, (selector,), comment_id)
                if found is not None and one_line(found):
                    date_text = one_line(found)
                    published = ctx.dates.parse(date_text)
                    break
        body = _own(node, COMMENT_BODY, comment_id)
        text = ""
        if body is not None:
            body = parse_html(str(body)).find(body.name)
            for nested in body.select(COMMENT):
                nested.extract()
            drop(body, COMMENT_CHROME + ("ul.children",))
            for quote in body.find_all(QUOTE):
                if quote.parent is not None:
                    quote.extract()
            text = strip_trailing_chrome_links(text_of(body))
        by_owner = BY_POST_AUTHOR in node.get("class", [])
        posts.append(Post(
            post_id=f"comment-{comment_id}", text=text,
            url=urljoin(page_url, f"#comment-{comment_id}"), author=author,
            author_role=ctx.owner_role if by_owner else commenter_role(author, ctx),
            published_at=published, date_text=date_text,
            parent_id=f"comment-{parent}" if parent else None))
    return posts


def _first(soup, selectors):
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None and (found.name in ("meta", "link", "time") or one_line(found)):
            return found
    return None


def _article(soup, ctx: ParseContext, page_url: str) -> tuple[Post | None, str | None, str | None]:
    article = _first(soup, ARTICLE)
    post_id = None
    if article is not None and re.match(r"post-\d+$", article.get("id", "")):
        post_id = article["id"]
    body_classes = (soup.body.get("class", []) if soup.body else [])
    for cls in body_classes:
        if re.match(r"postid-\d+$", cls):
            post_id = f"post-{cls.split('-')[1]}"
    shortlink = soup.select_one(SHORTLINK)
    if post_id is None and shortlink is not None:
        match = re.search(r"[?&]p=(\d+)", shortlink.get("href", ""))
        post_id = f"post-{match.group(1)}" if match else None
    title_node = _first(article or soup, ARTICLE_TITLE) or _first(soup, (META_TITLE,))
    title = (title_node.get("content") if title_node is not None and title_node.name == "meta"
             else one_line(title_node)) if title_node is not None else None
    if not title and soup.title:
        title = one_line(soup.title)
    scope = article or soup
    body = _first(scope, ARTICLE_BODY)
    if body is None or post_id is None:
        return None, post_id, title
    stamp = _first(scope, ARTICLE_TIME)
    published = ctx.dates.iso(stamp.get("datetime")) if stamp is not None else None
    date_text = one_line(stamp) if stamp is not None else None
    meta = soup.select_one(META_PUBLISHED)
    if published is None and meta is not None:
        published = ctx.dates.iso(meta.get("content"))
    if published is None:
        found = _first(scope, ARTICLE_DATE_TEXT)
        date_text = one_line(found) if found is not None else date_text
        published = ctx.dates.parse(date_text)
    author_node = _first(scope, ARTICLE_AUTHOR)
    author = None
    if author_node is not None:
        copy = parse_html(str(author_node))
        drop(copy, (".screen-reader-text",))
        author = one_line(copy) or None
    if author is None and soup.select_one(META_AUTHOR):
        author = soup.select_one(META_AUTHOR).get("content")
    body = parse_html(str(body)).find(body.name)
    drop(body, ARTICLE_CHROME)
    text = strip_trailing_chrome_links(text_of(body))
    return Post(post_id=post_id, text=text, url=normalise_url(page_url), author=author,
                author_role=ctx.owner_role, published_at=published, date_text=date_text,
                position=0), post_id, title


def _is_listing(soup) -> bool:
    body_classes = soup.body.get("class", []) if soup.body else []
    if any(c in ("home", "blog", "archive", "category", "search") for c in body_classes) and \
            not any(c in SINGLE_BODY_CLASSES for c in body_classes):
        return True
    articles = [a for a in soup.select("article.post, article.type-post, div.post.hentry")
                if a.find_parent("article") is None]
    return len(articles) > 1


def parse_page(html: str, ctx: ParseContext) -> Page:
    soup = parse_html(html)
    page = Page()
    if _is_listing(soup) and not soup.select(COMMENT):
        for selector in LISTING_ARTICLE_LINKS:
            page.thread_urls += [a["href"] for a in soup.select(selector)]
        for selector in LISTING_NEXT:
            page.listing_urls += [a["href"] for a in soup.select(selector)
                                  if re.search(r"/page/\d+/?|[?&]paged=\d+", a["href"])]
        return page
    page_url = ctx.url
    article, article_id, title = _article(soup, ctx, page_url)
    page.thread_id, page.thread_title = article_id, title
    comments = _comments(soup, ctx, page_url)
    if article is not None:
        page.posts.append(article)
    page.posts += comments
    for link in soup.select("a[href]"):
        href = link["href"]
        if COMMENT_PAGE.search(href) and not re.search(r"#comment-\d+$", href):
            page.page_urls.append(href)
    return page


#: The platform's adapter: the shared HTML crawl with this module's parse_page.
ADAPTER = HtmlAdapter(PLATFORM, parse_page)
