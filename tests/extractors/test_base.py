"""The shared HTML crawl: caps on thread pages and threads, loop handling, failures counted."""

from __future__ import annotations

from extractors.base import crawl_html
from extractors.http import Fetcher
from extractors.ipb import parse_page
from extractors.run import Run
from extractors.sources import SourceConfig

from .sites import IPB, serve


def crawl(server, policy, **limits):
    source = SourceConfig(name="forum", platform="ipb", lang_hint="nb",
                          start_urls=[server.base + "/forum/"], **limits)
    with Fetcher(policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=source, fetcher=fetcher, salt="s")
        return [d.post_id for d in crawl_html(source, run, parse_page)], run


def test_caps_on_pages_per_thread_and_threads(server, fast_policy):
    serve(server, IPB)
    posts, run = crawl(server, fast_policy, max_pages_per_thread=1, max_threads=2)
    assert posts == ["1001", "1002", "2001"]  # page 2 of thread 101 and thread 103 not read
    assert any("thread page cap 1" in n for n in run.notes)
    assert any("thread cap 2" in n for n in run.notes)
    assert server.requests_to("/forum/topic/103-sidene-gar-i-ring/") == 0


def test_pagination_loop_is_noted_and_not_followed(server, fast_policy):
    serve(server, IPB)
    posts, run = crawl(server, fast_policy)
    assert posts.count("3001") == 1
    assert any("103" in n and "already read" in n for n in run.notes)
    assert server.requests_to("/forum/topic/103-sidene-gar-i-ring/page/3/") == 0


def test_a_failing_thread_page_does_not_stop_the_rest(server, fast_policy):
    serve(server, IPB)
    del server.routes["/forum/topic/101-fakturaen-er-feil-igjen/page/2/"]
    posts, run = crawl(server, fast_policy)
    assert "2001" in posts and "1004" not in posts
    assert run.pages_failed == 1 and run.rejected[-1]["stage"] == "fetch"
    assert "HTTP 404" in run.rejected[-1]["reason"]
