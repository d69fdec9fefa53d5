"""The polite fetcher against a real server on 127.0.0.1, failures injected."""

from __future__ import annotations

import time

import pytest

from extractors.http import Fetcher, FetchPolicy, detect_encoding
from themewatch.errors import FetchError

from .server import Route


def fetcher(policy: FetchPolicy, server, tmp_path=None, **kw) -> Fetcher:
    return Fetcher(policy, allowed_hosts={"127.0.0.1"},
                   cache_dir=(tmp_path / "cache") if tmp_path else None, **kw)


def test_ok_sends_user_agent_and_reads_robots_once(server, fast_policy):
    server.routes["/a"] = Route(body=b"<p>hei</p>")
    with fetcher(fast_policy, server) as f:
        assert f.get(server.base + "/a").text == "<p>hei</p>"
        f.get(server.base + "/a")
    assert server.requests_to("/robots.txt") == 1
    assert server.requests_to("/a") == 2


def test_404_is_one_line_fetch_error(server, fast_policy):
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError) as err:
        f.get(server.base + "/missing")
    assert str(err.value) == f"{server.base}/missing: HTTP 404"


def test_500_burst_is_retried_with_backoff(server, fast_policy):
    server.routes["/flaky"] = Route(body=b"ok", behaviour="burst500", times=2)
    waits: list[float] = []
    with fetcher(fast_policy, server, sleep=lambda s: (waits.append(s), time.sleep(s))) as f:
        assert f.get(server.base + "/flaky").text == "ok"
    assert server.requests_to("/flaky") == 3
    backoffs = [w for w in waits if w >= 0.01]
    assert backoffs[:2] == [0.01, 0.02]  # exponential


def test_500_forever_gives_up(server, fast_policy):
    server.routes["/down"] = Route(body=b"ok", behaviour="burst500", times=99)
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError, match="HTTP 500 .gave up after 4"):
        f.get(server.base + "/down")


def test_429_honours_retry_after(server, fast_policy):
    server.routes["/busy"] = Route(body=b"ok", behaviour="retry_after", times=1,
                                   headers={"Retry-After": "1"})
    waits: list[float] = []
    with fetcher(fast_policy, server, sleep=lambda s: (waits.append(s), time.sleep(s))) as f:
        assert f.get(server.base + "/busy").text == "ok"
    assert 1.0 in waits


def test_429_with_too_long_retry_after_fails_fast(server, fast_policy):
    server.routes["/busy"] = Route(body=b"ok", behaviour="retry_after", times=5,
                                   headers={"Retry-After": "3600"})
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError, match="Retry-After 3600s"):
        f.get(server.base + "/busy")
    assert server.requests_to("/busy") == 1


def test_timeout_is_retried_then_reported(server, fast_policy):
    server.routes["/slow"] = Route(body=b"late", behaviour="slow", times=1, headers={"X-Delay": "1.5"})
    with fetcher(fast_policy, server) as f:
        assert f.get(server.base + "/slow").text == "late"  # first attempt timed out
    assert server.requests_to("/slow") == 2


def test_truncated_body_is_retried(server, fast_policy):
    server.routes["/cut"] = Route(body=b"<p>" + b"a" * 5000 + b"</p>", behaviour="truncate", times=1)
    with fetcher(fast_policy, server) as f:
        assert f.get(server.base + "/cut").text.endswith("</p>")
    assert server.requests_to("/cut") == 2


def test_redirect_loop_is_detected(server, fast_policy):
    server.routes["/r1"] = Route(behaviour="redirect", status=302, location="/r2")
    server.routes["/r2"] = Route(behaviour="redirect", status=302, location="/r1")
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError, match="redirect loop"):
        f.get(server.base + "/r1")


def test_same_host_redirect_is_followed_off_host_refused(server, fast_policy):
    server.routes["/old"] = Route(behaviour="redirect", status=301, location="/new")
    server.routes["/new"] = Route(body=b"moved")
    server.routes["/away"] = Route(behaviour="redirect", status=302, location="http://example.com/x")
    with fetcher(fast_policy, server) as f:
        response = f.get(server.base + "/old")
        assert (response.text, response.url) == ("moved", server.base + "/new")
        with pytest.raises(FetchError, match="leaves the source's host"):
            f.get(server.base + "/away")
    assert not any("example.com" in p for _, p, _ in server.log)


def test_robots_disallow_is_obeyed_and_crawl_delay_spaces_requests(server, fast_policy):
    server.routes["/robots.txt"] = Route(
        body=b"User-agent: themewatch\nDisallow: /privat/\nCrawl-delay: 0.3\n", content_type="text/plain")
    server.routes["/privat/x"] = Route(body=b"no")
    server.routes["/open"] = Route(body=b"yes")
    with fetcher(fast_policy, server) as f:
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            f.get(server.base + "/privat/x")
        start = time.monotonic()
        f.get(server.base + "/open")
        f.get(server.base + "/open")
        assert time.monotonic() - start >= 0.3
    assert server.requests_to("/privat/x") == 0


def test_robots_5xx_means_do_not_crawl(server, fast_policy):
    server.routes["/robots.txt"] = Route(body=b"", behaviour="burst500", times=99)
    server.routes["/a"] = Route(body=b"a")
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError, match="robots.txt"):
        f.get(server.base + "/a")
    assert server.requests_to("/a") == 0


@pytest.mark.parametrize("declare", ["yes", "no"])
def test_a_50_mb_page_is_refused_without_reading_it_all(server, fast_policy, declare):
    server.routes["/huge"] = Route(behaviour="huge", headers={"X-Declare": declare})
    start = time.monotonic()
    with fetcher(fast_policy, server) as f, pytest.raises(FetchError, match="cap; refused"):
        f.get(server.base + "/huge")
    assert time.monotonic() - start < 5


def test_conditional_get_answers_from_cache(server, fast_policy, tmp_path):
    server.routes["/page"] = Route(body="<p>blåbær</p>".encode())
    with fetcher(fast_policy, server, tmp_path) as f:
        first = f.get(server.base + "/page")
        second = f.get(server.base + "/page")
    assert not first.not_modified and second.not_modified
    assert second.text == "<p>blåbær</p>" and second.fetched_at == first.fetched_at
    assert [c for _, p, c in server.log if p == "/page"] == [False, True]


def test_windows_1252_served_page_decodes(server, fast_policy):
    body = "<p>Kundtjänsten svarade aldrig – två veckor!</p>".encode("cp1252")
    server.routes["/sv"] = Route(body=body, content_type="text/html; charset=windows-1252")
    server.routes["/sv-meta"] = Route(body=b'<meta charset="iso-8859-1">' + body,
                                      content_type="text/html")
    server.routes["/sv-none"] = Route(body=b"<html><body>" + body * 20, content_type="text/html")
    with fetcher(fast_policy, server) as f:
        for path in ("/sv", "/sv-meta", "/sv-none"):
            assert "Kundtjänsten svarade aldrig – två veckor!" in f.get(server.base + path).text, path


def test_detect_encoding_order():
    assert detect_encoding(b"\xef\xbb\xbfhei") == "utf-8-sig"
    assert detect_encoding("æøå".encode(), "text/html; charset=utf-8") == "utf-8"
    assert detect_encoding(b'<meta charset="">' + "blåbær".encode()) == "utf-8"  # empty meta: sniff
    assert detect_encoding(b'<?xml version="1.0" encoding="ISO-8859-1"?>\x97') \
        == "windows-1252"
