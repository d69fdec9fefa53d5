"""The bundled sample site: deterministic, realistic enough to crawl, with a planted trend.

One site is generated per module (seed 7, 14 weeks to a Sunday) and parsed once; the
tests then check the truth file, the markup, the links and the loopback server.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx
import pytest
from bs4 import BeautifulSoup

from themewatch.errors import ThemewatchError
from themewatch.sample_site import generate_sample_site, serve_sample_site, url_to_path
from themewatch.sample_site.urlmap import SIDECAR_SUFFIX, content_type_for

# One worker builds and parses the site once for the whole module.
pytestmark = pytest.mark.xdist_group("sample_site")

END = date(2026, 3, 15)  # a Sunday
HOST = "http://sample.invalid"
PHONE_OR_EMAIL = re.compile(r"@example\.(com|net|org)|(\+\d{2} ?)?\b\d{2,5}([ -]\d{2,6}){1,3}\b")


def _headers(path: Path) -> dict[str, str]:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    return json.loads(side.read_text()) if side.is_file() else {}


def _is_html(path: Path) -> bool:
    return _headers(path).get("Content-Type", content_type_for(path)).startswith("text/html")


def _canon(root: Path, url: str) -> str:
    """The URL spelled as the file it maps to (query sorted), for use as a key."""
    return _url_of(root, url_to_path(root, url))


def _url_of(root: Path, path: Path) -> str:
    """Inverse of url_to_path for generated files."""
    base, _, query = path.relative_to(root).as_posix().partition("%3F")
    if base == "index.html" or base.endswith("/index.html"):
        base = base[: -len("index.html")]
    return "/" + base + (f"?{query}" if query else "")


def _decode(path: Path) -> str:
    match = re.search(r"charset=([\w-]+)", _headers(path).get("Content-Type", ""))
    return path.read_bytes().decode(match.group(1) if match else "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("sample") / "site"
    return root, generate_sample_site(root, seed=7, end_date=END)


@pytest.fixture(scope="module")
def truth(site) -> list[dict]:
    root, _ = site
    return [json.loads(line) for line in (root / "_truth" / "units.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    """Every HTML file, parsed with BeautifulSoup(lxml), by URL."""
    root, _ = site
    return {_url_of(root, p): BeautifulSoup(_decode(p), "lxml")
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith(SIDECAR_SUFFIX) and _is_html(p) and "_truth" not in p.parts}


def test_url_to_path_rule(tmp_path: Path) -> None:
    assert url_to_path(tmp_path, "/") == tmp_path / "index.html"
    assert url_to_path(tmp_path, "/forum/") == tmp_path / "forum" / "index.html"
    assert url_to_path(tmp_path, "/phpbb/viewtopic.php?t=12&start=20") == \
        tmp_path / "phpbb" / "viewtopic.php%3Fstart=20&t=12"
    assert url_to_path(tmp_path, "/phpbb/viewtopic.php?start=20&t=12#p5") == \
        url_to_path(tmp_path, "/phpbb/viewtopic.php?t=12&start=20")
    assert url_to_path(tmp_path, "/a%20b/c.txt") == tmp_path / "a b" / "c.txt"
    for bad in ("/../etc/passwd", "/x/%2e%2e/y", "/a%2Fb"):
        with pytest.raises(ValueError):
            url_to_path(tmp_path, bad)


def test_generation_is_deterministic(site, tmp_path: Path) -> None:
    root, _ = site
    again = tmp_path / "again"
    generate_sample_site(again, seed=7, end_date=END)
    first = {p.relative_to(root): p for p in root.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    for rel, path in first.items():
        assert path.read_bytes() == second[rel].read_bytes(), rel
        assert path.stat().st_mtime == second[rel].stat().st_mtime, rel


def test_other_seed_gives_another_site(site, tmp_path: Path) -> None:
    root, summary = site
    other = generate_sample_site(tmp_path / "other", seed=8, end_date=END)
    assert (tmp_path / "other" / "_truth" / "units.jsonl").read_bytes() != \
        (root / "_truth" / "units.jsonl").read_bytes()
    assert other.rising_from == summary.rising_from


def test_refuses_a_foreign_folder_and_a_short_window(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(ThemewatchError, match="not empty"):
        generate_sample_site(tmp_path, end_date=END)
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    with pytest.raises(ThemewatchError, match="at least 4 weeks"):
        generate_sample_site(tmp_path / "new", end_date=END, weeks=3)


def test_regenerating_into_the_same_folder_replaces_the_site(tmp_path: Path) -> None:
    generate_sample_site(tmp_path, seed=3, end_date=END, weeks=4)
    (tmp_path / "forum" / "stale.html").write_text("old")
    generate_sample_site(tmp_path, seed=3, end_date=END, weeks=4)
    assert not (tmp_path / "forum" / "stale.html").exists()


def test_volume_platforms_and_languages(site, truth) -> None:
    _, summary = site
    assert 1800 <= summary.units_total <= 2500
    assert summary.units_total == len(truth)
    assert {k: set(v) for k, v in summary.units_by_platform_lang.items()} == {
        "ipb": {"nb"}, "phpbb": {"sv"}, "wordpress": {"nb", "en"}, "transcript": {"nb", "sv", "en"}}
    calls = Counter(r["thread_id"] for r in truth if r["platform"] == "transcript")
    assert all(6 <= n <= 20 for n in calls.values())
    assert all(r["text"] or r["deleted"] for r in truth)
    assert any(r["deleted"] for r in truth) and any(r["edited"] for r in truth)
    assert len({(r["platform"], r["post_id"]) for r in truth}) == len(truth)
    agents = {r["author_group"] for r in truth if r["platform"] == "ipb" and r["author_role"] == "agent"}
    assert agents == {"Kundeservice", "Moderator"}
    pii = [r for r in truth if r["has_pii"]]
    assert pii and all(PHONE_OR_EMAIL.search(r["text"]) for r in pii)


def test_the_rising_theme_is_in_the_truth(site, truth) -> None:
    _, summary = site
    assert summary.rising_theme == "extra_cost"
    assert summary.rising_from == summary.weeks[-3] and summary.rising_from.isoweekday() == 1
    week_of = {}
    for r in truth:
        day = datetime.fromisoformat(r["published_at"]).date()
        week_of[r["post_id"], r["platform"]] = day - timedelta(days=day.weekday())
    for lang in ("nb", "sv", "en", None):
        live = [r for r in truth if not r["deleted"] and lang in (None, r["lang"])]
        early = [r for r in live if week_of[r["post_id"], r["platform"]] < summary.rising_from]
        late = [r for r in live if week_of[r["post_id"], r["platform"]] >= summary.rising_from]
        share_early = sum("extra_cost" in r["themes"] for r in early) / len(early)
        share_late = sum("extra_cost" in r["themes"] for r in late) / len(late)
        assert 0.04 <= share_early <= 0.10, (lang, share_early)
        assert 0.22 <= share_late <= 0.38, (lang, share_late)
    weekly = summary.theme_share_by_week["extra_cost"]
    assert all(weekly[m] < 0.11 for m in summary.weeks[:-3])
    assert all(weekly[m] > 0.18 for m in summary.weeks[-3:])
    for theme, by_week in summary.theme_share_by_week.items():
        if theme != "extra_cost" and summary.units_by_theme[theme] >= 150:
            early = sum(by_week[m] for m in summary.weeks[:-3]) / (len(summary.weeks) - 3)
            late = sum(by_week[m] for m in summary.weeks[-3:]) / 3
            assert 0.5 < late / early < 1.8, theme


def test_dates_threads_quotes_and_edits_are_consistent(site, truth) -> None:
    first_day = datetime.combine(site[1].weeks[0], datetime.min.time(), UTC)
    last = datetime.combine(END, datetime.max.time(), UTC)
    by_thread: dict[tuple, list[dict]] = defaultdict(list)
    for r in truth:
        by_thread[r["platform"], r["thread_id"]].append(r)
    for rows in by_thread.values():
        rows.sort(key=lambda r: r["position"])
        times = [r["published_at"] for r in rows]
        assert times == sorted(times)
        index = {r["post_id"]: r for r in rows}
        for r in rows:
            at = datetime.fromisoformat(r["published_at"])
            assert first_day <= at <= last
            for quoted in r["quoted_ids"]:
                target = index[quoted]
                assert target["position"] < r["position"] and not target["deleted"]
                assert target["published_at"] <= r["published_at"]
            if r["edited"]:
                assert r["published_at"] < r["edited_at"] and r["editor"]
            if r["parent_id"]:
                assert index[r["parent_id"]]["published_at"] <= r["published_at"]
    assert any(len(r["quoted_ids"]) > 1 for r in truth)


def test_every_page_parses(pages) -> None:
    assert len(pages) > 150
    for url, soup in pages.items():
        assert soup.title and soup.title.get_text(strip=True), url
        assert soup.find("body") and len(soup.find_all(True)) > 10, url


NAV = ('ul.ipsPagination a, div.pagination a, nav.pagination a, nav.comment-navigation a, '
       'link[rel="next"], link[rel="prev"], link[rel="last"]')


def _nav_links(url: str, soup: BeautifulSoup) -> set[str]:
    return {urljoin(HOST + url, a["href"]).removeprefix(HOST).split("#")[0]
            for a in soup.select(NAV) if a.get("href")}


def test_pagination_links_resolve(site, pages) -> None:
    root, _ = site
    links = {link for url, soup in pages.items() for link in _nav_links(url, soup)}
    assert any("/page/2/" in u for u in links) and any("start=15" in u for u in links)
    assert any("comment-page-2/" in u for u in links)
    missing = sorted(u for u in links if not url_to_path(root, u).is_file())
    assert not missing


def test_every_unit_is_reachable_from_the_start_urls(site, pages, truth) -> None:
    root, summary = site
    robots = RobotFileParser()
    robots.parse((root / "robots.txt").read_text().splitlines())
    seen: set[str] = set()
    todo = [_canon(root, u) for urls in summary.start_urls.values() for u in urls if _canon(root, u) in pages]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        for a in pages[url].find_all("a", href=True):
            link = urljoin(HOST + url, a["href"])
            if not link.startswith(HOST + "/") or not robots.can_fetch("*", link):
                continue
            path = link.removeprefix(HOST).split("#")[0]
            if not url_to_path(root, path).is_file():
                continue
            path = _canon(root, path)
            if path in pages:
                todo.append(path)
            else:
                seen.add(path)
    wanted = {_canon(root, r["page_url"]) for r in truth}
    assert wanted <= seen, sorted(wanted - seen)[:5]


def _own_text(element, drop: str):
    """A copy of the element without quotes, edit markers and the like."""
    element = copy.copy(element)
    for junk in element.select(drop):
        junk.decompose()
    return element


def test_markup_carries_the_truth(site, pages, truth) -> None:
    """The own text, author and date in the markup agree with _truth (a mini-adapter)."""
    root = site[0]
    for r in truth:
        page = pages.get(_canon(root, r["page_url"]))
        if r["platform"] == "ipb":
            post = page.select_one(f"article#elComment_{r['post_id']}")
            assert post.select_one("aside.cAuthorPane h3 a").get_text(strip=True) == r["author"]
            content = post.select_one("div[data-role=commentContent]")
            if r["deleted"]:
                assert content is None
                continue
            assert post.select_one("div.ipsComment_meta time")["datetime"] == r["published_at"]
            own = _own_text(content, "blockquote.ipsQuote, span[data-excludequote]")
            text = "\n\n".join(p.get_text(" ", strip=True) for p in own.find_all("p", recursive=False))
            quoted = [q["data-ipsquote-contentcommentid"] for q in
                      post.select("div[data-role=commentContent] > blockquote.ipsQuote[data-ipsquote-contentcommentid]")]
            assert set(quoted) <= set(r["quoted_ids"])
        elif r["platform"] == "phpbb":
            post = page.select_one(f"div#p{r['post_id']}")
            assert post.select_one("p.author a.username").get_text(strip=True) == r["author"]
            stamp = post.select_one("p.author time")["datetime"]
            assert stamp.replace("+00:00", "Z") == r["published_at"]
            text = _own_text(post.select_one("div.content"), "blockquote").get_text(" ")
        elif r["platform"] == "wordpress" and r["kind"] == "comment":
            body = page.select_one(f"#div-comment-{r['post_id']}")
            assert body.select_one(".comment-author .fn").get_text(strip=True) == r["author"]
            text = "\n\n".join(p.get_text() for p in body.select("div.comment-content > p"))
        elif r["platform"] == "wordpress":
            text = "\n\n".join(p.get_text() for p in page.select("div.entry-content > p"))
        else:
            continue
        assert " ".join(text.split()) == " ".join(r["text"].split()), (r["url"], text, r["text"])


def test_transcripts_carry_the_truth(site, truth) -> None:
    root, _ = site
    turns: dict[str, list[dict]] = defaultdict(list)
    for r in truth:
        if r["platform"] == "transcript":
            turns[r["page_url"]].append(r)
    formats = Counter(url.rsplit(".", 1)[1] for url in turns)
    assert set(formats) == {"txt", "vtt", "json"}
    for url, rows in turns.items():
        body = url_to_path(root, url).read_text("utf-8")
        if url.endswith(".json"):
            data = json.loads(body)
            assert [t["text"] for t in data] == [r["text"] for r in rows]
            assert [t["start"] for t in data] == [r["published_at"] for r in rows]
        elif url.endswith(".txt"):
            lines = [line for line in body.splitlines()[1:] if line]
            assert lines == [f"{r['author']}: {r['text']}" for r in rows]
        else:
            assert body.startswith("WEBVTT") and all(r["text"].split()[0] in body for r in rows)


def test_windows_1252_page(site) -> None:
    root, summary = site
    path = url_to_path(root, summary.legacy_charset_url)
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("windows-1252")
    assert all(ch in text for ch in "åäö")
    assert '<meta charset="windows-1252"' in text
    side = json.loads(path.with_name(path.name + SIDECAR_SUFFIX).read_text())
    assert side["Content-Type"] == "text/html; charset=windows-1252"


def test_wp_rest_api_matches_the_html(site, truth) -> None:
    root, _ = site
    api = "/blogg/wp-json/wp/v2/"
    posts_path = url_to_path(root, f"{api}posts")
    head = json.loads(posts_path.with_name(posts_path.name + SIDECAR_SUFFIX).read_text())
    blog = [r for r in truth if r["platform"] == "wordpress"]
    n_posts = sum(r["kind"] == "post" for r in blog)
    assert int(head["X-WP-Total"]) == n_posts and int(head["X-WP-TotalPages"]) == -(-n_posts // 10)
    everything = json.loads(url_to_path(root, f"{api}posts?per_page=100").read_text())
    assert len(everything) == n_posts and {"id", "date_gmt", "content", "link"} <= set(everything[0])
    by_id = {r["post_id"]: r for r in blog if r["kind"] == "comment"}
    for post in everything:
        comments = json.loads(url_to_path(root, f"{api}comments?post={post['id']}&per_page=100").read_text())
        for c in comments:
            r = by_id[str(c["id"])]
            assert str(c["post"]) == r["thread_id"] and c["author_name"] == r["author"]
            assert str(c["parent"] or "") == (r["parent_id"] or "")
            assert c["date_gmt"] + "Z" == r["published_at"]
        assert len(comments) == sum(r["thread_id"] == str(post["id"]) for r in by_id.values())
    page2 = url_to_path(root, f"{api}comments?page=2&post={everything[0]['id']}")
    assert page2 == url_to_path(root, f"{api}comments?post={everything[0]['id']}&page=2")


def test_server_conditional_get_sidecars_and_robots(site) -> None:
    root, summary = site
    with serve_sample_site(root) as base, httpx.Client(base_url=base, follow_redirects=False) as client:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
        first = client.get("/forum/")
        assert first.status_code == 200
        assert first.headers["content-type"] == "text/html; charset=UTF-8"
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        assert client.get("/forum/", headers={"If-None-Match": etag}).status_code == 304
        assert client.get("/forum/", headers={"If-Modified-Since": modified}).status_code == 304
        old = formatdate(0, usegmt=True)
        assert client.get("/forum/", headers={"If-Modified-Since": old}).status_code == 200
        assert client.get("/forum/", headers={"If-None-Match": '"nope"'}).status_code == 200
        assert client.head("/forum/").headers["etag"] == etag
        assert client.get("/no/such/page.html").status_code == 404
        assert client.get("/_truth/units.jsonl").status_code == 404
        assert client.get("/blogg/wp-json/wp/v2/posts.headers.json").status_code == 404
        assert client.get("/forum").status_code == 301
        api = client.get("/blogg/wp-json/wp/v2/posts", params={"page": 1})
        assert api.headers["content-type"].startswith("application/json")
        assert int(api.headers["x-wp-total"]) == len(client.get("/blogg/wp-json/wp/v2/posts?per_page=100").json())
        assert "x-wp-totalpages" in api.headers
        legacy = client.get(summary.legacy_charset_url)
        assert legacy.headers["content-type"] == "text/html; charset=windows-1252"
        assert "å" in legacy.text
        vtt = next(u for u in (client.get("/samtaler/").text.split('"')) if u.endswith(".vtt"))
        assert client.get(vtt).headers["content-type"].startswith("text/vtt")
        robots = client.get("/robots.txt")
        assert robots.status_code == 200 and robots.headers["content-type"].startswith("text/plain")
        parser = RobotFileParser()
        parser.parse(robots.text.splitlines())
        for blocked in ("/forum/login/", "/forum/search/"):
            assert not parser.can_fetch("*", base + blocked)
            assert f'href="{blocked}"' in first.text
        assert parser.can_fetch("*", base + "/forum/")
