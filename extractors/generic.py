"""A thread adapter for forum software without its own adapter (vBulletin, XenForo, SMF,
home-grown forums), working from page structure rather than per-site selectors.

1. Post blocks: among the children of every element, group siblings by tag and
   class (minus alternating classes such as windowbg/windowbg2, odd/even, bg1/bg2);
   the winning group is the one whose members most often hold a date, an author
   (a profile link or author markup) and a body of text.
2. In each block: the author (``data-author``, schema.org author, the first
   profile link, author-ish classes), the date (``<time datetime>``, else the
   first date-like text outside the body), the body (the deepest element named
   like a post body that holds nearly all of the largest one's text), quotes
   (blockquotes and quote boxes, linked to the quoted post by link, by
   ``data-source`` or by their text), edit notes and signatures.

A source may override any step with CSS selectors (``selectors:`` in sources.yaml).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from urllib.parse import urljoin

from extractors.base import HtmlAdapter, Page, ParseContext, Post
from extractors.markup import (
    COMMON_CHROME,
    EDIT_MARKER,
    drop,
    forum_role,
    one_line,
    parse_html,
    read_edit_marker,
    resolve_quote_by_text,
    strip_trailing_chrome_links,
    text_of,
)

PLATFORM = "generic"

ALTERNATING_CLASS = re.compile(r"^(?:windowbg\d*|odd|even|alt\d*|bg\d+|row\d+|first|last|"
                               r"post_?\d+|.*\d{3,}.*|is-[\w-]+|has-[\w-]+|js-[\w-]+|hidden|active)$")
POST_ID = re.compile(r"(?:post|msg|p|comment|entry|message|reply|innlegg|inlagg)[-_:]?\s*(\d{2,})", re.IGNORECASE)
PROFILE_HREF = re.compile(r"(?:profile|member|/u/|/users?/|[?&;]u=\d|showuser|userid|/medlem|"
                          r"/bruker|/anvandare|/profil)", re.IGNORECASE)
AUTHOR_CLASS = re.compile(r"(?:^|[-_])(?:author|username|poster|postername|user-?name|nick|"
                          r"message-name|forfatter|forfattare)(?:$|[-_])", re.IGNORECASE)
BODY_HINT = re.compile(r"(?:^|[-_ ])(?:post|message|content|body|text|entry|bbwrapper|inner|"
                       r"postbody|postcontent|innlegg|inlagg|tekst|brodtext|brødtekst)(?:$|[-_ ]|\d)", re.IGNORECASE)
QUOTE_CLASS = re.compile(r"quote|sitat|citat", re.IGNORECASE)
QUOTE_HEADER_CLASS = re.compile(r"(?:quote|sitat|citat)-?(?:header|title|head|author)|"
                                r"bbcodeblock-title|quote_?author", re.IGNORECASE)
SIGNATURE_CLASS = re.compile(r"(?:^|[-_])(?:signature|sig|signatur)(?:$|[-_])", re.IGNORECASE)
CHROME_CLASS = re.compile(r"(?:^|[-_])(?:share|like|likes|reactions?|reactionsbar|expandlink|"
                          r"report|moderatorbar|button|toolbar|controls)(?:$|[-_])", re.IGNORECASE)
QUOTE_LINK = re.compile(r"(?:msg|post|innlegg|inlagg|inlägg|comment)[-_/]?(\d+)|[?&]p=(\d+)|"
                        r"goto/post\?id=(\d+)|[?&]postid=(\d+)|#p(\d+)", re.IGNORECASE)
QUOTE_AUTHOR = re.compile(r"^(?:quote from|sitat fra|citat från|citat fra|zitat von|quote)\s*:?\s*"
                          r"(.+?)(?:\s+on\s+.*|\s+den\s+.*)?$|^(.+?)\s+(?:wrote|skrev|schrieb|said|"
                          r"hat gesagt|sa|sagde)\s*[.:]*", re.IGNORECASE)
MONTHS = ("jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec|dez|januar|january|februar|"
          "february|mars|march|märz|april|juni|june|juli|july|august|augusti|september|oktober|"
          "october|november|desember|december|dezember|maj|januari|februari")
DATE_TEXT = re.compile(
    rf"(?:\b\d{{1,2}}\.?\s*(?:{MONTHS})\.?,?\s+\d{{4}}(?:[,\s]+(?:kl\.?|at|um|@|-)?\s*\d{{1,2}}[:.]\d{{2}}"
    rf"(?::\d{{2}})?\s*(?:[ap]m)?)?|\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"(?:[,\s]+(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]m)?)?|\b\d{{4}}-\d{{2}}-\d{{2}}"
    rf"(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?)?|\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}(?:,?\s+\d{{1,2}}[:.]\d{{2}})?"
    rf"|\b(?:i\s*går|igår|i\s*dag|idag|today|yesterday)\b[,\s]*(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}}"
    rf"|\b(?:for|för)?\s*\d+\s+(?:minutter|minuter|timer|timmar|dager|dagar|dage|hours?|days?)"
    rf"\s+(?:siden|sedan|ago))", re.IGNORECASE)
STAFF_LABEL_CLASS = re.compile(r"title|rank|group|badge|rolle|roll\b|grupp", re.IGNORECASE)
NEXT_PAGE = ("a[rel='next'][href]", "a.pageNav-jump--next[href]", ".pageNav-page a[href]",
             "a.navPages[href]", ".pagination a[href]", ".pagenav a[href]", ".pages a[href]",
             ".pager a[href]")
MIN_BLOCKS = 2


def _signature(tag) -> tuple:
    classes = tuple(sorted(c for c in tag.get("class", []) if not ALTERNATING_CLASS.match(c)))
    return tag.name, classes


def _has_author(block) -> bool:
    if block.get("data-author") or block.select_one("[itemprop='author'], [data-author]"):
        return True
    if any(PROFILE_HREF.search(a.get("href", "")) and one_line(a) for a in block.find_all("a", limit=40)):
        return True
    return any(AUTHOR_CLASS.search(" ".join(e.get("class", []))) for e in block.find_all(True, limit=80))


def _has_date(block) -> bool:
    return block.find("time") is not None or DATE_TEXT.search(one_line(block)[:3000]) is not None


def find_post_blocks(soup) -> list:
    best, best_score = [], 0.0
    for parent in soup.find_all(True):
        children = [c for c in parent.find_all(recursive=False)
                    if c.name not in ("script", "style", "br", "hr", "a", "span", "img")]
        if len(children) < MIN_BLOCKS:
            continue
        groups: dict[tuple, list] = defaultdict(list)
        for child in children:
            groups[_signature(child)].append(child)
        for members in groups.values():
            if len(members) < MIN_BLOCKS:
                continue
            score = 0.0
            for member in members:
                text = one_line(member)
                if len(text) < 20 or not _has_date(member) or not _has_author(member):
                    continue
                score += math.log(len(text))
            if score > best_score:
                best, best_score = members, score
    if not best:  # a page with a single post (the last page of a thread, often)
        singles = [e for e in soup.find_all(id=POST_ID) if len(one_line(e)) >= 20
                   and _has_date(e) and _has_author(e)]
        best = [e for e in singles if not any(a in singles for a in e.parents)]
    return [b for b in best if len(one_line(b)) >= 20 and _has_date(b)]


def _post_id(block) -> str | None:
    candidates = [block.get("data-content", ""), block.get("id", "")]
    for element in [block, *block.find_all(True, limit=60)]:
        for attr in ("id", "name", "data-content"):
            value = element.get(attr)
            if value:
                candidates.append(value if isinstance(value, str) else " ".join(value))
    prev = block.find_previous_sibling()
    if prev is not None and prev.name == "a":
        candidates.insert(0, prev.get("id") or prev.get("name") or "")
    for value in candidates:
        match = POST_ID.search(value or "")
        if match:
            return match.group(1)
    return None


def _author(block, body, override: str | None) -> str | None:
    if override:
        found = block.select_one(override)
        return one_line(found) or None if found else None
    if block.get("data-author"):
        return block["data-author"]
    holder = block.select_one("[itemprop='author'] [itemprop='name'], [itemprop='author']")
    if holder is not None and one_line(holder):
        return one_line(holder)
    for link in block.find_all("a", href=True):
        if body is not None and body in link.parents:
            continue
        if PROFILE_HREF.search(link["href"]) and one_line(link):
            return one_line(link)
    for element in block.find_all(True):
        if body is not None and body in element.parents:
            continue
        if AUTHOR_CLASS.search(" ".join(element.get("class", []))) and one_line(element):
            return one_line(element)
    return None


def _holds_author(element) -> bool:
    for inner in element.find_all(True):
        if AUTHOR_CLASS.search(" ".join(inner.get("class", []))):
            return True
        if inner.name == "a" and PROFILE_HREF.search(inner.get("href", "")) and \
                inner.find_parent("blockquote") is None and not QUOTE_CLASS.search(
                    " ".join(c for p in inner.parents for c in p.get("class", []) if p is not element)):
            return True
    return False


def _body(block, override: str | None):
    if override:
        return block.select_one(override)
    candidates = []
    for element in block.find_all(True):
        if _holds_author(element):
            continue
        hint = " ".join(element.get("class", [])) + " " + (element.get("id") or "") + " " + \
            (element.get("itemprop") or "")
        if BODY_HINT.search(hint) and not SIGNATURE_CLASS.search(hint) and \
                not QUOTE_CLASS.search(hint) and not AUTHOR_CLASS.search(hint):
            length = len(one_line(element))
            if length:
                candidates.append((length, element))
    if not candidates:
        return None
    largest = max(length for length, _ in candidates)
    deepest = [e for length, e in candidates if length >= 0.9 * largest]
    return max(deepest, key=lambda e: len(list(e.parents)))


def _date(block, body, override: str | None, ctx: ParseContext):
    scope = block.select_one(override) if override else None
    for stamp in ([scope] if scope is not None and scope.name == "time" else []) + block.find_all("time"):
        if body is not None and body in stamp.parents:
            continue
        if stamp.get("datetime"):
            return ctx.dates.iso(stamp["datetime"]) or ctx.dates.parse(one_line(stamp)), one_line(stamp)
    texts = [one_line(scope)] if scope is not None else []
    for string in block.find_all(string=True):
        if body is not None and body in string.parents:
            continue
        if string.find_parent(class_=SIGNATURE_CLASS) is not None:
            continue
        texts.append(" ".join(str(string).split()))
    text = " | ".join(t for t in texts if t)
    for match in DATE_TEXT.finditer(text):
        if EDIT_MARKER.search(text[max(0, match.start() - 25):match.start()]):
            continue  # the date of an edit note, not of the post
        parsed = ctx.dates.parse(match.group(0))
        if parsed is not None:
            return parsed, match.group(0)
    return None, None


def _quotes(body, override: str | None, earlier) -> list[str]:
    quoted = []
    selector = override or "blockquote"
    boxes = [q for q in body.select(selector) if not any(p in body.select(selector) for p in q.parents
                                                         if p is not body)]
    for box in boxes:
        header = box.find_previous_sibling(class_=QUOTE_HEADER_CLASS)
        target = None
        source = box.get("data-source", "")
        match = re.search(r"(\d+)", source)
        if match:
            target = match.group(1)
        links = [a.get("href", "") for a in box.select("a[href]")[:3]]
        if header is not None:
            links = [a.get("href", "") for a in header.select("a[href]")] + links
        for href in links if target is None else []:
            found = QUOTE_LINK.search(href)
            if found:
                target = next(g for g in found.groups() if g)
                break
        if target is None:
            label = one_line(header) if header is not None else ""
            title = box.find(class_=QUOTE_HEADER_CLASS)
            label = label or (one_line(title) if title is not None else "")
            author_match = QUOTE_AUTHOR.match(label) if label else None
            author = box.get("data-quote") or (next((g for g in author_match.groups() if g), None)
                                               if author_match else None)
            inner = parse_html(str(box)).find(box.name)
            drop(inner, (".bbCodeBlock-title", ".bbCodeBlock-expandLink", "blockquote blockquote"))
            quoted_text = text_of(inner)
            inline = QUOTE_AUTHOR.match(quoted_text.split("\n")[0]) if not author else None
            if inline:  # "<b>NAME skrev:</b> text" inside the quote itself
                author = next((g for g in inline.groups() if g), None)
                quoted_text = quoted_text[inline.end():]
            target = resolve_quote_by_text(quoted_text, author, earlier)
        if target:
            quoted.append(target)
        if header is not None:
            header.extract()
    for element in body.find_all(class_=QUOTE_CLASS):
        if element.parent is not None:
            element.extract()
    for box in body.select(selector):
        if box.parent is not None:
            box.extract()
    return list(dict.fromkeys(quoted))


def _edit(block, body, ctx: ParseContext):
    for element in block.find_all(True):
        own = one_line(element)
        if len(own) > 200 or not EDIT_MARKER.match(own):
            continue
        if any(EDIT_MARKER.match(one_line(c)) for c in element.find_all(True)):
            continue
        marker = read_edit_marker(own)
        if marker is None:
            continue
        element.extract()
        return ctx.dates.parse(marker.date_text), marker.editor
    return None, None


def parse_page(html: str, ctx: ParseContext) -> Page:
    soup = parse_html(html)
    drop(soup, ("script", "style", "noscript"))
    over = ctx.selectors
    blocks = soup.select(over["post"]) if over.get("post") else find_post_blocks(soup)
    page = Page()
    titles = [one_line(t) for t in (soup.select_one("h1"), soup.title) if t is not None]
    page.thread_title = next((t for t in titles if t), None)
    earlier: list[tuple[str, str | None, str]] = []
    for index, block in enumerate(blocks, 1):
        body = _body(block, over.get("body"))
        post_id = _post_id(block) or f"{index}"
        author = _author(block, body, over.get("author"))
        published, date_text = _date(block, body, over.get("date"), ctx)
        edited_at, editor = _edit(block, body, ctx)
        text, quoted = "", []
        if body is not None:
            quoted = _quotes(body, over.get("quote"), earlier)
            drop(body, COMMON_CHROME + ((over["signature"],) if over.get("signature") else ()))
            for element in body.find_all(True):
                if element.parent is not None and (SIGNATURE_CLASS.search(" ".join(element.get("class", [])))
                                                   or CHROME_CLASS.search(" ".join(element.get("class", [])))):
                    element.extract()
            text = re.sub(r"\n_{5,}\n.*", "", "\n" + text_of(body), flags=re.DOTALL).strip()
            text = strip_trailing_chrome_links(text)
        labels = [one_line(e) for e in block.find_all(class_=STAFF_LABEL_CLASS)
                  if body is None or body not in e.parents]
        page.posts.append(Post(
            post_id=post_id, text=text, url=urljoin(ctx.url, f"#{block.get('id') or 'post-' + post_id}"),
            author=author, author_role=forum_role(labels, ctx),
            published_at=published, date_text=date_text, edited_at=edited_at, editor=editor,
            quoted_ids=quoted))
        earlier.append((post_id, author, text))
    if page.posts:
        selectors = (over["next_page"],) if over.get("next_page") else NEXT_PAGE
        for selector in selectors:
            page.page_urls += [a["href"] for a in soup.select(selector)
                               if not a["href"].startswith(("#", "javascript"))]
    return page


#: The platform's adapter: the shared HTML crawl with this module's parse_page.
ADAPTER = HtmlAdapter(PLATFORM, parse_page)
