"""The one polite HTTP fetcher every adapter uses.

What it promises, in the order a request meets it:

1. robots.txt of the host is read once (protego) and obeyed, Crawl-delay included;
   an unreachable robots.txt (5xx, transport error) means "disallow all" (RFC 9309).
2. A per-host clock spaces requests at ``1 / rate_limit`` seconds (or the
   Crawl-delay, whichever is longer), shared by every fetcher in the process.
3. A conditional GET: the on-disk cache's ETag / Last-Modified are sent and a
   304 answers with the cached body (``Response.not_modified``).
4. Redirects are followed by hand, only within the allowed hosts, loops refused.
5. 429 and 5xx (and timeouts, resets, truncated bodies) are retried with
   exponential backoff, honouring Retry-After up to a limit.
6. The body is streamed and refused past ``max_bytes`` without reading the rest.
7. Text is decoded by header charset, BOM, <meta>, then charset-normalizer;
   ISO-8859-1/ASCII labels decode as windows-1252, as browsers do.

Every failure is a :class:`FetchError` with one line naming the URL and the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import ClassVar, Self
from urllib.parse import urljoin, urlsplit

import httpx
from charset_normalizer import from_bytes
from protego import Protego

from themewatch import defaults
from themewatch.errors import FetchError

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""", re.IGNORECASE)
#: Labels browsers decode as windows-1252 (WHATWG Encoding Standard).
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii",
                    "windows-1252", "cp1252", "x-cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(f"THEMEWATCH_{name}")
    return float(value) if value else default


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and patiently to fetch. Defaults come from ``themewatch.defaults``.

    Every timing can be overridden by the environment (``THEMEWATCH_HTTP_TIMEOUT_SECONDS``,
    ``THEMEWATCH_HTTP_BACKOFF_BASE_SECONDS``, ``THEMEWATCH_HTTP_MAX_RETRY_AFTER_SECONDS``,
    ``THEMEWATCH_RATE_LIMIT_PER_HOST``), which is how tests keep waits short.
    """

    user_agent: str
    rate_limit: float = defaults.RATE_LIMIT_PER_HOST
    timeout: float = defaults.HTTP_TIMEOUT_SECONDS
    max_retries: int = defaults.HTTP_MAX_RETRIES
    backoff_base: float = defaults.HTTP_BACKOFF_BASE_SECONDS
    max_retry_after: float = defaults.HTTP_MAX_RETRY_AFTER_SECONDS
    max_bytes: int = defaults.HTTP_MAX_RESPONSE_BYTES
    max_redirects: int = defaults.HTTP_MAX_REDIRECTS
    robots_agent: str = defaults.ROBOTS_USER_AGENT
    max_crawl_delay: float = defaults.ROBOTS_MAX_CRAWL_DELAY_SECONDS
    obey_robots: bool = True

    @classmethod
    def from_environment(cls, user_agent: str, rate_limit: float | None = None) -> FetchPolicy:
        return cls(
            user_agent=user_agent,
            rate_limit=rate_limit if rate_limit is not None
            else _env_float("RATE_LIMIT_PER_HOST", defaults.RATE_LIMIT_PER_HOST),
            timeout=_env_float("HTTP_TIMEOUT_SECONDS", defaults.HTTP_TIMEOUT_SECONDS),
            backoff_base=_env_float("HTTP_BACKOFF_BASE_SECONDS", defaults.HTTP_BACKOFF_BASE_SECONDS),
            max_retry_after=_env_float("HTTP_MAX_RETRY_AFTER_SECONDS",
                                       defaults.HTTP_MAX_RETRY_AFTER_SECONDS),
            max_retries=int(_env_float("HTTP_MAX_RETRIES", defaults.HTTP_MAX_RETRIES)),
        )


@dataclass(frozen=True)
class Response:
    url: str  # final URL after same-host redirects
    status: int  # 200, or the cached 200 behind a 304
    headers: dict[str, str]
    content: bytes
    encoding: str
    fetched_at: datetime  # when this body was fetched from the server (reference "now" for dates)
    not_modified: bool = False  # a 304 answered; content is the cached copy

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding, errors="replace")

    def json(self):
        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise FetchError(f"{self.url}: response is not valid JSON ({exc})") from None


@dataclass
class FetchStats:
    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    retries: int = 0
    by_status: dict[int, int] = field(default_factory=dict)


# --- charset ------------------------------------------------------------------

def _usable(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _AS_WINDOWS_1252:
        return "windows-1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def detect_encoding(content: bytes, content_type: str | None = None) -> str:
    """Header charset, BOM, <meta>/XML prolog, then charset-normalizer; utf-8 as the last word."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    declared = []
    if content_type:
        match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
        declared.append(_usable(match.group(1)) if match else None)
    head = content[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        declared.append(_usable(match.group(1).decode("ascii", "ignore")) if match else None)
    for name in declared:
        if name is None:
            continue
        try:
            content.decode(name)
            return name
        except UnicodeDecodeError:
            log.debug("declared charset %s does not decode the body; sniffing", name)
            continue
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        name = _usable(best.encoding) or best.encoding
        return "windows-1252" if name in ("iso8859-1", "latin_1") else name
    return "windows-1252"


# --- per-host clock -----------------------------------------------------------

class _HostClock:
    """Spaces requests to one host; shared by every Fetcher in the process."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _next_free: ClassVar[dict[str, float]] = {}

    @classmethod
    def wait_turn(cls, host: str, interval: float, sleep: Callable[[float], None]) -> None:
        with cls._lock:
            now = time.monotonic()
            start = max(now, cls._next_free.get(host, 0.0))
            cls._next_free[host] = start + interval
        if start > now:
            sleep(start - now)


def _host_key(host: str) -> str:
    host = host.lower()
    return host.removeprefix("www.")


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# --- on-disk cache ------------------------------------------------------------

class ResponseCache:
    """URL -> validators + body, one JSON and one body file per URL (atomic writes)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def get(self, url: str) -> tuple[dict, bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text())
            return meta, body_path.read_bytes()
        except (OSError, ValueError):
            return None

    def put(self, url: str, meta: dict, body: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        meta_path, body_path = self._paths(url)
        for path, data in ((body_path, body), (meta_path, json.dumps(meta).encode())):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)


# --- the fetcher --------------------------------------------------------------

class Fetcher:
    """Polite GETs for one source: ``allowed_hosts`` bounds where redirects may lead."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        allowed_hosts: set[str] | None = None,
        cache_dir: Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self.allowed_hosts = {_host_key(h) for h in allowed_hosts} if allowed_hosts else None
        self.cache = ResponseCache(cache_dir) if cache_dir else None
        self.sleep = sleep
        self.stats = FetchStats()
        self._robots: dict[str, Protego | None] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # robots.txt ----------------------------------------------------------------
    def _robots_for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._robots:
            return self._robots[origin]
        robots_url = f"{origin}/robots.txt"
        try:
            resp = self._request(robots_url, {}, interval=self._interval(None))
            status, body = resp.status_code, self._read_capped(resp, robots_url)
            resp.close()
        except (httpx.HTTPError, FetchError) as exc:
            raise FetchError(f"{robots_url}: robots.txt unreachable ({_describe(exc)}); "
                             "not crawling this host") from None
        if status >= 500:
            raise FetchError(f"{robots_url}: robots.txt answered HTTP {status}; "
                             "not crawling this host")
        parser = None
        if 200 <= status < 300:
            parser = Protego.parse(body.decode(detect_encoding(body), errors="replace"))
        self._robots[origin] = parser
        return parser

    def _interval(self, robots: Protego | None) -> float:
        interval = 1.0 / self.policy.rate_limit if self.policy.rate_limit > 0 else 0.0
        if robots is not None:
            delay = robots.crawl_delay(self.policy.robots_agent)
            if delay:
                interval = max(interval, min(float(delay), self.policy.max_crawl_delay))
        return interval

    # one request ----------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str], *, interval: float) -> httpx.Response:
        _HostClock.wait_turn(_host_key(urlsplit(url).hostname or ""), interval, self.sleep)
        self.stats.requests += 1
        request = self._client.build_request("GET", url, headers=headers)
        response = self._client.send(request, stream=True)
        self.stats.by_status[response.status_code] = self.stats.by_status.get(response.status_code, 0) + 1
        return response

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: response of {int(declared):,} bytes exceeds the "
                             f"{limit:,}-byte cap; refused")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: response exceeds the {limit:,}-byte cap; "
                                 "refused after reading the first part")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_host(self, url: str, origin_url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"{origin_url}: redirect to unsupported URL {url}")
        if self.allowed_hosts is not None and _host_key(parts.hostname or "") not in self.allowed_hosts:
            raise FetchError(f"{origin_url}: redirect leaves the source's host (to {url}); refused")

    def get(self, url: str, *, conditional: bool = True, accept: str | None = None) -> Response:
        """GET ``url`` politely. Raises FetchError (one line) when it cannot."""
        if self.allowed_hosts is not None:
            host = _host_key(urlsplit(url).hostname or "")
            if host not in self.allowed_hosts:
                raise FetchError(f"{url}: host is not one of this source's hosts; refused")
        robots = self._robots_for(url) if self.policy.obey_robots else None
        if robots is not None and not robots.can_fetch(url, self.policy.robots_agent):
            raise FetchError(f"{url}: disallowed by robots.txt")
        interval = self._interval(robots)
        cached = self.cache.get(url) if (self.cache and conditional) else None
        headers = {"Accept": accept} if accept else {}
        if cached:
            meta = cached[0]
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
            if len(headers) > (1 if accept else 0):
                self.stats.conditional += 1
        visited = [url]
        current = url
        attempt = 0
        while True:
            try:
                response = self._request(current, headers, interval=interval)
            except httpx.HTTPError as exc:
                attempt = self._backoff_or_fail(url, attempt, _describe(exc), None)
                continue
            try:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{url}: HTTP {status} redirect without a Location")
                    target = urljoin(current, location)
                    if target in visited:
                        raise FetchError(f"{url}: redirect loop ({' -> '.join(visited + [target])})")
                    if len(visited) > self.policy.max_redirects:
                        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")
                    self._check_host(target, url)
                    if self.policy.obey_robots:
                        target_robots = self._robots_for(target)
                        if target_robots is not None and not target_robots.can_fetch(
                                target, self.policy.robots_agent):
                            raise FetchError(f"{url}: redirects to {target}, disallowed by robots.txt")
                    visited.append(target)
                    current = target
                    continue
                if status == 304 and cached:
                    self.stats.not_modified += 1
                    meta, body = cached
                    return Response(
                        url=meta.get("url", current), status=200, headers=meta.get("headers", {}),
                        content=body, encoding=meta["encoding"],
                        fetched_at=datetime.fromisoformat(meta["fetched_at"]), not_modified=True)
                if status in RETRY_STATUSES:
                    wait = _retry_after_seconds(response.headers.get("retry-after"))
                    attempt = self._backoff_or_fail(url, attempt, f"HTTP {status}", wait)
                    continue
                if status >= 400 or status < 200 or status == 304:
                    raise FetchError(f"{url}: HTTP {status}")
                try:
                    body = self._read_capped(response, url)
                except httpx.HTTPError as exc:
                    attempt = self._backoff_or_fail(url, attempt, _describe(exc), None)
                    continue
            finally:
                response.close()
            return self._finish(url, current, response, body)

    def _finish(self, url: str, final_url: str, response: httpx.Response, body: bytes) -> Response:
        content_type = response.headers.get("content-type")
        fetched_at = datetime.now(UTC).replace(microsecond=0)
        result = Response(
            url=final_url, status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()
                     if k.lower() in ("content-type", "etag", "last-modified", "x-wp-totalpages",
                                      "x-wp-total", "link", "date")},
            content=body, encoding=detect_encoding(body, content_type), fetched_at=fetched_at)
        etag, last_modified = response.headers.get("etag"), response.headers.get("last-modified")
        if self.cache and (etag or last_modified):
            self.cache.put(url, {"url": final_url, "etag": etag, "last_modified": last_modified,
                                 "encoding": result.encoding, "headers": result.headers,
                                 "fetched_at": fetched_at.isoformat()}, body)
        return result

    def _backoff_or_fail(self, url: str, attempt: int, problem: str, retry_after: float | None) -> int:
        if attempt >= self.policy.max_retries:
            raise FetchError(f"{url}: {problem} (gave up after {attempt + 1} attempts)")
        if retry_after is not None and retry_after > self.policy.max_retry_after:
            raise FetchError(f"{url}: {problem} with Retry-After {retry_after:.0f}s, longer than "
                             f"the {self.policy.max_retry_after:.0f}s we wait")
        wait = self.policy.backoff_base * (2 ** attempt)
        if retry_after is not None:
            wait = max(wait, retry_after)
        log.info("%s: %s; retrying in %.2fs", url, problem, wait)
        self.stats.retries += 1
        self.sleep(wait)
        return attempt + 1


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"connection broke off ({exc})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc})"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
