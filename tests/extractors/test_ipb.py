"""The IPB adapter on our Norwegian fixture forum (IPB 4 markup); the real pages are in test_corpus."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.ipb import parse_page

from .conftest import make_ctx
from .server import SITES

URL = "https://forum.example.no/forum/topic/101-fakturaen-er-feil-igjen/"


def page(name: str, url: str = URL):
    return parse_page((SITES / "ipb" / name).read_text(), make_ctx(url))


def test_thread_page_posts_quotes_edits_roles():
    first = page("topic-101-p1.html")
    assert first.thread_id == "101" and first.thread_title == "Fakturaen er feil igjen"
    kari, ola, deleted = first.posts
    assert (kari.post_id, kari.author, kari.author_role) == ("1001", "Kari Nordmann", "customer")
    assert kari.published_at == datetime(2026, 3, 9, 8, 15, tzinfo=UTC)
    assert kari.edited_at == datetime(2026, 3, 9, 9, 2, tzinfo=UTC)
    assert kari.editor == "Kari Nordmann"
    assert "Endret" not in kari.text and "Hilsen fra Bergen" not in kari.text  # marker, signature
    assert (ola.author_role, ola.quoted_ids) == ("agent", ["1001"])  # staff group "Kundeservice"
    assert ola.text.startswith("Beklager dette!") and "to ganger" not in ola.text
    assert "Sitér" not in ola.text and "Del" not in ola.text.split()
    assert deleted.reject == "deleted or hidden post"
    assert "/forum/topic/101-fakturaen-er-feil-igjen/page/2/#comments" in first.page_urls
    assert kari.url == URL + "#findComment-1001"


def test_nested_quote_links_only_the_outer_post_and_relative_date_uses_fetch_time():
    (per,) = page("topic-101-p2.html", URL + "page/2/").posts
    assert per.quoted_ids == ["1002"]
    assert per.text.startswith("Samme her.") and "Beklager" not in per.text
    # "I går, 14:03" with the page fetched 2026-03-14 12:00 UTC, Oslo time
    assert per.published_at == datetime(2026, 3, 13, 13, 3, tzinfo=UTC)


def test_listing_finds_threads_not_chrome_links():
    listing = parse_page((SITES / "ipb" / "index.html").read_text(),
                         make_ctx("https://forum.example.no/forum/"))
    assert listing.posts == []
    assert listing.thread_urls == ["/forum/topic/101-fakturaen-er-feil-igjen/",
                                   "/forum/topic/102-ventetid-pa-telefon/",
                                   "/forum/topic/103-sidene-gar-i-ring/"]
