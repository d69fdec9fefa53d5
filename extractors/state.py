"""Per-source crawl state under ``<state_dir>/<source>/``.

- ``state.json``: the seen posts (doc_id -> [content_hash, run_date it was stored under]) and
  high-water marks per thread (pages read, posts seen, newest post, last page URL).
- ``http-cache/``: ETag / Last-Modified and the body of each page (see ``extractors.http``).

The state is written only after the run's partition is in the lake (``commit``), so a run
killed half-way leaves the old state: the next run re-reads those posts and stores them
then, rather than losing them. The HTTP cache may run ahead of the state safely: a 304
hands back the cached body, whose posts are then judged against the (older) seen-state.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = "state.json"
CACHE_DIR = "http-cache"
STATE_VERSION = 1


@dataclass
class SourceState:
    directory: Path
    seen: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> [content_hash, run_date]
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> SourceState:
        path = directory / STATE_FILE
        if not path.exists():
            return cls(directory)
        data = json.loads(path.read_text())
        return cls(directory, seen=data.get("seen", {}), threads=data.get("threads", {}))

    @property
    def cache_dir(self) -> Path:
        return self.directory / CACHE_DIR

    def judge(self, doc_id: str, content_hash: str, run_date: str) -> str:
        """'new', 'changed', 'same-run' (stored under this run date before) or 'duplicate'."""
        known = self.seen.get(doc_id)
        if known is None:
            return "new"
        if known[0] != content_hash:
            return "changed"
        return "same-run" if known[1] == run_date else "duplicate"

    def commit(self, stored: dict[str, str], run_date: str,
               threads: dict[str, dict[str, Any]]) -> None:
        """Record what this run stored and its high-water marks; atomic replace."""
        for doc_id, content_hash in stored.items():
            self.seen[doc_id] = [content_hash, run_date]
        for key, marks in threads.items():
            self.threads[key] = {**self.threads.get(key, {}), **marks}
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / STATE_FILE
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({"version": STATE_VERSION, "seen": self.seen,
                                   "threads": self.threads}, sort_keys=True))
        os.replace(tmp, path)
