"""The Discourse adapter over HTTP: listing JSON, topic JSON, the rest of the stream by post_ids[]."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.discourse import DiscourseAdapter
from extractors.http import Fetcher
from extractors.run import Run
from extractors.sources import SourceConfig
from themewatch.records import make_doc_id

from .server import SITES, Route


def test_listing_topic_and_stream(server, fast_policy):
    site = SITES / "discourse"
    server.routes["/latest.json"] = Route(body=(site / "latest.json").read_bytes(), content_type="application/json")
    server.routes["/latest.json?page=1"] = Route(body=(site / "latest-p1.json").read_bytes(),
                                                 content_type="application/json")
    server.routes["/t/55.json"] = Route(body=(site / "t55.json").read_bytes(), content_type="application/json")
    server.routes["/t/55/posts.json?post_ids[]=504"] = Route(body=(site / "t55-posts.json").read_bytes(),
                                                             content_type="application/json")
    source = SourceConfig(name="dk", platform="discourse", lang_hint="da", timezone="Europe/Copenhagen",
                          start_urls=[server.base + "/"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        docs = {d.post_id: d for d in DiscourseAdapter().iter_documents(source, run)}
    assert sorted(docs) == ["55/1", "55/2", "55/4"]
    lars, jens = docs["55/2"], docs["55/4"]
    assert lars.author_role == "agent" and lars.quoted_ids == (make_doc_id("dk", "55/1"),)
    assert lars.text.startswith("Vi har fundet fejlen") and "kender til det" not in lars.text
    assert lars.edited_at == datetime(2026, 3, 10, 8, 5, tzinfo=UTC)  # version 2
    assert jens.quoted_ids == (make_doc_id("dk", "55/2"),)  # the other topic's quote is not linked
    assert jens.parent_id == make_doc_id("dk", "55/2") and jens.position == 4
    assert jens.thread_title == "Mobilt bredbånd nede i hele Aarhus"
    assert run.rejected[0]["post_id"] == "55/3" and "notice" in run.rejected[0]["reason"]
    assert server.requests_to("/t/55.json") == 1  # listed twice, fetched once
