"""/blogg/: a WordPress blog in Norwegian and English ("Kundereisen", Polylang-style).

Norwegian posts live at ``/blogg/YYYY/MM/DD/slug/`` (list ``/blogg/``, ``/blogg/page/N/``),
English ones under ``/blogg/en/``. Comments are threaded (ol.comment-list, li.comment#comment-N,
nested ol.children, standard html5 wp_list_comments markup as in shared/corpus/wordpress),
paged at 10 top-level threads per page, oldest first: page 1 is the post URL, later pages
``comment-page-N/``. Text goes through a small wptexturize (curly quotes as entities).
The same data is served by the REST API (wp_rest.py).
"""

from __future__ import annotations

from random import Random

from markupsafe import Markup

from themewatch.sample_site import clock
from themewatch.sample_site.model import Thread, Unit
from themewatch.sample_site.phrasebank import load_bank
from themewatch.sample_site.render import SiteWriter, latest, render, texturize, wp_html
from themewatch.sample_site.schedule import (
    WARMUP,
    Window,
    assign_ids,
    assign_thread_ids,
    instant_in_week,
    later,
    slugify,
    weekly_counts,
)

PREFIX = "/blogg/"
BLOGGER = "Ingrid Solheim"
REP = "Fjordnett Kundeservice"
COMMENTS_PER_PAGE = 10
POSTS_PER_PAGE = 10
UI = {
    "nb": {"says": "sier:", "reply": "Svar", "reply_to": "Svar til", "respond": "Legg igjen en kommentar",
           "cancel": "Avbryt svar", "older": "Eldre kommentarer", "newer": "Nyere kommentarer",
           "notes": "Din e-postadresse vil ikke bli publisert. Obligatoriske felt er merket med *",
           "comment": "Kommentar", "name": "Navn", "email": "E-post", "site": "Nettsted", "submit": "Publiser kommentar",
           "posted": "Publisert", "by": "av", "more": "Les mer", "next": "Neste", "prev": "Forrige",
           "recent": "Siste innlegg", "comments_nav": "Kommentarnavigasjon", "posts_nav": "Innleggsnavigasjon",
           "home": PREFIX, "n_comments": "{n} kommentarer", "tagline": "En blogg om kundeservice og kundereiser",
           "count": "{n} tanker om «{title}»", "lang": "nb-NO"},
    "en": {"says": "says:", "reply": "Reply", "reply_to": "Reply to", "respond": "Leave a Reply",
           "cancel": "Cancel reply", "older": "Older comments", "newer": "Newer comments",
           "notes": "Your email address will not be published. Required fields are marked *",
           "comment": "Comment", "name": "Name", "email": "Email", "site": "Website", "submit": "Post Comment",
           "posted": "Posted on", "by": "by", "more": "Continue reading", "next": "Next", "prev": "Previous",
           "recent": "Recent Posts", "comments_nav": "Comments navigation", "posts_nav": "Posts navigation",
           "home": f"{PREFIX}en/", "n_comments": "{n} comments", "tagline": "A blog about customer service",
           "count": "{n} thoughts on \u201c{title}\u201d", "lang": "en-GB"},
}


def plan(rng: Random, window: Window) -> list[Thread]:
    """Blog posts with their comment threads (texts come later)."""
    pools = {lang: list(load_bank(lang).entries("users.real")) for lang in ("nb", "en")}
    threads: list[Thread] = []
    seq = 200_000
    for monday, count in zip(window.mondays, weekly_counts(rng, 1.6, window, noise=0.25, warmup=WARMUP)):
        for _ in range(count):
            lang = "nb" if rng.random() < 0.6 else "en"
            t = instant_in_week(rng, window, monday).replace(hour=rng.randint(5, 9))
            post = Unit("wordpress", PREFIX, "post", lang, 0, t, BLOGGER, "unknown", "blog_post")
            post.extra.update(seq=seq, depth=0)
            seq += 1
            units = [post]
            for position in range(1, _comment_count(rng) + 1):
                t = later(rng, t, 3.0 if position < 4 else rng.choice((6.0, 10.0)))
                if t > window.end:
                    break
                unit = _comment(rng, lang, position, t, units, pools[lang])
                unit.extra["seq"] = seq
                seq += 1
                units.append(unit)
            threads.append(Thread("wordpress", lang, lang, units, extra={"seq": post.extra["seq"]}))
    assign_thread_ids(threads, rng, 140)
    for thread in threads:
        thread.units[0].post_id = thread.thread_id
    assign_ids([u for t in threads for u in t.units[1:]], rng, 2300, max_gap=6)
    return threads


