"""Full-text search over documents with the right Snowball stemmer for each language.

DuckDB's fts extension builds one BM25 index per table with one stemmer, so documents
are copied per stemmer into ``fts_docs_<stemmer>`` (Bokmål and Nynorsk share the
Norwegian stemmer; languages without one are indexed unstemmed) and indexed there.
Letters outside a-z (æ, ø, å, ä, ö) are kept, accents are not stripped ("kø" is not
"ko"), and no stop words are removed (negations matter in complaints). An index is
rebuilt only when the set of its documents' texts changed, inside the load's
transaction. The extension loads offline from the ``duckdb-extension-fts`` package.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import duckdb

from warehouse.connection import load_extension
from warehouse.sql import identifier, query

#: Language code (as the tagger writes it) -> Snowball stemmer of DuckDB's fts extension.
STEMMERS = {
    "nb": "norwegian", "nn": "norwegian", "no": "norwegian", "sv": "swedish", "da": "danish",
    "en": "english", "de": "german", "fi": "finnish", "fr": "french", "es": "spanish",
    "nl": "dutch", "it": "italian", "pt": "portuguese",
}
UNSTEMMED = "none"
_IGNORE = r"(\.|[^\p{L}\p{N}])+"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def stemmer_for(lang: str | None) -> str:
    return STEMMERS.get((lang or "").lower().split("-")[0], UNSTEMMED)


def _groups(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Per stemmer: languages, document count and a fingerprint of (doc_id, content)."""
    groups: dict[str, dict[str, Any]] = {}
    for lang, n_docs, digest in con.execute(query("fts_groups")).fetchall():
        group = groups.setdefault(stemmer_for(lang), {"langs": [], "n_docs": 0, "digest": 0})
        group["langs"].append(lang)
        group["n_docs"] += n_docs
        group["digest"] ^= int(digest)
    for group in groups.values():
        group["fingerprint"] = f"{group['n_docs']}:{group['digest']:016x}"
    return groups


def refresh_indexes(con: duckdb.DuckDBPyConnection, force: bool = False) -> dict[str, int]:
    """Rebuild the indexes whose documents changed; returns {stemmer: documents indexed}."""
    load_extension(con, "fts")
    groups = _groups(con)
    existing = dict(con.execute("SELECT stemmer, fingerprint FROM fts_indexes").fetchall())
    rebuilt = {}
    for stemmer, group in groups.items():
        if not force and existing.get(stemmer) == group["fingerprint"]:
            continue
        table = identifier(f"fts_docs_{stemmer}")
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS "
            "SELECT doc_id, text FROM documents WHERE list_contains(?, lang) ORDER BY doc_id",
            [group["langs"]],
        )
        con.execute(
            f"PRAGMA create_fts_index('{table}', 'doc_id', 'text', stemmer='{identifier(stemmer)}', "
            f"stopwords='{'english' if stemmer == 'english' else 'none'}', ignore='{_IGNORE}', "
            "strip_accents=0, lower=1, overwrite=1)"
        )
        con.execute(
            "INSERT OR REPLACE INTO fts_indexes VALUES (?, ?, ?, ?, ?, now())",
            [stemmer, table, group["langs"], group["n_docs"], group["fingerprint"]],
        )
        rebuilt[stemmer] = group["n_docs"]
    for stemmer in set(existing) - set(groups):
        table = identifier(f"fts_docs_{stemmer}")
        con.execute(f"PRAGMA drop_fts_index('{table}')")
        con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("DELETE FROM fts_indexes WHERE stemmer = ?", [stemmer])
    return rebuilt


def query_stems(con: duckdb.DuckDBPyConnection, text: str, stemmer: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if stemmer == UNSTEMMED:
        return words
    return [con.execute("SELECT stem(?, ?)", [w, stemmer]).fetchone()[0] for w in words]


def snippet(text: str, stems: list[str], width: int = 180) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first word starting with a query stem, and the spans
    (within the window) of every such word."""
    words = [re.escape(s) for s in stems if s]
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\w*", re.IGNORECASE) if words else None
    flat = " ".join(text.split())
    first = pattern.search(flat) if pattern else None
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    window = flat[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(flat) else ""
    spans = [(m.start() + len(prefix), m.end() + len(prefix)) for m in pattern.finditer(window)] if pattern else []
    return prefix + window + suffix, spans


def search(
    con: duckdb.DuckDBPyConnection,
    text: str,
    *,
    theme: str | None = None,
    from_week: date | None = None,
    to_week: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    limit: int = 20,
    any_term: bool = False,
) -> list[dict[str, Any]]:
    """Documents matching ``text`` (all its words unless ``any_term``), best BM25 score first.

    Each language is searched with its own stemmer; scores from different languages are
    comparable only roughly (each index has its own term statistics).
    """
    load_extension(con, "fts")
    indexes = con.execute("SELECT stemmer, table_name, langs FROM fts_indexes ORDER BY stemmer").fetchall()
    if lang:
        indexes = [row for row in indexes if lang in row[2]]
    if not indexes or not _WORD.search(text):
        return []
    for name, value in (("search_text", text), ("search_theme", theme), ("search_source", source),
                        ("search_lang", lang), ("search_from", from_week), ("search_to", to_week),
                        ("search_conjunctive", 0 if any_term else 1)):
        con.execute(f"SET VARIABLE {name} = ?", [value])
    template = query("search")
    union = "\nUNION ALL\n".join(
        template.format(table=identifier(table), stemmer=identifier(stemmer))
        for stemmer, table, _langs in indexes
    )
    sql = f"SELECT * FROM (\n{union}\n) ORDER BY score DESC, published_at DESC, doc_id LIMIT {int(limit)}"
    results = []
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    stems_by_stemmer: dict[str, list[str]] = {}
    for row in cursor.fetchall():
        hit = dict(zip(columns, row))
        stems = stems_by_stemmer.setdefault(hit["stemmer"], query_stems(con, text, hit["stemmer"]))
        hit["snippet"], hit["spans"] = snippet(hit["text"] or "", stems)
        results.append(hit)
    return results
