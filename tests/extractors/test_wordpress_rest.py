"""The WP REST adapter over HTTP: posts, then comments, page by page until X-WP-TotalPages."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.http import Fetcher
from extractors.run import Run
from extractors.sources import SourceConfig
from extractors.wordpress_rest import WordpressRestAdapter
from themewatch.records import make_doc_id

from .server import SITES, Route

API = "/blogg/wp-json/wp/v2/"
QUERY = "?per_page=100&page={}&orderby=id&order=asc"


def test_posts_and_paginated_comments(server, fast_policy):
    json_type = "application/json; charset=UTF-8"
    server.routes[API + "posts" + QUERY.format(1)] = Route(
        body=(SITES / "wprest" / "posts-1.json").read_bytes(), content_type=json_type,
        headers={"X-WP-TotalPages": "1", "X-WP-Total": "1"})
    for n in (1, 2):
        server.routes[API + "comments" + QUERY.format(n)] = Route(
            body=(SITES / "wprest" / f"comments-{n}.json").read_bytes(), content_type=json_type,
            headers={"X-WP-TotalPages": "2", "X-WP-Total": "4"})
    source = SourceConfig(name="rest", platform="wordpress-rest", lang_hint="nb", owner_role="agent",
                          start_urls=[server.base + "/blogg/"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        docs = {d.post_id: d for d in WordpressRestAdapter().iter_documents(source, run)}
    assert sorted(docs) == ["comment-401", "comment-402", "comment-403", "post-301"]
    post, answer = docs["post-301"], docs["comment-402"]
    assert post.thread_title == "Nye åpningstider på kundesenteret" and post.text.startswith("Fra 1. april")
    assert post.url == server.base + "/blogg/2026/03/nye-apningstider/"
    assert answer.parent_id == make_doc_id("rest", "comment-401") and answer.author_role == "agent"
    assert answer.text == "Lørdag holder vi åpent 10–15 som før." and answer.thread_id == "post-301"
    assert answer.published_at == datetime(2026, 3, 3, 11, 0, tzinfo=UTC)
    assert docs["comment-401"].author_role == "customer"
    assert "[phone]" in docs["comment-403"].text
    assert run.rejected == [{"url": server.base + "/blogg/2026/03/nye-apningstider/#comment-404",
                             "post_id": "comment-404", "stage": "extract", "reason": "comment status spam"}]
    assert server.requests_to(API + "comments" + QUERY.format(3)) == 0