def _comment_count(rng: Random) -> int:
    r = rng.random()
    return rng.randint(2, 8) if r < 0.5 else rng.randint(9, 20) if r < 0.85 else rng.randint(24, 40)


def _comment(rng: Random, lang: str, position: int, t, units: list[Unit], pool: list[str]) -> Unit:
    earlier = units[1:][-8:]
    others = [u for u in earlier if u.author != BLOGGER]
    r = rng.random()
    if others and r < 0.17:
        author, role, style, parent = BLOGGER, "unknown", "blog_reply", rng.choice(others)
    elif r < 0.21:
        author, role, style = REP, "agent", "blog_agent"
        parent = rng.choice(others) if others and rng.random() < 0.7 else None
    else:
        author = rng.choice([n for n in pool if n != units[-1].author])
        role, style = "customer", "blog_comment"
        parent = rng.choice(earlier) if earlier and rng.random() < 0.3 else None
    while parent is not None and parent.extra["depth"] >= 4:
        parent = parent.parent
    unit = Unit("wordpress", PREFIX, "comment", lang, position, t, author, role, style, parent=parent)
    unit.extra["depth"] = 1 + (parent.extra["depth"] if parent else 0)
    if role == "customer" and rng.random() < 0.3:
        unit.extra["author_url"] = f"https://{slugify(author) or 'leser'}.example.net/"
    return unit


def post_url(thread: Thread) -> str:
    post = thread.units[0]
    loc = clock.to_local(post.published_at)
    lang_part = "en/" if thread.lang == "en" else ""
    return f"{PREFIX}{lang_part}{loc:%Y/%m/%d}/{thread.slug}/"


def _date(lang: str, instant) -> str:
    return clock.nb_wp(instant) if lang == "nb" else clock.en_wp(instant)


def _day(lang: str, instant) -> str:
    return clock.nb_wp_day(instant) if lang == "nb" else clock.en_wp_day(instant)


def paginate_comments(thread: Thread) -> list[list[Unit]]:
    """Top-level comments in pages of COMMENTS_PER_PAGE, each with all its replies."""
    tops = [u for u in thread.units[1:] if u.parent is None]
    pages = [tops[i:i + COMMENTS_PER_PAGE] for i in range(0, len(tops), COMMENTS_PER_PAGE)] or [[]]
    return pages


def _descendants(top: Unit, comments: list[Unit]) -> list[Unit]:
    out, frontier = [top], [top]
    while frontier:
        frontier = [c for c in comments if c.parent in frontier]
        out.extend(frontier)
    return out


def prepare(threads: list[Thread]) -> None:
    """Slugs, texturized text, page URLs and permalinks (needed by both HTML and REST)."""
    seen: dict[str, int] = {}
    for thread in sorted(threads, key=lambda t: int(t.thread_id)):
        base = slugify(thread.title) or "innlegg"
        seen[base] = seen.get(base, 0) + 1
        thread.slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
        url = post_url(thread)
        for u in thread.units:
            u.paragraphs = [texturize(p) for p in u.paragraphs]
        thread.units[0].page_url, thread.units[0].url = url, url
        pages = paginate_comments(thread)
        comments = thread.units[1:]
        for n, tops in enumerate(pages, start=1):
            for top in tops:
                for c in _descendants(top, comments):
                    c.page_url = url if n == 1 else f"{url}comment-page-{n}/"
                    c.url = (f"{url}comment-page-{n}/" if len(pages) > 1 else url) + f"#comment-{c.post_id}"


