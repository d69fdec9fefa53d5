"""The WordPress HTML adapter on our Norwegian fixture blog: listing, post, threaded comments, comment pages."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.base import crawl_html
from extractors.http import Fetcher
from extractors.run import Run
from extractors.sources import SourceConfig
from extractors.wordpress import parse_page
from themewatch.records import make_doc_id

from .conftest import make_ctx
from .server import SITES, Route

POST = "/blogg/2026/03/ny-kundeportal/"


def test_post_page_article_comments_and_threading():
    page = parse_page((SITES / "wordpress" / "ny-kundeportal.html").read_text(),
                      make_ctx("https://blogg.example.no" + POST, owner_role="agent"))
    article, trine, marte, trine2, jon = page.posts
    assert (page.thread_id, page.thread_title) == ("post-812", "Ny kundeportal – hva synes dere?")
    assert (article.author, article.author_role, article.position) == ("Marte fra kundeservice", "agent", 0)
    assert article.published_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert "Del dette" not in article.text and "Facebook" not in article.text
    assert [p.post_id for p in (trine, marte, trine2, jon)] == \
        ["comment-9001", "comment-9003", "comment-9004", "comment-9002"]
    assert [p.parent_id for p in (trine, marte, trine2, jon)] == \
        [None, "comment-9001", "comment-9003", None]
    assert (trine.author, trine.author_role) == ("Trine", "customer")
    assert marte.author_role == "agent" and marte.text == "Takk for beskjed! Vi har funnet feilen og retter den i kveld."
    assert "Svar" not in trine.text and "sier:" not in (trine.author or "")
    assert trine.published_at == datetime(2026, 3, 2, 11, 14, tzinfo=UTC)
    assert any("comment-page-2" in u for u in page.page_urls)


def test_crawl_from_the_blog_front_page(server, fast_policy):
    site = SITES / "wordpress"
    server.routes["/blogg/"] = Route(body=(site / "index.html").read_bytes())
    server.routes["/blogg/page/2/"] = Route(body=(site / "index-p2.html").read_bytes())
    server.routes[POST] = Route(body=(site / "ny-kundeportal.html").read_bytes())
    server.routes[POST + "comment-page-1/"] = Route(body=(site / "ny-kundeportal.html").read_bytes())
    server.routes[POST + "comment-page-2/"] = Route(body=(site / "ny-kundeportal-cp2.html").read_bytes())
    source = SourceConfig(name="blogg", platform="wordpress", lang_hint="nb", owner_role="agent",
                          start_urls=[server.base + "/blogg/"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        docs = list(crawl_html(source, run, parse_page))
    assert [d.post_id for d in docs] == ["post-812", "comment-9001", "comment-9003", "comment-9004",
                                         "comment-9002", "comment-9005", "comment-9006"]
    assert docs[-1].parent_id == make_doc_id("blogg", "comment-9005")
    assert docs[-1].thread_title == "Ny kundeportal – hva synes dere?"
    reasons = sorted(r["reason"] for r in run.rejected)
    # Siv's empty comment, and the three posts the fixture site does not serve (404)
    assert reasons[0] == "empty text" and len(reasons) == 4
    assert all("HTTP 404" in r for r in reasons[1:])
    assert run.pages_failed == 3
