"""HTML helpers every adapter shares: parsing, own-text extraction, chrome and edit markers.

Own text is what the author wrote in this post: quotes of earlier posts,
signatures, edit markers, like/share widgets, "Lenke til kommentar"/"Reply"
links and login prompts are taken out before the text is read.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag, XMLParsedAsHTMLWarning

#: Block-level tags: their text starts on a new line.
BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dd", "dt", "dl", "section", "article", "header", "footer", "aside", "hr", "figure", "figcaption"])
#: Never text: scripts, styles, forms and the like.
NON_TEXT_TAGS = ("script", "style", "noscript", "template", "form", "button", "input",
                 "select", "textarea", "svg", "iframe")

#: Chrome inside post bodies on many platforms (share/like widgets, reply links, expanders).
COMMON_CHROME = (
    ".sharedaddy", ".sd-sharing", ".share", ".sharing", ".social-share", ".jp-relatedposts",
    ".comment-likes", ".wpl-likebox", ".reply", ".comment-reply-link", ".reactionsBar",
    ".bbCodeBlock-expandLink", ".ipsTruncate_more", "[data-role='reactionInteraction']",
    ".likes", ".post-likes", ".login-prompt", ".comment-respond", "#respond",
)

#: Link texts that are chrome wherever they appear at the end of a post.
CHROME_LINK_TEXTS = re.compile(
    r"^(?:lenke til (?:kommentar|innlegg)|länk till (?:kommentar|inlägg)|link til kommentar|"
    r"link to (?:comment|post)|del|dela|share|svar|svara|reply|sitér|citera|quote|rapporter|"
    r"anmäl|report|logg inn for å svare|logga in för att svara|log in to reply)$", re.IGNORECASE)

EDIT_WORDS = (r"last\s+edit(?:ed)?|edited|sist\s+endret|sist\s+redigert|endret|endra|redigert|"
              r"senast\s+redigerad|senast\s+ändrad|redigerad|ändrad|redigeret|ændret|"
              r"zuletzt\s+bearbeitet|bearbeitet")
#: A whole edit marker: the edit word, then (in any order) "by/av NAME" and a date.
EDIT_MARKER = re.compile(rf"^\W*(?:{EDIT_WORDS})\b", re.IGNORECASE)
_EDITOR = re.compile(r"\b(?:by|av|von|af)\s+(.+?)(?=\s+(?:on|den|am|,|kl\.?|\d|\(|i\s+går|"
                     r"igår|i\s+dag|idag|for\s+\d|för\s+\d|edited|endret|redigert|redigerad)\b|"
                     r"[,(»]|\s*$)", re.IGNORECASE)
_EDIT_TAIL = re.compile(r"\s*(?:,\s*(?:edited|endret|redigert|redigerad)\b.*|"
                        r"\(see edit history\)|\(vis redigeringshistorikk\)|»)\s*$", re.IGNORECASE)

SESSION_PARAMS = frozenset({"sid", "phpsessid", "s", "sessionid", "jsessionid", "_ga"})


def parse_html(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():  # XHTML pages with an <?xml?> prolog are still HTML to us
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


def text_of(element: Tag | None) -> str:
    """Visible text of an element, block elements on their own lines, spaces collapsed."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag):
                if child.name in NON_TEXT_TAGS:
                    continue
                block = child.name in BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(element)
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(element: Tag | None) -> str:
    return " ".join(text_of(element).split())


def clean_copy(element: Tag) -> Tag:
    """A detached copy to cut chrome out of without touching the page."""
    return parse_html(str(element)).find(element.name) or element


def drop(element: Tag, selectors: Iterable[str]) -> list[Tag]:
    """Remove every descendant matching the CSS selectors; returns what was removed."""
    selectors = tuple(selectors)
    if not selectors:
        return []
    # one pass over the tree for all selectors; a match inside an already removed match
    # is extracted from the removed part, which is harmless
    return [found.extract() for found in element.select(", ".join(selectors))]


def strip_trailing_chrome_links(text: str) -> str:
    lines = text.split("\n")
    while lines and CHROME_LINK_TEXTS.match(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines).strip()


@dataclass(frozen=True)
class EditMarker:
    editor: str | None
    date_text: str | None


def read_edit_marker(text: str) -> EditMarker | None:
    """'Edited January 29 by ErnestQ', 'Last edited by X on 12. Sep 2024, 11:14, edited 4 times',
    '« Last Edit: September 24, 2007 by X »', 'Endret 12. mars av Kari', 'Redigerad av Nisse igår 21:15'."""
    line = " ".join(text.split()).strip(" «»")
    if not EDIT_MARKER.match(line):
        return None
    body = re.sub(rf"^\W*(?:{EDIT_WORDS})\s*:?\s*", "", line, flags=re.IGNORECASE)
    body = _EDIT_TAIL.sub("", body)
    editor = None
    match = _EDITOR.search(body)
    if match:
        editor = match.group(1).strip(" .,:")
        body = (body[: match.start()] + " " + body[match.end():]).strip()
    body = re.sub(r"^\s*(?:on|den|am|,)\s+", "", body, flags=re.IGNORECASE).strip(" ,.:")
    return EditMarker(editor=editor or None, date_text=body or None)


def normalise_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment or session parameters: one page, one key."""
    absolute = urljoin(base, url) if base else url
    parts = urlsplit(absolute)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in SESSION_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def same_site(url: str, other: str) -> bool:
    a, b = urlsplit(url).hostname or "", urlsplit(other).hostname or ""
    return a.removeprefix("www.") == b.removeprefix("www.")


def is_staff(labels: Iterable[str], staff_labels: Iterable[str]) -> bool:
    """True when a group/rank/badge label is one of ``staff_labels`` (as a word or whole)."""
    words = {w.casefold() for w in staff_labels}
    for label in labels:
        tokens = re.findall(r"[\wåäöæøüé]+", label.casefold())
        if any(t in words for t in tokens) or label.strip().casefold() in words:
            return True
    return False


def commenter_role(name: str | None, ctx) -> str:
    """A blog commenter: "agent" when the display name says it is the company's support
    ("Fjordnett Kundeservice", "Telia Support"), else "customer"."""
    return "agent" if name and is_staff([name], ctx.staff_labels) else "customer"


def forum_role(labels: Iterable[str], ctx, moderator: bool = False) -> str:
    """A forum poster's author_role from group/rank/badge labels: staff labels make "agent",
    moderator labels (or ``moderator=True``) the source's moderator_role, anything else "customer"."""
    labels = list(labels)
    if is_staff(labels, ctx.staff_labels):
        return "agent"
    if moderator or is_staff(labels, ctx.moderator_labels):
        return ctx.moderator_role
    return "customer"


def squash(text: str) -> str:
    """Lowercased words only: for comparing a quote with the post it quotes."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def resolve_quote_by_text(quoted_text: str, quoted_author: str | None,
                          earlier: list[tuple[str, str | None, str]]) -> str | None:
    """The id of the latest earlier post (id, author, own text) containing the quote's text."""
    needle = squash(quoted_text)
    if len(needle) < 3:
        return None
    author = quoted_author.casefold().strip() if quoted_author else None
    for post_id, post_author, own_text in reversed(earlier):
        if author and (post_author or "").casefold().strip() != author:
            continue
        hay = squash(own_text)
        if needle in hay or (len(hay) > 20 and hay in needle):
            return post_id
    return None