def _comment_views(thread: Thread, tops: list[Unit]) -> list[dict]:
    comments = thread.units[1:]
    counter = iter(range(10_000))
    ui = UI[thread.lang]

    def view(c: Unit, thread_index: int) -> dict:
        i = next(counter)
        classes = ["comment", "even" if i % 2 == 0 else "odd alt",
                   "thread-even" if thread_index % 2 == 0 else "thread-odd thread-alt", f"depth-{c.extra['depth']}"]
        children = [v for v in comments if v.parent is c]
        if children:
            classes.append("parent")
        if c.author == BLOGGER:
            classes[1:1] = ["byuser", "comment-author-ingrid", "bypostauthor"]
        return {"id": c.post_id, "author": c.author, "author_url": c.extra.get("author_url"),
                "iso": clock.iso_local(c.published_at), "date": _date(thread.lang, c.published_at),
                "permalink": c.url, "content": Markup("\n".join(f"<p>{wp_html(p)}</p>" for p in c.paragraphs)),
                "classes": " ".join(classes), "ui": ui,
                "children": [view(ch, thread_index) for ch in children]}

    return [view(top, k) for k, top in enumerate(tops)]


def build(threads: list[Thread], window: Window, writer: SiteWriter) -> list[str]:
    """Write post pages, comment pages and the two post lists; return the start URLs."""
    for lang in ("nb", "en"):
        mine = sorted((t for t in threads if t.lang == lang), key=lambda t: int(t.thread_id))
        recent = [{"title": t.title, "url": post_url(t)} for t in reversed(mine[-5:])]
        for i, thread in enumerate(mine):
            _write_post(thread, mine[i - 1] if i else None, mine[i + 1] if i + 1 < len(mine) else None,
                        recent, window, writer)
        _write_lists(lang, list(reversed(mine)), recent, window, writer)
    return [PREFIX, f"{PREFIX}en/"]


def _write_post(thread: Thread, prev: Thread | None, nxt: Thread | None, recent: list[dict],
                window: Window, writer: SiteWriter) -> None:
    ui, post, url = UI[thread.lang], thread.units[0], post_url(thread)
    pages = paginate_comments(thread)
    for n, tops in enumerate(pages, start=1):
        page_units = [post] + [c for top in tops for c in _descendants(top, thread.units[1:])]
        html = render("wordpress/single.html.j2", ui=ui, prefix=PREFIX, thread=thread, url=url, recent=recent,
                      lang=thread.lang, post_id=post.post_id, title=thread.title,
                      body=Markup("\n".join(f"<p>{wp_html(p)}</p>" for p in post.paragraphs)),
                      iso=clock.iso_local(post.published_at), day=_day(thread.lang, post.published_at),
                      count=ui["count"].format(n=len(thread.units) - 1, title=thread.title),
                      comments=_comment_views(thread, tops), page=n, pages=len(pages),
                      older=None if n == 1 else f"{url}comment-page-{n - 1}/#comments",
                      newer=None if n == len(pages) else f"{url}comment-page-{n + 1}/#comments",
                      prev=None if prev is None else {"title": prev.title, "url": post_url(prev)},
                      next=None if nxt is None else {"title": nxt.title, "url": post_url(nxt)})
        mtime = latest((u.published_at for u in page_units), window.end)
        if n == 1:
            writer.write(url, html, mtime=mtime)
        if len(pages) > 1:
            writer.write(f"{url}comment-page-{n}/", html, mtime=mtime)


def _write_lists(lang: str, newest_first: list[Thread], recent: list[dict], window: Window, writer: SiteWriter) -> None:
    ui = UI[lang]
    home = ui["home"]
    chunks = [newest_first[i:i + POSTS_PER_PAGE] for i in range(0, len(newest_first), POSTS_PER_PAGE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        items = []
        for t in chunk:
            words = t.units[0].paragraphs[0].split() if t.units[0].paragraphs else []
            excerpt = " ".join(words[:40]) + (" [\u2026]" if len(words) > 40 else "")
            items.append({"id": t.thread_id, "title": t.title, "url": post_url(t), "excerpt": wp_html(excerpt),
                          "iso": clock.iso_local(t.units[0].published_at), "day": _day(lang, t.units[0].published_at),
                          "comments": ui["n_comments"].format(n=len(t.units) - 1)})
        page_url = home if n == 1 else f"{home}page/{n}/"
        links = [(k, home if k == 1 else f"{home}page/{k}/") for k in range(1, len(chunks) + 1)]
        html = render("wordpress/list.html.j2", ui=ui, prefix=PREFIX, lang=lang, items=items, recent=recent,
                      page=n, pages=len(chunks), links=links, page_url=page_url)
        writer.write(page_url, html, mtime=latest((t.units[-1].published_at for t in chunk), window.end))
