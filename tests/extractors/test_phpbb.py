"""The phpBB adapter on our Swedish fixture forum (prosilver markup, windows-1252 pages)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.base import crawl_html
from extractors.http import Fetcher
from extractors.phpbb import parse_page
from extractors.run import Run
from extractors.sources import SourceConfig
from themewatch.records import make_doc_id

from .conftest import make_ctx
from .server import SITES, Route

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
URL = "https://forum.example.se/phpbb/viewtopic.php?f=4&t=7"


def page(name: str, url: str = URL, moderator_role: str = "unknown"):
    text = (SITES / "phpbb" / name).read_bytes().decode("cp1252")
    return parse_page(text, make_ctx(url, ["sv"], "Europe/Stockholm", NOW, moderator_role=moderator_role))


def test_first_page():
    first = page("t7-p1.html")
    assert (first.thread_id, first.thread_title) == ("7", "Paketet kom aldrig fram")
    lisa, anna, bosse = first.posts
    assert (lisa.post_id, lisa.author, lisa.author_role) == ("71", "Lisa_G", "customer")
    assert lisa.published_at == datetime(2026, 3, 9, 7, 55, tzinfo=UTC)
    assert "Luleå" not in lisa.text and lisa.text.endswith("Har någon annan fått samma svar?")
    assert (anna.author_role, anna.quoted_ids) == ("agent", ["71"])  # rank Kundtjänst; quote by text
    assert anna.published_at == datetime(2026, 3, 10, 8, 12, tzinfo=UTC)  # "tis 10 mar 2026 09:12"
    assert (anna.editor, anna.edited_at) == ("Kundtjänst_Anna", datetime(2026, 3, 10, 8, 30, tzinfo=UTC))
    assert anna.text.startswith("Hej Lisa!") and "Senast redigerad" not in anna.text
    assert bosse.published_at == datetime(2026, 3, 13, 20, 15, tzinfo=UTC)  # "igår 21:15"
    links = {u.split("?")[1] for u in first.page_urls}
    assert {"f=4&t=7&sid=s20&start=3", "f=4&t=7&sid=s30&start=6", "f=4&t=7&start=3"} <= links
    assert not any("view=next" in u for u in first.page_urls)  # the next *topic* link


def test_second_page_nested_quote_staff_colour_and_relative_dates():
    lisa, admin, gunnar = page("t7-p2.html", URL + "&start=3").posts
    assert lisa.quoted_ids == [] and lisa.unresolved_quotes[0][0] == "Kundtjänst_Anna"  # on page 1
    assert lisa.text == "Har skickat det nu. Inget svar ännu efter två dagar."
    assert lisa.published_at == datetime(2026, 3, 14, 7, 2, tzinfo=UTC)  # "idag 08:02"
    assert admin.author_role == "unknown"  # administrator colour: the source's moderator_role
    assert page("t7-p2.html", URL + "&start=3", moderator_role="agent").posts[1].author_role == "agent"
    assert admin.published_at == datetime(2026, 3, 11, 12, 0, tzinfo=UTC)  # "3 dagar sedan"
    assert gunnar.published_at == datetime(2026, 3, 13, 16, 40, tzinfo=UTC)


def test_crawl_over_http_follows_pages_decodes_windows_1252_and_rejects_a_bad_date(server, fast_policy):
    base = "/phpbb/viewtopic.php?f=4&t=7"
    server.routes["/phpbb/viewforum.php?f=4"] = Route(body=(SITES / "phpbb" / "viewforum.html").read_bytes())
    server.routes[base] = Route(body=(SITES / "phpbb" / "t7-p1.html").read_bytes(),
                                content_type="text/html; charset=windows-1252")
    for start, name in ((3, "t7-p2.html"), (6, "t7-p3.html")):
        server.routes[f"{base}&start={start}"] = Route(body=(SITES / "phpbb" / name).read_bytes(),
                                                       content_type="text/html")  # <meta> only
    source = SourceConfig(name="phpbb", platform="phpbb", lang_hint="sv", timezone="Europe/Stockholm",
                          start_urls=[server.base + "/phpbb/viewforum.php?f=4"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        docs = list(crawl_html(source, run, parse_page))
    assert [d.post_id for d in docs] == ["71", "72", "73", "74", "75", "76"]
    assert [d.position for d in docs] == [1, 2, 3, 4, 5, 6]
    assert docs[0].thread_title == "Paketet kom aldrig fram"
    assert "försvunna" in docs[2].text
    assert run.rejected == [{"url": server.base + "/phpbb/viewtopic.php?p=77#p77", "post_id": "77",
                             "stage": "extract", "reason": "unparseable date 'en gång i tiden'"}]
    assert server.requests_to(base) == 1 and run.pages_fetched == 4
    assert docs[3].quoted_ids == (make_doc_id("phpbb", "72"),)  # page 2 quotes page 1: the crawl links it
