"""blogg.se posts with their comments (Swedish hosted blogs, ``<name>.blogg.se``).

No saved blogg.se page exists in ../shared/corpus: the selectors below follow
blogg.se's long-standing markup as we know it (an ``entry`` block per post, a
comments list whose items carry "Postat av:"/"Skrivet:" labels, and the blog
owner's answer inside the comment under "Svar:"), and the fixtures in
tests/extractors/sites/bloggse were written from that knowledge. Both the
class names and the Swedish labels are tried, so a theme that drops one still
parses. The owner's answer becomes its own document, a reply to the comment.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

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

PLATFORM = "bloggse"

ENTRY = ("article.entry", "div.entry", "div.post", "article.post")
ENTRY_ID = re.compile(r"(?:entry|post)-?(\d+)")
ENTRY_TITLE = ("h1.entry-title", "h2.entry-title", ".entrytitle", "h1", "h2")
ENTRY_DATE = (".entry-date", ".entrydate", ".date", "time")
ENTRY_BODY = (".entry-body", ".entrybody", ".entry-content", ".text")
ENTRY_CHROME = COMMON_CHROME + (".entry-footer", ".entryfooter", ".share-buttons", ".entry-tags")
COMMENT = ("div.comment[id]", "li.comment[id]")
COMMENT_ID = re.compile(r"comment-?(\d+)")
COMMENT_AUTHOR = (".comment-author", ".commentauthor", ".comment-name")
COMMENT_DATE = (".comment-date", ".commentdate", "time")
COMMENT_BODY = (".comment-text", ".commenttext", ".comment-body", ".comment-content")
OWNER_REPLY = (".comment-reply", ".commentreply", ".reply-text", ".answer")
OWNER_REPLY_AUTHOR = (".comment-reply-author", ".reply-author")
AUTHOR_LABEL = re.compile(r"^\s*(?:postat av|skrivet av|namn|av)\s*:\s*", re.IGNORECASE)
DATE_LABEL = re.compile(r"^\s*(?:skrivet|postat|datum)\s*:\s*", re.IGNORECASE)
REPLY_LABEL = re.compile(r"^\s*svar\s*:\s*", re.IGNORECASE)
LISTING_LINKS = (".entry-title a[href]", ".entrytitle a[href]", "h2 a[href]")
LISTING_NEXT = ("a.next[href]", ".pagination a[href]", "a[rel='next'][href]", ".older a[href]")
DATE_IN_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}(?:\s*(?:@|kl\.?|\|)?\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def _first(node, selectors):
    for selector in selectors:
        found = node.select_one(selector)
        if found is not None and one_line(found):
            return found
    return None


def _date(node, selectors, ctx: ParseContext):
    found = _first(node, selectors)
    if found is None:
        return None, None
    if found.name == "time" and found.get("datetime"):
        return ctx.dates.iso(found["datetime"]), one_line(found)
    text = DATE_LABEL.sub("", one_line(found))
    match = DATE_IN_TEXT.search(text)
    return ctx.dates.parse(match.group(0) if match else text), text


def _owner(ctx: ParseContext) -> str:
    return (urlsplit(ctx.url).hostname or "").split(".")[0]


def parse_page(html: str, ctx: ParseContext) -> Page:
    soup = parse_html(html)
    entries = [e for sel in ENTRY for e in soup.select(sel)]
    comments = [c for sel in COMMENT for c in soup.select(sel) if COMMENT_ID.search(c.get("id", ""))]
    page = Page()
    if len(entries) > 1 and not comments:
        for selector in LISTING_LINKS:
            page.thread_urls += [a["href"] for a in soup.select(selector)]
        for selector in LISTING_NEXT:
            page.listing_urls += [a["href"] for a in soup.select(selector)]
        page.thread_urls = list(dict.fromkeys(page.thread_urls))
        page.listing_urls = list(dict.fromkeys(page.listing_urls))
        return page
    if not entries:
        return page
    entry = entries[0]
    match = ENTRY_ID.search(entry.get("id", "")) or ENTRY_ID.search(urlsplit(ctx.url).path)
    entry_id = f"entry-{match.group(1)}" if match else f"entry-{urlsplit(ctx.url).path.strip('/')}"
    title = one_line(_first(entry, ENTRY_TITLE)) or None
    published, date_text = _date(entry, ENTRY_DATE, ctx)
    body = _first(entry, ENTRY_BODY)
    owner = _owner(ctx)
    page.thread_id, page.thread_title = entry_id, title
    if body is not None:
        drop(body, ENTRY_CHROME)
        page.posts.append(Post(post_id=entry_id, text=strip_trailing_chrome_links(text_of(body)),
                               url=normalise_url(ctx.url), author=owner, author_role=ctx.owner_role,
                               published_at=published, date_text=date_text, position=0))
    for comment in comments:
        comment_id = f"comment-{COMMENT_ID.search(comment['id']).group(1)}"
        author_node = _first(comment, COMMENT_AUTHOR)
        author = AUTHOR_LABEL.sub("", one_line(author_node)) if author_node else None
        published, date_text = _date(comment, COMMENT_DATE, ctx)
        reply = _first(comment, OWNER_REPLY)
        if reply is not None:
            reply.extract()
        text_node = _first(comment, COMMENT_BODY)
        text = ""
        if text_node is not None:
            drop(text_node, COMMON_CHROME)
            text = strip_trailing_chrome_links(text_of(text_node))
        page.posts.append(Post(post_id=comment_id, text=text, url=urljoin(ctx.url, f"#{comment['id']}"),
                               author=author or None, author_role=commenter_role(author, ctx),
                               published_at=published, date_text=date_text))
        if reply is not None:
            reply_author = _first(reply, OWNER_REPLY_AUTHOR)
            name = one_line(reply_author) if reply_author else owner
            if reply_author is not None:
                reply_author.extract()
            reply_text = REPLY_LABEL.sub("", text_of(reply)).strip()
            page.posts.append(Post(post_id=f"{comment_id}-svar", text=reply_text,
                                   url=urljoin(ctx.url, f"#{comment['id']}"), author=name,
                                   author_role=ctx.owner_role, published_at=published,
                                   date_text=date_text, parent_id=comment_id))
    return page


#: The platform's adapter: the shared HTML crawl with this module's parse_page.
ADAPTER = HtmlAdapter(PLATFORM, parse_page)
