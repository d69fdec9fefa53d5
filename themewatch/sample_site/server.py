"""A tiny, quiet loopback HTTP server for a generated sample site.

It serves files only (no directory listings), maps URLs through :func:`url_to_path`,
answers conditional requests (strong ETag over the file bytes, Last-Modified from the
file's modification time, which the generator sets deterministically) and adds the
headers of an optional ``<file>.headers.json`` sidecar. Sidecars and paths with a
segment starting with ``_`` (such as ``/_truth/``) are never served.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from themewatch.sample_site.urlmap import (
    SIDECAR_SUFFIX,
    content_type_for,
    sidecar_path,
    url_to_path,
)


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match."""
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))


class SampleSiteHandler(BaseHTTPRequestHandler):
    """GET/HEAD of files under ``server.root``."""

    server_version = "themewatch-sample/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no request log on stderr."""

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _resolve(self) -> Path | None:
        root: Path = self.server.root  # type: ignore[attr-defined]
        raw = self.path
        if raw.startswith(("http://", "https://")):
            return None
        try:
            path = url_to_path(root, raw)
        except ValueError:
            return None
        rel = path.relative_to(root)
        if any(part.startswith("_") for part in rel.parts) or path.name.endswith(SIDECAR_SUFFIX):
            return None
        return path

    def _serve(self, *, body: bool) -> None:
        path = self._resolve()
        if path is not None and path.is_dir():
            self._redirect_to_dir()
            return
        if path is None or not path.is_file():
            self._send_simple(HTTPStatus.NOT_FOUND, b"404 Not Found\n", body=body)
            return
        data = path.read_bytes()
        mtime = int(path.stat().st_mtime)
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        headers = {
            "Content-Type": content_type_for(path),
            "ETag": etag,
            "Last-Modified": formatdate(mtime, usegmt=True),
            "Cache-Control": "no-cache",
        }
        side = sidecar_path(path)
        if side.is_file():
            headers.update({str(k): str(v) for k, v in json.loads(side.read_text("utf-8")).items()})
        if self._not_modified(etag, mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name in ("ETag", "Last-Modified", "Cache-Control"):
                self.send_header(name, headers[name])
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return _etag_matches(inm, etag)
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= int(parsedate_to_datetime(ims).timestamp())
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
        return False

    def _redirect_to_dir(self) -> None:
        path, _, query = self.path.partition("?")
        location = quote(path, safe="/%") + "/" + (f"?{query}" if query else "")
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_simple(self, status: HTTPStatus, text: bytes, *, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        if body:
            self.wfile.write(text)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client that hangs up mid-response is not worth a traceback."""


@contextmanager
def serve_sample_site(root: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``root`` in a background thread; yield the base URL; stop and join on exit."""
    server = _QuietServer((host, port), SampleSiteHandler)
    server.root = Path(root).resolve()  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
        name="sample-site-server",
    )
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    try:
        yield f"http://{bound_host}:{bound_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
