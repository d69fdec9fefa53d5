"""The one mapping from a URL (path plus optional query) to a file under the site root.

Rule (used by both the generator, which writes files, and the server, which reads them):

1. A fragment (``#...``) is dropped; the path is percent-decoded segment by segment.
   Segments that are empty or ``.`` are skipped; ``..``, or a segment that decodes to
   something holding ``/``, ``\\``, ``?`` or NUL, is refused (``ValueError``).
2. A path ending in ``/`` (or the bare root) names ``<path>/index.html``.
3. A query is parsed (blank values kept), its pairs sorted by key then value, and
   re-encoded with every reserved character percent-encoded; the file name then becomes
   ``<name>%3F<canonical query>``. So ``viewtopic.php?t=12&start=20`` and
   ``viewtopic.php?start=20&t=12`` both name the file ``viewtopic.php%3Fstart=20&t=12``,
   and ``/dir/?x=1`` names ``dir/index.html%3Fx=1``.

The file ``<file>.headers.json`` next to a file (a "sidecar") holds extra response headers.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote

QUERY_MARK = "%3F"
SIDECAR_SUFFIX = ".headers.json"

_TYPES = {
    ".html": "text/html; charset=UTF-8",
    ".htm": "text/html; charset=UTF-8",
    ".php": "text/html; charset=UTF-8",
    ".json": "application/json; charset=UTF-8",
    ".txt": "text/plain; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml; charset=utf-8",
}


def canonical_query(query: str) -> str:
    """Sorted, fully percent-encoded form of a query string ("" for none)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def url_to_path(root: Path, url_path_with_query: str) -> Path:
    """Map ``/a/b.php?x=1`` (a URL path with optional query) to the file under ``root``."""
    url = url_path_with_query.split("#", 1)[0]
    path, _, query = url.partition("?")
    if not path.startswith("/"):
        path = "/" + path
    parts: list[str] = []
    for raw in path.split("/"):
        segment = unquote(raw)
        if segment in ("", "."):
            continue
        if segment == ".." or any(c in segment for c in "/\\?\x00"):
            raise ValueError(f"unsafe URL path: {url_path_with_query!r}")
        parts.append(segment)
    if path.endswith("/") or not parts:
        parts.append("index.html")
    canonical = canonical_query(query)
    if canonical:
        parts[-1] = parts[-1] + QUERY_MARK + canonical
    return Path(root, *parts)


def content_type_for(path: Path) -> str:
    """Default Content-Type from the file name (the part before any encoded query)."""
    base = path.name.split(QUERY_MARK, 1)[0]
    suffix = Path(base).suffix.lower()
    return _TYPES.get(suffix, "application/octet-stream")


def sidecar_path(path: Path) -> Path:
    """Where the extra headers of ``path`` live."""
    return path.with_name(path.name + SIDECAR_SUFFIX)
