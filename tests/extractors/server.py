"""A small HTTP server on 127.0.0.1 for the extractor tests: fixture files plus failure injection.

Routes map a path (with query) to a ``Route``: a body (bytes or a file under sites/),
headers, a status, or a behaviour (``burst500`` n times then OK, ``retry_after``, ``slow``,
``truncate``, ``redirect``, ``huge``). ETag/If-None-Match is honoured for every body, so
conditional GETs can be counted. Every request is logged as (method, path, conditional).
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote

SITES = Path(__file__).parent / "sites"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    behaviour: str | None = None
    times: int = 0  # for burst/retry behaviours: how many failing answers first
    location: str | None = None
    etag: bool = True


def site_file(relpath: str, content_type: str = "text/html; charset=utf-8", **kw) -> Route:
    return Route(body=(SITES / relpath).read_bytes(), content_type=content_type, **kw)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """Clients that hang up early (the size-cap tests do) are expected, not errors."""


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, bool]] = []
        self._counts: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
                server.log.append(("GET", self.path, conditional))
                route = server.routes.get(self.path) or server.routes.get(unquote(self.path))
                if route is None and self.path == "/robots.txt":
                    route = Route(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
                if route is None:
                    return self._send(404, b"not found", "text/plain")
                count = server._counts[self.path] = server._counts.get(self.path, 0) + 1
                if route.behaviour == "burst500" and count <= route.times:
                    return self._send(500, b"boom", "text/plain")
                if route.behaviour == "retry_after" and count <= route.times:
                    return self._send(429, b"slow down", "text/plain",
                                      {"Retry-After": route.headers.get("Retry-After", "1")})
                if route.behaviour == "slow" and count <= route.times:
                    time.sleep(float(route.headers.get("X-Delay", "2")))
                if route.behaviour == "redirect":
                    return self._send(route.status, b"", "text/plain", {"Location": route.location})
                if route.behaviour == "truncate" and count <= route.times:
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body) + 1000))
                    self.end_headers()
                    self.wfile.write(route.body[: len(route.body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                if route.behaviour == "huge":
                    return self._huge(int(route.headers.get("X-Size", str(50 * 1024 * 1024))),
                                      route.headers.get("X-Declare", "yes") == "yes")
                etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if route.etag and self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", None, {"ETag": etag})
                extra = dict(route.headers)
                if route.etag:
                    extra["ETag"] = etag
                self._send(route.status, route.body, route.content_type, extra)

            def _huge(self, size: int, declare: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                if declare:
                    self.send_header("Content-Length", str(size))
                else:
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                sent = 0
                try:
                    while sent < size:
                        if declare:
                            self.wfile.write(chunk)
                        else:
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _send(self, status: int, body: bytes, content_type: str | None,
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests_to(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p == path)
