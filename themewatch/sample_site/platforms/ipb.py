"""/forum/: an Invision Community 4 forum in Norwegian Bokmål (Fjordnett's "Kundeforum").

URLs follow IPS 4 with friendly URLs under a community installed at /forum/:
``/forum/forum/<id>-<slug>/`` (topic lists, ``page/<n>/`` for more), ``/forum/topic/<id>-<slug>/``
(20 posts a page, ``page/<n>/``). Markup follows the real IPS 4 page in
shared/corpus/ipb (article#elComment_N.cPost, aside.cAuthorPane, li[data-role=group],
div[data-role=commentContent], blockquote.ipsQuote with data-ipsquote-* attributes, edit
markers in span[data-excludequote], signatures in div[data-role=memberSignature]).
"""

from __future__ import annotations

import json
from datetime import datetime
from random import Random

from markupsafe import Markup, escape

from themewatch.sample_site import clock
from themewatch.sample_site.forums import ForumSpec, Member, make_members, plan_forum
from themewatch.sample_site.model import Quote, Thread, Unit
from themewatch.sample_site.phrasebank import load_bank
from themewatch.sample_site.render import SiteWriter, latest, render
from themewatch.sample_site.schedule import Window, assign_ids, assign_thread_ids, slugify

PREFIX = "/forum/"
POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 15
SPEC = ForumSpec(
    platform="ipb", source=PREFIX, lang="nb",
    sections=(("4", "Mobil og abonnement", "Mobilabonnement, eSIM, dekning og roaming."),
              ("7", "Bredbånd og fiber", "Fiber, ruter, wifi og hastighet."),
              ("9", "TV og strømming", "TV-pakker, dekodere og TV-appen."),
              ("12", "Faktura og betaling", "Faktura, gebyrer, eFaktura og betaling.")),
    threads_per_week=3.9, p_staff=0.17, p_quote=0.22, p_delete=0.025, p_edit=0.08,
    p_unlinked_quote=0.05,
    edit_reasons=("skrivefeil", "la til mer info", "fjernet personopplysninger",
                  "oppdatering: fortsatt ikke løst"),
)
STAFF = (
    Member("Mari | Fjordnett", "agent", "Kundeservice", "Mari", style="forum_agent", member_id=11),
    Member("Thomas | Fjordnett", "agent", "Kundeservice", "Thomas", style="forum_agent", member_id=14),
    Member("Aisha | Fjordnett", "agent", "Kundeservice", "Aisha", style="forum_agent", member_id=27),
    Member("Moderator Siri", "agent", "Moderator", "Siri", style="forum_agent", member_id=3),
)


def plan(rng: Random, window: Window) -> list[Thread]:
    """Topics, posts and their ids (texts come later)."""
    members = make_members(rng, load_bank("nb"), 90, "Medlemmer", first_id=2100)
    threads = plan_forum(rng, window, SPEC, members, list(STAFF), seq_start=0)
    assign_thread_ids(threads, rng, 31000)
    assign_ids([u for t in threads for u in t.units], rng, 412000)
    return threads


def _profile(name: str, member_id: int) -> str:
    return f"{PREFIX}profile/{member_id}-{slugify(name) or 'bruker'}/"


def _time(instant: datetime, capture_year: int) -> dict[str, str]:
    loc = clock.to_local(instant)
    return {"iso": clock.iso_z(instant), "title": clock.nb_ips_title(instant),
            "text": clock.nb_ips_date(instant, capture_year),
            "short": f"{loc.day}. {clock.NB_MONTHS[loc.month - 1][:3]}"}


def _paras(paragraphs: list[str], indent: str = "") -> str:
    return "\n".join(f"{indent}<p>\n{indent}\t{escape(p)}\n{indent}</p>" for p in paragraphs)


