"""phpBB threads (3.x prosilver and its derivatives; 2.x subSilver-style tables) and listings.

Quotes in phpBB often carry only "NAME wrote:" (no link to the quoted post);
those are resolved by finding the quoted text in an earlier post of the page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from extractors.base import HtmlAdapter, Page, ParseContext, Post
from extractors.markup import (
    COMMON_CHROME,
    drop,
    forum_role,
    one_line,
    parse_html,
    read_edit_marker,
    resolve_quote_by_text,
    strip_trailing_chrome_links,
    text_of,
)

PLATFORM = "phpbb"

# phpBB 3
POST = "div.post[id^='p']"
AUTHOR_LINE = ("p.author", "div.author")
AUTHOR_NAME = ("a.username", "a.username-coloured", "strong a", "strong", "span.username")
PROFILE_NAME = ("dl.postprofile a.username", "dl.postprofile a.username-coloured",
                "dl.postprofile dt a")
POST_TIME = "time[datetime]"
BODY = "div.content"
QUOTE = "blockquote"
QUOTE_CITE = "cite"
QUOTE_LINK = "a[data-post-id], a[href*='p=']"
EDIT_NOTICE = "div.notice"
SIGNATURE = "div.signature"
RANK = ("dd.profile-rank", "dl.postprofile dd", ".rank-title")
STAFF_COLOURS = ("#aa0000", "#00aa00")  # phpBB's default administrator / moderator colours
EDITOR_LINK = "a.username, a.username-coloured, a"
EDIT_COUNT = re.compile(r",\s*(?:edited|redigerad|endret|redigert|redigeret|bearbeitet)\b.*$", re.IGNORECASE)
TITLE = ("h2.topic-title", ".maintitle a", "a.maintitle", "h2 a", "h2", "h3.first a")
TOPIC_LINK = ("h2.topic-title a[href]", ".maintitle a[href]", "a.maintitle[href]", "h2 a[href]")
PAGINATION = ("div.pagination a[href]", "a[rel='next']", "link[rel='next']", ".gensmall a[href]",
              ".nav a[href]")
THREAD_LINK = ("a.topictitle[href]", "a[href*='viewtopic.php'][class*='topictitle']")
FORUM_LINK = ("a.forumtitle[href]", "a.forumlink[href]")
DATE_AFTER = "»"
# phpBB 2
V2_NAME = "span.name"
V2_DETAILS = "td.postdetails, span.postdetails"
V2_BODY = "td.postbody, span.postbody"
FIRST_PAGE = re.compile(r"&(?:amp;)?start=0(?=&|$)|(?<=\?)start=0&?")
SIGNATURE_RULE = re.compile(r"\n_{5,}\n.*", re.DOTALL)
CITE_AUTHOR = re.compile(r"^\s*(.+?)\s+(?:wrote|skrev|schrieb|kirjoitti|a écrit)\s*:", re.IGNORECASE)
POSTED = re.compile(r"(?:Posted|Skrevet|Skrivet|Postet|Verfasst)\s*:\s*(.+?)(?:\s+(?:Post subject|"
                    r"Emne|Ämne|Titel)\s*:.*)?$", re.IGNORECASE | re.DOTALL)


def _topic_id(url: str) -> str | None:
    query = parse_qs(urlsplit(url).query)
    return query.get("t", [None])[0]


def _quotes(body, earlier: list[tuple[str, str | None, str]],
            unresolved: list[tuple[str | None, str]]) -> list[str]:
    quoted = []
    for quote in body.find_all(QUOTE):
        if quote.find_parent(QUOTE) is not None:
            continue
        cite = next((c for c in quote.find_all(QUOTE_CITE) if c.find_parent(QUOTE) is quote), None)
        if cite is None:
            continue  # an epigraph or a bare [quote] without a source: not a post we can link
        target = None
        link = cite.select_one(QUOTE_LINK)  # this quote's own cite, not a nested quote's
        cite_url = quote.get("cite") or (link.get("href") if link else "")
        if link is not None and link.get("data-post-id"):
            target = link["data-post-id"]
        else:
            match = re.search(r"[?&]p=(\d+)", cite_url or "")
            target = match.group(1) if match else None
        if target is None:
            author_match = CITE_AUTHOR.match(one_line(cite))
            inner = parse_html(str(quote)).find(QUOTE)
            for nested in inner.find_all(QUOTE)[:]:
                nested.extract()
            for c in inner.find_all(QUOTE_CITE):
                c.extract()
            quoted_author = author_match.group(1) if author_match else None
            target = resolve_quote_by_text(text_of(inner), quoted_author, earlier)
            if target is None:
                unresolved.append((quoted_author, text_of(inner)))
        if target:
            quoted.append(target)
    for quote in body.find_all(QUOTE):
        if not quote.decomposed and quote.parent is not None:
            quote.extract()
    return list(dict.fromkeys(quoted))


def _role(post, ctx: ParseContext) -> str:
    labels = [one_line(e) for sel in RANK for e in post.select(sel)]
    labels += [img.get("title", "") or img.get("alt", "")
               for img in post.select("dd.profile-rank img, .rank-image img")]
    coloured = post.select_one("a.username-coloured[style]")
    moderator = bool(coloured and any(c in coloured["style"].lower() for c in STAFF_COLOURS))
    return forum_role(labels, ctx, moderator=moderator)


def _parse_v3(soup, ctx: ParseContext) -> list[Post]:
    posts: list[Post] = []
    earlier: list[tuple[str, str | None, str]] = []
    for node in soup.select(POST):
        post_id = node["id"][1:]
        if not post_id.isdigit():
            continue
        author_line = next((node.select_one(s) for s in AUTHOR_LINE if node.select_one(s)), None)
        author = None
        for holder in ([author_line] if author_line else []) + [node]:
            for selector in AUTHOR_NAME if holder is author_line else PROFILE_NAME:
                found = holder.select_one(selector)
                if found and one_line(found):
                    author = one_line(found)
                    break
            if author:
                break
        published, date_text = None, None
        stamp = author_line.select_one(POST_TIME) if author_line else None
        if stamp is not None:
            date_text = one_line(stamp)
            published = ctx.dates.iso(stamp.get("datetime")) or ctx.dates.parse(date_text)
        elif author_line is not None and DATE_AFTER in one_line(author_line):
            date_text = one_line(author_line).rsplit(DATE_AFTER, 1)[1].strip()
            published = ctx.dates.parse(date_text)
        edited_at = editor = None
        for notice in node.select(EDIT_NOTICE):
            marker = read_edit_marker(one_line(notice))
            if marker:
                editor, date_text_edit = marker.editor, marker.date_text
                link = notice.select_one(EDITOR_LINK)
                if link is not None and one_line(link):  # "av <a>NAME</a> sön 14 dec ..., ..."
                    editor = one_line(link)
                    after = one_line(notice).split(editor, 1)[-1]
                    date_text_edit = EDIT_COUNT.sub("", re.sub(r"^\s*(?:on|den|am|le)\s+", "", after))
                edited_at = ctx.dates.parse(date_text_edit)
        body = node.select_one(BODY)
        quoted, text, unresolved = [], "", []
        if body is not None:
            quoted = _quotes(body, earlier, unresolved)
            drop(body, COMMON_CHROME + (SIGNATURE, EDIT_NOTICE))
            text = strip_trailing_chrome_links(text_of(body))
        posts.append(Post(
            post_id=post_id, text=text, url=urljoin(ctx.url, f"viewtopic.php?p={post_id}#p{post_id}"),
            author=author, author_role=_role(node, ctx),
            published_at=published, date_text=date_text, edited_at=edited_at, editor=editor,
            quoted_ids=quoted, unresolved_quotes=unresolved))
        earlier.append((post_id, author, text))
    return posts


def _parse_v2(soup, ctx: ParseContext) -> list[Post]:
    posts: list[Post] = []
    earlier: list[tuple[str, str | None, str]] = []
    for name in soup.select(V2_NAME):
        anchor = name.find("a", attrs={"name": True})
        if anchor is None or not str(anchor["name"]).isdigit():
            continue
        post_id = str(anchor["name"])
        author = one_line(name) or None
        row = name.find_parent("tr")
        profile = one_line(name.find_next(V2_DETAILS.split(",")[1].strip()))
        details = row.select_one("td.postdetails") if row else None
        body = row.select_one("td.postbody") if row else None
        if details is None or body is None:
            continue
        match = POSTED.search(one_line(details))
        date_text = match.group(1).strip() if match else None
        unresolved: list[tuple[str | None, str]] = []
        quoted = _quotes(body, earlier, unresolved)
        for rule in body.find_all("hr"):
            rule.extract()
        text = SIGNATURE_RULE.sub("", "\n" + text_of(body)).strip()
        posts.append(Post(
            post_id=post_id, text=text, url=urljoin(ctx.url, f"viewtopic.php?p={post_id}#{post_id}"),
            author=author, author_role=forum_role([profile], ctx),
            published_at=ctx.dates.parse(date_text), date_text=date_text, quoted_ids=quoted,
            unresolved_quotes=unresolved))
        earlier.append((post_id, author, text))
    return posts


def parse_page(html: str, ctx: ParseContext) -> Page:
    soup = parse_html(html)
    posts = _parse_v3(soup, ctx) or _parse_v2(soup, ctx)
    page = Page(posts=posts)
    if posts:
        page.thread_id = _topic_id(ctx.url)
        for selector in TOPIC_LINK if page.thread_id is None else ():
            link = soup.select_one(selector)
            if link is not None and _topic_id(urljoin(ctx.url, link["href"])):
                page.thread_id = _topic_id(urljoin(ctx.url, link["href"]))
                break
        for selector in TITLE:
            found = soup.select_one(selector)
            if found and one_line(found):
                page.thread_title = one_line(found)
                break
        topic = page.thread_id
        for selector in PAGINATION:
            for link in soup.select(selector):
                href = urljoin(ctx.url, link.get("href", ""))
                if re.search(r"[?&](?:watch|unwatch|view|mode|hilit)=", href):
                    continue
                if "viewtopic.php" in href and "start=" in href and _topic_id(href) == topic:
                    page.page_urls.append(FIRST_PAGE.sub("", href))  # start=0 is the first page
                elif selector.startswith(("a[rel", "link[rel")) and "view=" not in href \
                        and "viewtopic.php" in href and _topic_id(href) == topic:
                    page.page_urls.append(href)
        return page
    for selector in THREAD_LINK:
        page.thread_urls += [a["href"] for a in soup.select(selector)]
    for selector in FORUM_LINK:
        page.listing_urls += [a["href"] for a in soup.select(selector)]
    page.listing_urls += [a["href"] for a in soup.select("a[href*='viewforum.php'][href*='start=']")]
    return page


#: The platform's adapter: the shared HTML crawl with this module's parse_page.
ADAPTER = HtmlAdapter(PLATFORM, parse_page)
