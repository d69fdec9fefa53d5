"""Taxonomy drift: what a change of the taxonomy does to theme counts on the same posts.

When the quality team edits the taxonomy, counts move for reasons that are not the
customers'. Two ways to measure it, both stored in ``taxonomy_changes``:

* ``origin='sample'``: before rolling out a version, re-tag a sample of recent posts
  (:func:`recent_sample`) under the old and the new taxonomy and call
  :func:`record_taxonomy_change` with both results.
* ``origin='load'``: when a load replaces tags of unchanged posts with tags from another
  taxonomy version, the load records the per-theme difference before the old tags go.

Each version's file text is kept in ``taxonomy_versions`` so that an old version can be
re-applied (:func:`taxonomy_text`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from scipy import stats

from themewatch.errors import ThemewatchError
from themewatch.settings import get_settings
from warehouse.connection import connect, warehouse_path, write_session
from warehouse.sql import query

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThemeChange:
    theme: str
    n_sample: int  # posts tagged under both versions
    n_old: int  # of those, tagged with the theme under the old version
    n_new: int  # ... under the new version
    delta: int  # n_new - n_old
    n_gained: int  # posts that gained the theme
    n_lost: int  # posts that lost it
    p_value: float  # exact McNemar test: are gains and losses balanced?


def theme_set_diff(
    old_tags: Mapping[str, Iterable[str]], new_tags: Mapping[str, Iterable[str]]
) -> list[ThemeChange]:
    """Per theme, how tagging the same posts under two taxonomies differs.

    ``old_tags`` and ``new_tags`` map a post id to its theme ids; posts in only one of
    them are ignored. The p-value is McNemar's exact test (a binomial test of the posts
    that gained the theme against those that lost it), so a handful of changed posts in
    a big sample is not mistaken for a real shift.
    """
    sample = sorted(old_tags.keys() & new_tags.keys())
    old = {doc: frozenset(old_tags[doc]) for doc in sample}
    new = {doc: frozenset(new_tags[doc]) for doc in sample}
    themes = sorted(set().union(*old.values(), *new.values())) if sample else []
    changes = []
    for theme in themes:
        had = sum(theme in old[doc] for doc in sample)
        has = sum(theme in new[doc] for doc in sample)
        gained = sum(theme in new[doc] and theme not in old[doc] for doc in sample)
        lost = sum(theme in old[doc] and theme not in new[doc] for doc in sample)
        discordant = gained + lost
        p_value = stats.binomtest(gained, discordant, 0.5).pvalue if discordant else 1.0
        changes.append(
            ThemeChange(theme, len(sample), had, has, has - had, gained, lost, float(p_value))
        )
    return changes


def taxonomy_identity(file_text: str) -> tuple[str, list[str]]:
    """(version, theme ids) of a taxonomy file's text, as the tagger computes them."""
    from transforms.taxonomy import load_taxonomy_text

    taxonomy = load_taxonomy_text(file_text)
    return taxonomy.version, sorted(taxonomy.theme_ids)


def current_taxonomy_file() -> tuple[str | None, str | None]:
    """(version, text) of the configured taxonomy file, or (None, None) where it is missing
    or invalid (the load goes on; the tag step reports an invalid taxonomy)."""
    path = get_settings().taxonomy_path
    try:
        text = path.read_text(encoding="utf-8")
        return taxonomy_identity(text)[0], text
    except (OSError, UnicodeDecodeError, ThemewatchError) as exc:
        log.warning("taxonomy file not recorded: %s", exc)
        return None, None


def record_taxonomy_version(
    con: duckdb.DuckDBPyConnection,
    version: str,
    file_text: str | None = None,
    themes: Iterable[str] = (),
) -> None:
    """Keep a version's file text (if known) and theme ids; a text found later fills a gap."""
    listed = taxonomy_identity(file_text)[1] if file_text else []
    theme_ids = sorted(set(listed) | set(themes))
    sha = hashlib.sha256(file_text.encode()).hexdigest() if file_text else None
    con.execute(
        query("taxonomy_version_upsert"),
        [version, sha, file_text, theme_ids, datetime.now(UTC)],
    )


def taxonomy_text(con: duckdb.DuckDBPyConnection, version: str) -> str | None:
    """The stored file text of a taxonomy version (to re-apply it), if it was ever seen."""
    row = con.execute(
        "SELECT file_text FROM taxonomy_versions WHERE version = ?", [version]
    ).fetchone()
    return row[0] if row else None