def _quote_html(q: Quote, tid: str, depth: int = 0) -> str:
    t = q.target
    if not q.linked:
        body = _paras([q.excerpt] if q.partial and q.excerpt else t.paragraphs, "\t\t")
        return ('<blockquote class="ipsQuote" data-ipsquote="">\n\t<div class="ipsQuote_citation">Sitat</div>\n'
                f'\t<div class="ipsQuote_contents">\n{body}\n\t</div>\n</blockquote>')
    nested = ""
    if not q.partial and depth < 2:
        nested = "\n".join(_quote_html(inner, tid, depth + 1) for inner in t.quotes)
    body = _paras([q.excerpt] if q.partial and q.excerpt else t.paragraphs, "\t\t")
    name = escape(t.author)
    stamp = clock.nb_quote_stamp(t.published_at)
    return (
        '<blockquote class="ipsQuote" data-ipsquote="" data-ipsquote-contentapp="forums" '
        f'data-ipsquote-contentclass="forums_Topic" data-ipsquote-contentcommentid="{t.post_id}" '
        f'data-ipsquote-contentid="{tid}" data-ipsquote-contenttype="forums" '
        f'data-ipsquote-timestamp="{int(t.published_at.timestamp())}" '
        f'data-ipsquote-userid="{t.extra["member_id"]}" data-ipsquote-username="{name}">\n'
        f'\t<div class="ipsQuote_citation">\n\t\tDen {stamp}, <a href="{_profile(t.author, t.extra["member_id"])}" '
        f'data-ipshover="">{name}</a> sa:\n\t</div>\n'
        f'\t<div class="ipsQuote_contents ipsClearfix">\n{nested}{chr(10) if nested else ""}{body}\n\t</div>\n</blockquote>'
    )


def _content(u: Unit, tid: str, topic_url: str, capture_year: int) -> Markup:
    parts = [_quote_html(q, tid) for q in u.quotes]
    parts.append(_paras(u.paragraphs))
    if u.edited_at is not None:
        tm = _time(u.edited_at, capture_year)
        reason = f"\n\t<br>\n\t{escape(u.edit_reason)}" if u.edit_reason else ""
        parts.append(
            '<span class="ipsType_reset ipsType_medium ipsType_light" data-excludequote="">\n'
            f'\t<strong>Endret <time datetime="{tm["iso"]}" title="{tm["title"]}" data-short="{tm["short"]}">'
            f'{tm["text"]}</time> av {escape(u.editor)}</strong>{reason}\n'
            f'\t<a href="{topic_url}?do=editlogComment&amp;comment={u.post_id}" data-ipsdialog="" '
            'data-ipsdialog-title="Redigeringshistorikk" title="se redigeringshistorikk">(se redigeringshistorikk)</a>\n'
            "</span>")
    return Markup("\n".join(parts))


def _post_view(u: Unit, thread: Thread, topic_url: str, capture_year: int) -> dict:
    mid = u.extra["member_id"]
    quotedata = json.dumps({"userid": mid, "username": u.author, "timestamp": int(u.published_at.timestamp()),
                            "contentapp": "forums", "contenttype": "forums", "contentid": int(thread.thread_id),
                            "contentclass": "forums_Topic", "contentcommentid": int(u.post_id)},
                           separators=(",", ":"), ensure_ascii=False)
    return {
        "cid": u.post_id, "author": u.author, "profile": _profile(u.author, mid), "group": u.group,
        "staff": u.role == "agent", "posts": (mid * 7919) % 2400 + 3, "time": _time(u.published_at, capture_year),
        "deleted": u.deleted, "deleted_msg": _deleted_message(u),
        "content": None if u.deleted else _content(u, thread.thread_id, topic_url, capture_year),
        "signature": Markup(_paras([u.signature])) if u.signature and not u.deleted else None,
        "quotedata": quotedata, "topic_url": topic_url, "number": u.position + 1,
    }


def _deleted_message(u: Unit) -> str:
    if not u.deleted:
        return ""
    if int(u.post_id) % 2:
        return "Dette innlegget er skjult."
    return f"Dette innlegget er slettet av {u.extra.get('deleted_by', 'en moderator')}."


def _pagination(base: str, page: int, pages: int) -> dict:
    def url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"
    return {"page": page, "pages": pages, "url": url, "links": [(n, url(n)) for n in range(1, pages + 1)]}


