"""blogg.se. No real saved page exists in ../shared/corpus; these fixtures follow blogg.se's markup
as we know it ("Postat av:", "Skrivet:", the owner's "Svar:" inside a comment)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.bloggse import parse_page
from extractors.run import to_document
from extractors.sources import SourceConfig

from .conftest import make_ctx
from .server import SITES

URL = "https://kundtjanstbloggen.blogg.se/2026/march/bytte-elavtal-och-fick-tva-fakturor.html"


def test_post_comments_and_owner_answer():
    page = parse_page((SITES / "bloggse" / "bytte-elavtal.html").read_text(),
                      make_ctx(URL, ["sv"], "Europe/Stockholm", owner_role="agent"))
    entry, anna, answer, pelle, anonym = page.posts
    assert (page.thread_id, page.thread_title) == ("entry-5550001", "Bytte elavtal och fick två fakturor")
    assert entry.author == "kundtjanstbloggen" and entry.position == 0
    assert entry.published_at == datetime(2026, 3, 8, 18, 42, 11, tzinfo=UTC)
    assert "Permalänk" not in entry.text and "Dela" not in entry.text
    assert (anna.post_id, anna.author, anna.author_role) == ("comment-8812001", "Anna", "customer")
    assert anna.text == "Exakt samma sak hände mig förra året. Det tog tre månader att reda ut."
    assert (answer.parent_id, answer.author, answer.author_role) == ("comment-8812001", "kundtjanstbloggen", "agent")
    assert answer.text == "Tre månader! Jag hoppas det går fortare för mig."
    assert pelle.published_at == datetime(2026, 3, 13, 7, 15, tzinfo=UTC)  # "igår 08:15"
    assert anonym.published_at is None  # empty "Skrivet:" -> rejected as missing date
    rejected = []
    source = SourceConfig(name="b", platform="bloggse", start_urls=[URL])
    assert to_document(source, anonym, page, "s", lambda *a, **k: rejected.append(a)) is None
    assert rejected[0][2] == "missing date"


def test_front_page_is_a_listing():
    listing = parse_page((SITES / "bloggse" / "index.html").read_text(),
                         make_ctx("https://kundtjanstbloggen.blogg.se/", ["sv"]))
    assert listing.posts == []
    assert listing.thread_urls == ["/2026/march/bytte-elavtal-och-fick-tva-fakturor.html",
                                   "/2026/march/mobilt-bankid-strul.html"]
    assert listing.listing_urls == ["/?page=2"]
