"""Writing the site: the Jinja environment, the file writer and small markup helpers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from themewatch.sample_site.urlmap import sidecar_path, url_to_path

TEMPLATE_DIR = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One Jinja environment per process (templates compile once)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


class SiteWriter:
    """Writes files by URL (through :func:`url_to_path`) with deterministic mtimes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self._dirs: set[Path] = set()

    def write(self, url: str, content: str | bytes, *, mtime: datetime, encoding: str = "utf-8",
              headers: Mapping[str, str] | None = None) -> Path:
        """Write ``content`` for ``url``; ``headers`` go to the sidecar; mtime is ``mtime``."""
        path = url_to_path(self.root, url)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        data = content if isinstance(content, bytes) else content.encode(encoding, "xmlcharrefreplace")
        path.write_bytes(data)
        stamp = mtime.timestamp()
        os.utime(path, (stamp, stamp))
        self.files += 1
        if headers:
            side = sidecar_path(path)
            side.write_text(json.dumps(dict(headers), indent=2, sort_keys=True) + "\n", encoding="utf-8")
            os.utime(side, (stamp, stamp))
            self.files += 1
        return path


def latest(instants: Iterable[datetime | None], default: datetime) -> datetime:
    """The newest of ``instants`` (ignoring None), or ``default``."""
    found = [i for i in instants if i is not None]
    return max(found) if found else default


WP_ENTITIES = {"\u2019": "&#8217;", "\u2018": "&#8216;", "\u201c": "&#8220;", "\u201d": "&#8221;",
               "\u2013": "&#8211;", "\u2026": "&#8230;"}


def texturize(text: str) -> str:
    """A small wptexturize: curly quotes and apostrophes, en dashes, ellipses."""
    out: list[str] = []
    double_open = True
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if double_open else "\u201d")
            double_open = not double_open
        elif ch == "'":
            out.append("\u2019" if prev.isalnum() else "\u2018")
        else:
            out.append(ch)
    return "".join(out).replace(" - ", " \u2013 ").replace("...", "\u2026")


def wp_html(text: str) -> Markup:
    """Escape, then write curly punctuation as numeric entities, as WordPress does."""
    html = str(escape(text))
    for ch, entity in WP_ENTITIES.items():
        html = html.replace(ch, entity)
    return Markup(html)


def wp_json(value: Any) -> str:
    """JSON the way WordPress's REST API prints it: ASCII with \\uXXXX, slashes escaped."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