def build(threads: list[Thread], window: Window, writer: SiteWriter) -> list[str]:
    """Write the forum; set each unit's page URL and permalink; return the start URLs."""
    capture_year = window.end_date.year
    sections = {s[0]: s for s in SPEC.sections}
    for thread in threads:
        thread.slug = f"{thread.thread_id}-{slugify(thread.title)}"
        _write_topic(thread, sections[thread.section], window, writer, capture_year)
    for fid, name, desc in SPEC.sections:
        _write_forum(fid, name, desc, [t for t in threads if t.section == fid], window, writer, capture_year)
    forum_rows = [_forum_row(s, [t for t in threads if t.section == s[0]], capture_year) for s in SPEC.sections]
    for url in (PREFIX, f"{PREFIX}forum/1-kundeforum/"):
        writer.write(url, render("ipb/index.html.j2", forums=forum_rows, prefix=PREFIX),
                     mtime=latest((t.units[-1].published_at for t in threads), window.end))
    for url, template in ((f"{PREFIX}login/", "ipb/login.html.j2"), (f"{PREFIX}search/", "ipb/search.html.j2")):
        writer.write(url, render(template, prefix=PREFIX), mtime=window.end)
    return [PREFIX]


def _write_topic(thread: Thread, section: tuple, window: Window, writer: SiteWriter, capture_year: int) -> None:
    base = f"{PREFIX}topic/{thread.slug}/"
    pages = (len(thread.units) + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
    for n in range(1, pages + 1):
        chunk = thread.units[(n - 1) * POSTS_PER_PAGE: n * POSTS_PER_PAGE]
        pag = _pagination(base, n, pages)
        for u in chunk:
            u.page_url = pag["url"](n)
            u.url = f"{u.page_url}#comment-{u.post_id}"
        opener = thread.units[0]
        html = render("ipb/topic.html.j2", prefix=PREFIX, thread=thread, base=base, pag=pag,
                      forum={"id": section[0], "name": section[1], "url": f"{PREFIX}forum/{section[0]}-{slugify(section[1])}/"},
                      opener={"author": opener.author, "profile": _profile(opener.author, opener.extra["member_id"]),
                              "time": _time(opener.published_at, capture_year)},
                      posts=[_post_view(u, thread, base, capture_year) for u in chunk])
        writer.write(pag["url"](n), html,
                     mtime=latest([u.published_at for u in chunk] + [u.edited_at for u in chunk], window.end))


def _topic_row(t: Thread, capture_year: int) -> dict:
    first, last = t.units[0], t.units[-1]
    pages = (len(t.units) + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
    base = f"{PREFIX}topic/{t.slug}/"
    return {"id": t.thread_id, "title": t.title, "url": base, "pag": _pagination(base, 1, pages),
            "author": first.author, "profile": _profile(first.author, first.extra["member_id"]),
            "time": _time(first.published_at, capture_year), "replies": len(t.units) - 1,
            "views": 40 + (int(t.thread_id) * 37) % 900 + 9 * len(t.units),
            "last_author": last.author, "last_time": _time(last.published_at, capture_year)}


def _write_forum(fid: str, name: str, desc: str, threads: list[Thread], window: Window,
                 writer: SiteWriter, capture_year: int) -> None:
    base = f"{PREFIX}forum/{fid}-{slugify(name)}/"
    ordered = sorted(threads, key=lambda t: (t.units[-1].published_at, t.thread_id), reverse=True)
    pages = max(1, (len(ordered) + TOPICS_PER_PAGE - 1) // TOPICS_PER_PAGE)
    for n in range(1, pages + 1):
        chunk = ordered[(n - 1) * TOPICS_PER_PAGE: n * TOPICS_PER_PAGE]
        pag = _pagination(base, n, pages)
        html = render("ipb/forum.html.j2", prefix=PREFIX, forum={"id": fid, "name": name, "desc": desc, "url": base},
                      pag=pag, topics=[_topic_row(t, capture_year) for t in chunk])
        writer.write(pag["url"](n), html, mtime=latest((t.units[-1].published_at for t in chunk), window.end))


def _forum_row(section: tuple, threads: list[Thread], capture_year: int) -> dict:
    fid, name, desc = section
    last = max((t.units[-1] for t in threads), key=lambda u: u.published_at, default=None)
    return {"id": fid, "name": name, "desc": desc, "url": f"{PREFIX}forum/{fid}-{slugify(name)}/",
            "topics": len(threads), "posts": sum(len(t.units) for t in threads),
            "last": None if last is None else {"author": last.author, "time": _time(last.published_at, capture_year)}}
