"""The generic thread adapter on a home-grown Norwegian forum (ISO-8859-1), and selector overrides."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.base import crawl_html
from extractors.generic import parse_page
from extractors.http import Fetcher
from extractors.run import Run
from extractors.sources import SourceConfig

from .conftest import make_ctx
from .server import SITES, Route

URL = "https://forbrukerpraten.example.no/traad/88"


def read(name: str) -> str:
    return (SITES / "generic" / name).read_bytes().decode("iso-8859-1")


def test_structure_finds_posts_authors_dates_quotes_edits_roles():
    page = parse_page(read("traad-88.html"), make_ctx(URL))
    kari, tor, ola = page.posts
    assert [p.post_id for p in page.posts] == ["501", "502", "503"]
    assert [p.author for p in page.posts] == ["Kari77", "Kundeservice_Tor", "Ola N"]
    assert [p.author_role for p in page.posts] == ["customer", "agent", "customer"]
    assert kari.published_at == datetime(2026, 3, 12, 9, 15, tzinfo=UTC)
    assert kari.text == "Regningen for februar er på 1 290 kr, men jeg har fastpris på 399 kr. " \
                        "Kundeservice svarer ikke på e-post."
    assert tor.quoted_ids == ["501"] and tor.text.startswith("Hei Kari!")  # by link
    assert ola.quoted_ids == ["502"]  # "NAME skrev:" inside the quote, matched by text
    assert ola.text == "Jeg har fått samme feil, men ingen ny faktura."
    assert ola.published_at == datetime(2026, 3, 13, 21, 40, tzinfo=UTC)  # "i går kl. 22:40"
    assert (ola.editor, ola.edited_at) == ("Ola N", datetime(2026, 3, 13, 21, 45, tzinfo=UTC))
    assert page.thread_title == "Mobilabonnement: hvorfor er regningen dobbelt?"
    assert page.page_urls == ["/traad/88?side=2"]


def test_a_page_with_one_post_still_parses():
    (bjorn,) = parse_page(read("traad-88-side2.html"), make_ctx(URL + "?side=2")).posts
    assert (bjorn.post_id, bjorn.author) == ("517", "Bjørn")


def test_selector_overrides_win():
    ctx = make_ctx(URL, selectors={"post": "div.innlegg", "author": ".hode a", "date": ".tid",
                                   "body": ".tekst"})
    page = parse_page(read("traad-88.html"), ctx)
    assert [p.author for p in page.posts] == ["Kari77", "Kundeservice_Tor", "Ola N"]
    assert page.posts[1].text.startswith("Hei Kari!")


def test_crawl_both_pages(server, fast_policy):
    server.routes["/traad/88"] = Route(body=(SITES / "generic" / "traad-88.html").read_bytes(),
                                       content_type="text/html")
    server.routes["/traad/88?side=2"] = Route(body=(SITES / "generic" / "traad-88-side2.html").read_bytes(),
                                              content_type="text/html")
    source = SourceConfig(name="prat", platform="generic", lang_hint="nb",
                          start_urls=[server.base + "/traad/88"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        docs = list(crawl_html(source, run, parse_page))
    assert [(d.post_id, d.position) for d in docs] == [("501", 1), ("502", 2), ("503", 3), ("517", 4)]
    assert "Bjørn" not in docs[3].text and "Forbrukerrådet" in docs[3].text
