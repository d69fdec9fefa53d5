"""/phpbb/: a phpBB 3.3 (prosilver) board in Swedish, "Konsumentsnack".

``index.php`` (also served as ``/phpbb/``) -> ``viewforum.php?f=N`` (20 topics a page,
``&start=M``) -> ``viewtopic.php?t=N`` (15 posts a page, ``&start=M``). Markup follows the
real phpBB 3.3 pages in shared/corpus/phpbb: div.post#pNNN, p.author with
``<time datetime>`` and the Swedish date shown, div.content, quotes as blockquote with
``<cite>NAME skrev:</cite>`` (3.2+: with a link to the quoted post; some without),
edit notices in div.notice, signatures in div.signature. Page 1 of the oldest multi-page
topic is served as windows-1252 (meta charset and a sidecar Content-Type).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from markupsafe import Markup, escape

from themewatch.sample_site import clock
from themewatch.sample_site.forums import ForumSpec, Member, make_members, plan_forum
from themewatch.sample_site.model import Quote, Thread, Unit
from themewatch.sample_site.phrasebank import load_bank
from themewatch.sample_site.render import SiteWriter, latest, render
from themewatch.sample_site.schedule import Window, assign_ids, assign_thread_ids

PREFIX = "/phpbb/"
POSTS_PER_PAGE = 15
TOPICS_PER_PAGE = 20
CP1252 = "windows-1252"
SPEC = ForumSpec(
    platform="phpbb", source=PREFIX, lang="sv",
    sections=(("3", "Bank och försäkring", "Banker, kort, lån och försäkringsbolag."),
              ("4", "El och energi", "Elavtal, elnät, mätare och elräkningar."),
              ("7", "Övriga bolag och tjänster", "Allt annat som rör kundtjänst och konsumentfrågor.")),
    threads_per_week=2.85, p_staff=0.08, p_quote=0.25, p_delete=0.0, p_edit=0.09,
    p_unlinked_quote=0.15,
    edit_reasons=("stavfel", "lade till mer info", "tog bort personuppgifter", "uppdatering"),
)
STAFF = (
    Member("Voltera_Kundtjänst", "agent", "Företagsrepresentant", "Sara", style="forum_agent", member_id=88),
    Member("EkvallBank_Support", "agent", "Företagsrepresentant", "Johan", style="forum_agent", member_id=91),
    Member("Modden_Lisa", "unknown", "Moderator", "Lisa", style="forum_reply", member_id=2),
)


def plan(rng: Random, window: Window) -> list[Thread]:
    """Topics, posts and their ids (texts come later)."""
    members = make_members(rng, load_bank("sv"), 70, "", first_id=500)
    threads = plan_forum(rng, window, SPEC, members, list(STAFF), seq_start=100_000)
    assign_thread_ids(threads, rng, 8800)
    assign_ids([u for t in threads for u in t.units], rng, 95000, max_gap=12)
    return threads


def topic_url(tid: str, page: int = 1) -> str:
    return f"{PREFIX}viewtopic.php?t={tid}" + (f"&start={(page - 1) * POSTS_PER_PAGE}" if page > 1 else "")


def forum_url(fid: str, page: int = 1) -> str:
    return f"{PREFIX}viewforum.php?f={fid}" + (f"&start={(page - 1) * TOPICS_PER_PAGE}" if page > 1 else "")


def _rel(url: str) -> str:
    """phpBB writes links relative to the board: ``./viewtopic.php?...``."""
    return "./" + url.removeprefix(PREFIX)


def _pagination(make, page: int, pages: int) -> dict:
    return {"page": page, "pages": pages, "links": [(n, _rel(make(n))) for n in range(1, pages + 1)],
            "prev": _rel(make(page - 1)) if page > 1 else None,
            "next": _rel(make(page + 1)) if page < pages else None}


def _profile(member_id: int) -> str:
    return f"./memberlist.php?mode=viewprofile&u={member_id}"


def _body(paragraphs: list[str]) -> str:
    return "<br>\n<br>\n".join(str(escape(p)) for p in paragraphs)


def _quote_html(q: Quote, depth: int = 0) -> str:
    t = q.target
    nested = "" if q.partial or depth >= 2 else "".join(_quote_html(i, depth + 1) for i in t.quotes)
    body = _body([q.excerpt] if q.partial and q.excerpt else t.paragraphs)
    name = escape(t.author)
    if not q.linked:
        return f"<blockquote><div><cite>{name} skrev:</cite>{nested}{body}</div></blockquote>"
    link = f"./viewtopic.php?p={t.post_id}#p{t.post_id}"
    return (f'<blockquote cite="{escape(link)}"><div><cite><a href="{escape(_profile(t.extra["member_id"]))}">'
            f'{name}</a> skrev: <a href="{escape(link)}" data-post-id="{t.post_id}" '
            'onclick="if(document.getElementById(hash.substr(1)))href=hash">\u2191</a>'
            f'<span class="responsive-hide">{clock.sv_phpbb(t.published_at)}</span></cite>\n'
            f"{nested}{body}\n</div></blockquote>")


def _post_view(u: Unit, thread: Thread, index: int) -> dict:
    mid = u.extra["member_id"]
    content = "".join(_quote_html(q) for q in u.quotes) + _body(u.paragraphs)
    notice = None
    if u.edited_at is not None:
        times = 1 + (int(u.post_id) % 5 == 0)
        editor_id = next((s.member_id for s in STAFF if s.name == u.editor), mid)
        notice = Markup(
            f'Senast redigerad av <a href="{escape(_profile(editor_id))}" class="username">{escape(u.editor)}</a> '
            f'{clock.sv_phpbb(u.edited_at)}, redigerad totalt {times} {"gång" if times == 1 else "gånger"}.'
            + (f"<br>\n<strong>Anledning:</strong> {escape(u.edit_reason)}" if u.edit_reason else ""))
    joined = clock.sv_phpbb(datetime(2012, 1, 1, 12, tzinfo=u.published_at.tzinfo) + timedelta(days=(mid * 53) % 4300))
    return {"pid": u.post_id, "author": u.author, "profile": _profile(mid), "rank": u.group,
            "staff": u.role == "agent", "posts": (mid * 7919) % 1800 + 1, "joined": joined,
            "iso": clock.iso_utc_offset(u.published_at), "date": clock.sv_phpbb(u.published_at),
            "subject": thread.title if index == 0 else f"Re: {thread.title}", "first": index == 0,
            "content": Markup(content), "notice": notice,
            "signature": Markup(_body([u.signature])) if u.signature else None,
            "bg": 2 - index % 2}


def build(threads: list[Thread], window: Window, writer: SiteWriter) -> list[str]:
    """Write the board; set each unit's page URL and permalink; return the start URLs."""
    multi = [t for t in threads if len(t.units) > POSTS_PER_PAGE]
    legacy = min(multi, key=lambda t: int(t.thread_id)) if multi else None
    for thread in threads:
        _write_topic(thread, window, writer, legacy_charset=thread is legacy)
    sections = []
    for fid, name, desc in SPEC.sections:
        mine = sorted((t for t in threads if t.section == fid),
                      key=lambda t: (t.units[-1].published_at, t.thread_id), reverse=True)
        _write_forum(fid, name, mine, window, writer)
        last = mine[0].units[-1] if mine else None
        sections.append({"id": fid, "name": name, "desc": desc, "url": _rel(forum_url(fid)),
                         "topics": len(mine), "posts": sum(len(t.units) for t in mine),
                         "last": None if last is None else {"author": last.author, "pid": last.post_id,
                                                            "iso": clock.iso_utc_offset(last.published_at),
                                                            "date": clock.sv_phpbb(last.published_at)}})
    mtime = latest((t.units[-1].published_at for t in threads), window.end)
    html = render("phpbb/index.html.j2", sections=sections, charset="utf-8", total_posts=sum(s["posts"] for s in sections),
                  total_topics=len(threads))
    for url in (PREFIX, f"{PREFIX}index.php", forum_url("1")):
        writer.write(url, html, mtime=mtime)
    return [PREFIX]