def store_changes(
    con: duckdb.DuckDBPyConnection,
    old_version: str,
    new_version: str,
    changes: list[ThemeChange],
    origin: str,
    detected_at: datetime | None = None,
) -> None:
    detected_at = detected_at or datetime.now(UTC)
    rows = [
        [detected_at, old_version, new_version, c.theme, c.n_sample, c.n_old, c.n_new, c.delta,
         c.n_gained, c.n_lost, c.p_value, origin]
        for c in changes
    ]
    if rows:
        con.executemany(
            "INSERT INTO taxonomy_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def record_taxonomy_change(
    con: duckdb.DuckDBPyConnection,
    old_version: str,
    new_version: str,
    old_tags: Mapping[str, Iterable[str]],
    new_tags: Mapping[str, Iterable[str]],
    origin: str = "sample",
) -> list[dict]:
    """Compute and store the per-theme difference of two tag results on the same posts."""
    changes = theme_set_diff(old_tags, new_tags)
    store_changes(con, old_version, new_version, changes, origin)
    log.info(
        "taxonomy %s -> %s: %d themes compared on %d posts",
        old_version, new_version, len(changes), changes[0].n_sample if changes else 0,
    )
    return [asdict(c) for c in changes]


def recent_sample(
    con: duckdb.DuckDBPyConnection, size: int = 2000, weeks: int = 8, seed: int = 0
) -> list[dict]:
    """A reproducible random sample of recent posts (doc_id, lang, text, taxonomy_version,
    themes) to re-tag under an old and a new taxonomy."""
    for name, value in (("sample_weeks", weeks), ("sample_seed", seed), ("sample_size", size)):
        con.execute(f"SET VARIABLE {name} = ?", [value])
    rows = con.execute(query("taxonomy_sample")).fetchall()
    keys = ("doc_id", "lang", "text", "taxonomy_version", "themes")
    return [dict(zip(keys, row)) for row in rows]


def _warehouse_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The taxonomy version most of the warehouse's documents were tagged under."""
    row = con.execute(
        "SELECT taxonomy_version FROM documents WHERE taxonomy_version IS NOT NULL "
        "GROUP BY ALL ORDER BY count(*) DESC, taxonomy_version LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def measure_taxonomy_change(sample_size: int = 2000, path: Path | None = None) -> dict:
    """Before a new taxonomy's tags replace the old ones, re-tag a sample of recent posts
    under both versions and store the per-theme difference (origin 'sample').

    Runs at the start of the tag/load DAG. Does nothing when the configured taxonomy is
    the one the warehouse was tagged with, when there is no warehouse yet, when the old
    version's file text was never seen, or when this pair of versions was measured before.
    """
    from transforms.pipeline import tag_text
    from transforms.tagger import get_tagger
    from transforms.taxonomy import configured_taxonomy, load_taxonomy_text

    path = warehouse_path(path)
    new = configured_taxonomy()
    if not path.exists():
        return {"status": "no warehouse yet", "new_version": new.version}
    con = connect(read_only=True, path=path)
    try:
        old_version = _warehouse_version(con)
        if old_version is None or old_version == new.version:
            return {"status": "unchanged", "new_version": new.version}
        measured = con.execute(
            "SELECT count(*) FROM taxonomy_changes WHERE origin = 'sample' "
            "AND old_version = ? AND new_version = ?", [old_version, new.version]).fetchone()[0]
        if measured:
            return {"status": "already measured", "old_version": old_version, "new_version": new.version}
        old_text = taxonomy_text(con, old_version)
        if old_text is None:
            return {"status": "old taxonomy text unknown", "old_version": old_version,
                    "new_version": new.version}
        sample = recent_sample(con, size=sample_size)
    finally:
        con.close()
    old_tagger = get_tagger(load_taxonomy_text(old_text, name=f"taxonomy {old_version}"))
    new_tagger = get_tagger(new)
    old_tags = {s["doc_id"]: [t.theme for t in tag_text(s["text"], lang=s["lang"], tagger=old_tagger).result.themes]
                for s in sample}
    new_tags = {s["doc_id"]: [t.theme for t in tag_text(s["text"], lang=s["lang"], tagger=new_tagger).result.themes]
                for s in sample}
    with write_session(path) as rw:
        record_taxonomy_version(rw, new.version, new.path.read_text(encoding="utf-8") if new.path else None)
        changes = record_taxonomy_change(rw, old_version, new.version, old_tags, new_tags, origin="sample")
    moved = [c for c in changes if c["delta"]]
    return {"status": "measured", "old_version": old_version, "new_version": new.version,
            "n_sample": len(sample), "themes_moved": len(moved)}
