"""Invision Community (IPB) 4 and 5 forum threads and forum listings.

Both generations keep ``article#elComment_<id>`` around a post,
``data-quotedata`` (JSON with the author's name and the post's timestamp) and
``div[data-role=commentContent]`` for the body; they differ in the author pane
(4: ``aside.cAuthorPane``, 5: ``aside.ipsEntry__author-column``).
"""

from __future__ import annotations

import json
import re

from extractors.base import HtmlAdapter, Page, ParseContext, Post
from extractors.markup import (
    COMMON_CHROME,
    drop,
    forum_role,
    normalise_url,
    one_line,
    parse_html,
    read_edit_marker,
    strip_trailing_chrome_links,
    text_of,
)

PLATFORM = "ipb"

POST = "article[id^='elComment_']"
QUOTE_DATA = "[data-quotedata]"
AUTHOR_NAME = (".cAuthorPane_author a", ".ipsEntry__username a", "h3.cAuthorPane_author",
               ".ipsEntry__username")
POST_TIME = "time"
POST_TIME_LONG = ".ipsTime__long"
BODY = "[data-role='commentContent']"
QUOTE = "blockquote.ipsQuote"
QUOTE_POST_ID = "data-ipsquote-contentcommentid"
QUOTE_AUTHOR = "data-ipsquote-username"
QUOTE_CONTENTS = ".ipsQuote_contents"
EDIT_MARKER = "[data-excludequote]"
SIGNATURE = "[data-role='memberSignature']"
GROUP_LABELS = ("[data-role='group']", ".ipsEntry__group", ".cAuthorPane_badge",
                ".ipsComment_badges .ipsBadge", ".ipsEntry__badges .ipsBadge")
DELETED_POST_CLASSES = ("ipsModerated", "ipsComment_hidden", "ipsComment_deleted")
BODY_CHROME = COMMON_CHROME + (".ipsQuote_citation", "[data-role='spoilerControl']",
                               ".ipsEmbeddedVideo")
TITLE = ("h1.ipsType_pageTitle", "h1.ipsPageHeader__title", ".ipsPageHeader__title", "h1")
PAGINATION = ("ul.ipsPagination a[href]", "link[rel='next']")
TOPIC_URL = re.compile(r"/topic/(\d+)(?:-[^/?#]*)?/?(?:#.*)?$")
FORUM_URL = re.compile(r"/forum/(\d+)(?:-[^/?#]*)?/?(?:page/\d+/?)?(?:#.*)?$")


def _author(post, quote_data: dict) -> str | None:
    if quote_data.get("username"):
        return str(quote_data["username"])
    for selector in AUTHOR_NAME:
        found = post.select_one(selector)
        if found and one_line(found):
            return one_line(found)
    return None


def _quote_data(post) -> dict:
    for holder in post.select(QUOTE_DATA):
        if holder.find_parent(attrs={"data-role": "commentContent"}):
            continue
        try:
            return json.loads(holder["data-quotedata"])
        except (ValueError, KeyError):
            return {}
    return {}


def parse_post(post, ctx: ParseContext, thread_url: str) -> Post:
    post_id = post["id"].removeprefix("elComment_")
    quote_data = _quote_data(post)
    body = post.select_one(BODY)
    header_time = next((t for t in post.select(POST_TIME)
                        if not t.find_parent(attrs={"data-role": "commentContent"})
                        and not t.find_parent(attrs={"data-excludequote": True})), None)
    published = ctx.dates.iso(header_time.get("datetime")) if header_time else None
    if published is None and quote_data.get("timestamp"):
        published = ctx.dates.epoch(quote_data["timestamp"])
    date_text = None
    if header_time is not None:
        date_text = one_line(header_time.select_one(POST_TIME_LONG) or header_time)
        if published is None:
            published = ctx.dates.parse(date_text)
    labels = [one_line(e) or e.get("title", "") or e.get("alt", "")
              for e in post.select(", ".join(GROUP_LABELS))]
    classes = set(post.get("class", []))
    # "highlighted" posts (ipsComment_highlighted) are any highlighted group, often power
    # users rather than staff, so only the group/badge labels decide.
    role = forum_role(labels, ctx)
    quoted, edited_at, editor, text = [], None, None, ""
    unresolved: list[tuple[str | None, str]] = []
    if body is not None:
        for quote in body.select(QUOTE):
            if quote.find_parent("blockquote") is not None:
                continue
            if quote.get(QUOTE_POST_ID):
                quoted.append(quote[QUOTE_POST_ID])
            else:  # an untitled [quote]: the crawl matches its text against earlier posts
                contents = quote.select_one(QUOTE_CONTENTS) or quote
                unresolved.append((quote.get(QUOTE_AUTHOR) or None, text_of(contents)))
        for quote in body.select(QUOTE):
            if not quote.decomposed:
                quote.extract()
        for marker in body.select(EDIT_MARKER):
            found = read_edit_marker(one_line(marker.find("strong") or marker))
            if found:
                edit_time = marker.select_one(POST_TIME)
                edited_at = ctx.dates.iso(edit_time["datetime"]) if edit_time else None
                edited_at = edited_at or ctx.dates.parse(found.date_text)
                editor = found.editor
            marker.extract()
        drop(body, BODY_CHROME + (SIGNATURE,))
        text = strip_trailing_chrome_links(text_of(body))
    deleted = bool(classes & set(DELETED_POST_CLASSES))
    return Post(
        post_id=post_id, text=text, url=f"{thread_url}#findComment-{post_id}",
        author=_author(post, quote_data), author_role=role,
        published_at=published, date_text=date_text, edited_at=edited_at, editor=editor,
        quoted_ids=list(dict.fromkeys(quoted)), unresolved_quotes=unresolved,
        reject="deleted or hidden post" if deleted and not text else None)


def parse_page(html: str, ctx: ParseContext) -> Page:
    soup = parse_html(html)
    thread_url = normalise_url(ctx.url)
    thread_id = None
    match = TOPIC_URL.search(thread_url.split("/page/")[0] + "/")
    if match:
        thread_id = match.group(1)
        thread_url = normalise_url(re.sub(r"page/\d+/?$", "", thread_url))
    posts = [parse_post(p, ctx, thread_url) for p in soup.select(POST)]
    page = Page(posts=posts, thread_id=thread_id)
    if posts:
        if thread_id is None:
            data = _quote_data(soup)
            thread_id = str(data.get("contentid")) if data.get("contentid") else None
            page.thread_id = thread_id
        for selector in TITLE:
            found = soup.select_one(selector)
            if found and one_line(found):
                page.thread_title = one_line(found)
                break
        page.page_urls = [a["href"] for sel in PAGINATION for a in soup.select(sel)
                          if a.get("href") and not a["href"].startswith("#")]
        return page
    for link in soup.select("a[href]"):
        href = link["href"]
        if "do=" in href or "?do" in href:
            continue
        if TOPIC_URL.search(href):
            page.thread_urls.append(href)
        elif FORUM_URL.search(href):
            page.listing_urls.append(href)
    page.listing_urls += [a["href"] for sel in PAGINATION for a in soup.select(sel)
                          if a.get("href") and not a["href"].startswith("#")]
    return page


#: The platform's adapter: the shared HTML crawl with this module's parse_page.
ADAPTER = HtmlAdapter(PLATFORM, parse_page)