def legacy_page_url(threads: list[Thread]) -> str | None:
    """The URL served as windows-1252 (page 1 of the oldest multi-page topic)."""
    multi = [t for t in threads if len(t.units) > POSTS_PER_PAGE]
    return topic_url(min(multi, key=lambda t: int(t.thread_id)).thread_id) if multi else None


def _write_topic(thread: Thread, window: Window, writer: SiteWriter, *, legacy_charset: bool) -> None:
    pages = (len(thread.units) + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
    section = next(s for s in SPEC.sections if s[0] == thread.section)
    for n in range(1, pages + 1):
        chunk = thread.units[(n - 1) * POSTS_PER_PAGE: n * POSTS_PER_PAGE]
        url = topic_url(thread.thread_id, n)
        for u in chunk:
            u.page_url = url
            u.url = f"{url}#p{u.post_id}"
        charset = CP1252 if legacy_charset and n == 1 else "utf-8"
        html = render("phpbb/topic.html.j2", thread=thread, charset=charset, total=len(thread.units),
                      pag=_pagination(lambda p: topic_url(thread.thread_id, p), n, pages),
                      forum={"id": section[0], "name": section[1], "url": _rel(forum_url(section[0]))},
                      posts=[_post_view(u, thread, u.position) for u in chunk])
        mtime = latest([u.published_at for u in chunk] + [u.edited_at for u in chunk], window.end)
        if charset == CP1252:
            writer.write(url, html, mtime=mtime, encoding=CP1252,
                         headers={"Content-Type": f"text/html; charset={CP1252}"})
        else:
            writer.write(url, html, mtime=mtime)


def _write_forum(fid: str, name: str, threads: list[Thread], window: Window, writer: SiteWriter) -> None:
    pages = max(1, (len(threads) + TOPICS_PER_PAGE - 1) // TOPICS_PER_PAGE)
    for n in range(1, pages + 1):
        chunk = threads[(n - 1) * TOPICS_PER_PAGE: n * TOPICS_PER_PAGE]
        rows = []
        for i, t in enumerate(chunk):
            first, last = t.units[0], t.units[-1]
            tpages = (len(t.units) + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
            rows.append({"id": t.thread_id, "title": t.title, "url": _rel(topic_url(t.thread_id)),
                         "pages": [(p, _rel(topic_url(t.thread_id, p))) for p in range(1, tpages + 1)] if tpages > 1 else [],
                         "author": first.author, "profile": _profile(first.extra["member_id"]),
                         "iso": clock.iso_utc_offset(first.published_at), "date": clock.sv_phpbb(first.published_at),
                         "replies": len(t.units) - 1, "views": 25 + (int(t.thread_id) * 41) % 700 + 11 * len(t.units),
                         "last_author": last.author, "last_profile": _profile(last.extra["member_id"]),
                         "last_pid": last.post_id, "last_iso": clock.iso_utc_offset(last.published_at),
                         "last_date": clock.sv_phpbb(last.published_at), "bg": 1 + i % 2})
        html = render("phpbb/forum.html.j2", charset="utf-8", total=len(threads), topics=rows,
                      forum={"id": fid, "name": name, "url": _rel(forum_url(fid))},
                      pag=_pagination(lambda p: forum_url(fid, p), n, pages))
        writer.write(forum_url(fid, n), html, mtime=latest((t.units[-1].published_at for t in chunk), window.end))
