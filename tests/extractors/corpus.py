"""Reads ../shared/corpus/SOURCES.md into expectations, and runs an adapter over a corpus file.

SOURCES.md is the reference: per file, the number of posts, a table of rows
(post id, author, dates, first six words, parent, notes) and a quote map. The
tests compare our extraction with it, row by row; ``score`` is the per-field
tally the generic adapter's measurement prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.adapters import adapter_for
from extractors.base import Post
from extractors.run import parse_context, to_document
from extractors.sources import SourceConfig
from themewatch.records import RawDocument
from themewatch.settings import get_settings


@dataclass
class Row:
    entry: int
    post_id: str
    author: str
    shown: str
    machine: str | None
    first_words: str
    parent: str | None
    notes: str


@dataclass
class Expectation:
    relpath: str
    url: str
    count: int
    rows: list[Row]
    quotes: dict[int, list[str]] = field(default_factory=dict)  # entry -> ["entry:M" | "id:N"]
    section: str = ""


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_sources(path: Path) -> dict[str, Expectation]:
    text = path.read_text(encoding="utf-8")
    found: dict[str, Expectation] = {}
    for section in re.split(r"\n### ", text)[1:]:
        relpath = section.split("\n", 1)[0].strip().strip("`")
        url = re.search(r"Original URL: (\S+)", section)
        count = re.search(r"\*\*Expected: (\d+)", section)
        header = next((line for line in section.split("\n") if line.startswith("| # |")), "")
        columns = _cells(header)
        rows = []
        for line in section.split("\n"):
            if not re.match(r"^\| \d+ \|", line):
                continue
            cells = dict(zip(columns, _cells(line)))
            rows.append(Row(
                entry=int(cells["#"]), post_id=cells.get("post id", cells.get("id", "")),
                author=cells.get("author (display name)", cells.get("author_name", "")),
                shown=cells.get("date as shown", ""),
                machine=None if cells.get("machine date", "—") in ("—", "") else cells["machine date"],
                first_words=cells.get("first 6 words of own text", ""),
                parent=None if cells.get("parent", "—") in ("—", "") else cells.get("parent"),
                notes=cells.get("quotes / notes", "")))
        quotes: dict[int, list[str]] = {}
        for line in section.split("\n"):
            match = re.match(r"^- entry (\d+) \(.*?\) → (.*)$", line)
            if not match:
                continue
            targets = []
            for part in match.group(2).split("; "):
                if "not a reply quote" in part or "untitled quote" in part:
                    continue
                entry = re.search(r"= entry (\d+)", part)
                if entry:
                    targets.append(f"entry:{entry.group(1)}")
                elif "target not on this page" in part:
                    targets.append("id:" + re.search(r"#(\d+)", part).group(1))
            quotes[int(match.group(1))] = targets
        address = url.group(1).rstrip(".") if url else ""
        if not address.startswith("http"):  # "viewtopic.php?t=805 on the ... forum (host not recorded)"
            address = "http://host-not-recorded.invalid/" + address
        found[relpath] = Expectation(relpath=relpath, url=address,
                                     count=int(count.group(1)) if count else len(rows), rows=rows,
                                     quotes=quotes, section=section)
    return found


def display_name(author: str) -> str:
    return re.sub(r"\s*\((?:username [^)]*|name empty)\)$", "", author).strip()


def number(native: str) -> str:
    """The number a corpus post id and ours share: '#14 (id 226)' -> 14, 'elComment_35' -> 35."""
    if native.startswith("#") and "(id" in native:
        return re.match(r"#(\d+)", native).group(1)
    return re.findall(r"\d+", native)[-1]


@dataclass
class Extraction:
    posts: list[Post]  # every post the adapter found, in page order
    documents: dict[str, RawDocument]  # post_id -> document (the accepted ones)
    rejected: dict[str, str]  # post_id -> reason
    page_urls: list[str]


def extract(corpus: Path, relpath: str, platform: str, url: str, languages: list[str],
            zone: str, now: datetime) -> Extraction:
    source = SourceConfig(name="corpus", platform=platform, start_urls=[url or "http://localhost/"],
                          date_languages=languages, timezone=zone)
    ctx = parse_context(source, url, now)
    page = adapter_for(platform).parse_file((corpus / relpath).read_bytes(), url, ctx)
    rejected: dict[str, str] = {}
    documents = {}
    salt = get_settings().author_salt()
    for post in page.posts:
        document = to_document(source, post, page, salt,
                               lambda u, pid, reason, stage="extract": rejected.__setitem__(pid, reason),
                               now)
        if document is not None:
            documents[post.post_id] = document
    return Extraction(posts=page.posts, documents=documents, rejected=rejected,
                      page_urls=page.page_urls)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
