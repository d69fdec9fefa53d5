"""Load tagged lake partitions and stage run records into the warehouse, idempotently.

``load_pending_partitions`` takes in every lake file not yet loaded in its current
content (fingerprints in ``lake_files``): tagged partitions into ``documents`` and
``document_themes``, ``_run.json`` records into ``runs`` and ``rejected_documents``.

* Keyed on ``doc_id``. Loading the same files again, re-running a DAG run or backfilling
  a range leaves the warehouse identical. Of two versions of a post the newest
  observation wins (fetched_at, then edited_at, then run date); an edited post replaces
  its earlier version together with its themes; an identical one changes nothing.
* All the reading, validating and hashing happens first (Arrow and an in-memory DuckDB);
  the warehouse is then written in one short transaction (:func:`write_session`), which
  also refreshes the stored trend counts and full-text indexes, so analysts never see
  documents and theme_weekly disagree. Killed half-way, the warehouse is as before.
* Every row read is stored, counted as a duplicate (identical, or older than what is
  stored) or rejected with a reason; per partition a ``load:<source>:<run_date>`` run
  record says which, and the counts add up.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from themewatch import PIPELINE_VERSION
from themewatch.errors import ThemewatchError, WarehouseError
from themewatch.lake import Lake
from themewatch.records import make_doc_id
from themewatch.settings import get_settings
from warehouse import fts, lakefiles, taxonomy, trends
from warehouse.connection import connect, scratch, warehouse_path, write_session
from warehouse.sql import query

log = logging.getLogger(__name__)

_RUN_COUNTS = (
    "items_seen", "items_stored", "items_duplicate", "items_rejected",
    "pages_fetched", "pages_not_modified", "pages_failed",
)
RUNS_SCHEMA = pa.schema(
    [("run_id", pa.string()), ("stage", pa.string()), ("source", pa.string()),
     ("run_date", pa.date32()), ("dag_run_id", pa.string()),
     ("started_at", pa.timestamp("us", tz="UTC")), ("finished_at", pa.timestamp("us", tz="UTC")),
     ("status", pa.string()), ("error", pa.string()), ("pipeline_version", pa.string()),
     ("taxonomy_version", pa.string())]
    + [(name, pa.int64()) for name in _RUN_COUNTS]
    + [("items_updated", pa.int64()), ("items_unchanged", pa.int64()),
       ("items_superseded", pa.int64()), ("load_id", pa.string())]
)
REJECTED_SCHEMA = pa.schema(
    [("run_id", pa.string()), ("stage", pa.string()), ("source", pa.string()),
     ("run_date", pa.date32()), ("url", pa.string()), ("post_id", pa.string()),
     ("doc_id", pa.string()), ("reason", pa.string())]
)
LAKE_FILES_SCHEMA = pa.schema(
    [("path", pa.string()), ("kind", pa.string()), ("source", pa.string()),
     ("run_date", pa.date32()), ("fingerprint", pa.string()), ("size", pa.int64()),
     ("mtime_ns", pa.int64()), ("n_rows", pa.int64()), ("load_id", pa.string()),
     ("loaded_at", pa.timestamp("us", tz="UTC"))]
)


@dataclass
class Batch:
    """Everything a load writes, computed before the warehouse is opened for writing."""

    files: list[dict] = field(default_factory=list)  # lake_files rows of files to load
    touched: list[dict] = field(default_factory=list)  # same content, new modification time
    documents: pa.Table | None = None
    themes: pa.Table | None = None
    file_counts: dict[str, dict] = field(default_factory=dict)  # per tagged file
    runs: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    taxonomy_files: dict[str, str | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _utc(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _known_files(path: Path) -> dict[str, tuple]:
    """What the warehouse has loaded: path -> (fingerprint, size, mtime_ns)."""
    if not path.exists():
        return {}
    con = connect(read_only=True, path=path)
    try:
        has_table = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'lake_files'"
        ).fetchone()[0]
        if not has_table:
            return {}
        return {p: rest for p, *rest in con.execute(
            "SELECT path, fingerprint, size, mtime_ns FROM lake_files").fetchall()}
    finally:
        con.close()


def _file_row(lake_file: lakefiles.LakeFile, digest: str, n_rows: int | None) -> dict:
    return {"path": lake_file.relpath, "kind": lake_file.kind, "source": lake_file.source,
            "run_date": lake_file.run_date, "fingerprint": digest, "size": lake_file.size,
            "mtime_ns": lake_file.mtime_ns, "n_rows": n_rows}


def _run_rows(lake_file: lakefiles.LakeFile, record: dict) -> tuple[dict, list[dict]]:
    """A ``_run.json`` StageRunRecord as a ``runs`` row and its ``rejected_documents`` rows."""
    source = record.get("source") or lake_file.source
    row = {
        "run_id": record["run_id"],
        "stage": record["stage"],
        "source": source,
        "run_date": lake_file.run_date,
        "dag_run_id": record.get("dag_run_id"),
        "started_at": _utc(record.get("started_at")),
        "finished_at": _utc(record.get("finished_at")),
        "status": record["status"],
        "error": record.get("error"),
        "pipeline_version": record.get("pipeline_version"),
        "taxonomy_version": record.get("taxonomy_version"),
        **{name: record.get(name) for name in _RUN_COUNTS},
    }
    rejected = []
    for item in record.get("rejected") or []:
        post_id = item.get("post_id")
        rejected.append(
            {
                "run_id": record["run_id"],
                "stage": item.get("stage") or record["stage"],
                "source": source,
                "run_date": lake_file.run_date,
                "url": item.get("url"),
                "post_id": post_id,
                "doc_id": make_doc_id(source, str(post_id)) if post_id else None,
                "reason": item.get("reason") or "(no reason given)",
            }
        )
    return row, rejected


def _stage_tagged(tables: list[pa.Table], batch: Batch) -> None:
    """Validate, version and deduplicate the batch's tagged rows in an in-memory DuckDB."""
    if not tables:
        return
    incoming = pa.concat_tables(tables)
    con = scratch()
    try:
        con.register("incoming", incoming)
        con.execute(query("load_candidates"))
        batch.documents = con.execute(query("load_staged_documents")).to_arrow_table()
        batch.themes = con.execute(query("load_staged_themes")).to_arrow_table()
        for path, seen, rejected, dupes, version in con.execute(query("load_file_counts")).fetchall():
            batch.file_counts[path] = {
                "seen": seen, "rejected": rejected, "batch_duplicate": dupes,
                "taxonomy_version": version,
            }
        for path, source, run_date, url, post_id, doc_id, reason in con.execute(
            query("load_rejects")
        ).fetchall():
            batch.rejected.append(
                {"run_id": None, "_path": path, "stage": "load", "source": source,
                 "run_date": run_date, "url": url, "post_id": post_id, "doc_id": doc_id,
                 "reason": reason}
            )
        versions = [v for (v,) in con.execute(
            "SELECT DISTINCT taxonomy_version FROM candidates "
            "WHERE taxonomy_version IS NOT NULL AND reject_reason IS NULL"
        ).fetchall()]
    finally:
        con.close()
    file_version, file_text = taxonomy.current_taxonomy_file()
    batch.taxonomy_files = {v: (file_text if v == file_version else None) for v in versions}


def read_pending(lake: Lake, known: dict[str, tuple]) -> Batch:
    """Read every lake file whose content the warehouse has not loaded yet."""
    batch = Batch()
    tagged_tables = []
    for lake_file in lakefiles.scan(lake):
        fingerprint, size, mtime_ns = known.get(lake_file.relpath, (None, None, None))
        if fingerprint and (size, mtime_ns) == (lake_file.size, lake_file.mtime_ns):
            continue
        data = lakefiles.read_bytes(lake, lake_file)
        digest = lakefiles.fingerprint(data)
        if digest == fingerprint:
            # Rewritten with the same bytes: nothing to load; remember its new time if we write.
            batch.touched.append(_file_row(lake_file, digest, None))
            continue
        try:
            if lake_file.kind == lakefiles.TAGGED_PART:
                table = lakefiles.parse_tagged(lake_file, data)
                tagged_tables.append(table)
                n_rows = table.num_rows
            else:
                record = lakefiles.parse_run_record(lake_file, data)
                run, rejected = _run_rows(lake_file, record)
                batch.runs.append(run)
                batch.rejected.extend(rejected)
                n_rows = len(rejected)
                counted = [record.get(k) for k in ("items_seen", "items_stored", "items_duplicate", "items_rejected")]
                if all(isinstance(c, int) for c in counted) and counted[0] != sum(counted[1:]):
                    batch.problems.append(
                        f"{lake_file.relpath}: counts do not add up "
                        f"(seen {counted[0]} != stored + duplicate + rejected {sum(counted[1:])})"
                    )
        except ThemewatchError as exc:
            # Left out of lake_files, so it is retried (and reported) on every load until fixed.
            batch.problems.append(str(exc))
            log.warning("skipping %s", exc)
            continue
        batch.files.append(_file_row(lake_file, digest, n_rows))
    _stage_tagged(tagged_tables, batch)
    return batch


def _load_run_rows(batch: Batch, actions: dict[str, dict[str, int]], load_id: str,
                   started: datetime, finished: datetime) -> None:
    """One ``load:<source>:<run_date>`` run record per tagged partition in the batch."""
    dag_run_id = os.environ.get("AIRFLOW_CTX_DAG_RUN_ID")
    for file in batch.files:
        if file["kind"] != lakefiles.TAGGED_PART:
            continue
        counts = batch.file_counts.get(file["path"], {"seen": 0, "rejected": 0, "batch_duplicate": 0, "taxonomy_version": None})
        acted = actions.get(file["path"], {})
        run_id = f"load:{file['source']}:{file['run_date'].isoformat()}"
        stored = acted.get("new", 0) + acted.get("updated", 0)
        duplicate = counts["batch_duplicate"] + acted.get("unchanged", 0) + acted.get("superseded", 0)
        batch.runs.append(
            {"run_id": run_id, "stage": "load", "source": file["source"],
             "run_date": file["run_date"], "dag_run_id": dag_run_id, "started_at": started,
             "finished_at": finished, "status": "success", "error": None,
             "pipeline_version": PIPELINE_VERSION, "taxonomy_version": counts["taxonomy_version"],
             "items_seen": counts["seen"], "items_stored": stored, "items_duplicate": duplicate,
             "items_rejected": counts["rejected"], "pages_fetched": None,
             "pages_not_modified": None, "pages_failed": None,
             "items_updated": acted.get("updated", 0), "items_unchanged": acted.get("unchanged", 0),
             "items_superseded": acted.get("superseded", 0) + counts["batch_duplicate"],
             "load_id": load_id}
        )
        for reject in batch.rejected:
            if reject.get("_path") == file["path"]:
                reject["run_id"] = run_id


def _record_taxonomy_changes(con: duckdb.DuckDBPyConnection, detected_at: datetime) -> int:
    """Before re-tagged posts replace their old tags, store what the new taxonomy changed."""
    pairs = con.execute(query("load_taxonomy_pairs")).fetchall()
    stored = 0
    for old_version, new_version, doc_ids in pairs:
        con.execute("CREATE OR REPLACE TEMP TABLE retagged AS SELECT unnest(?) AS doc_id", [doc_ids])
        old_tags = {doc: [] for doc in doc_ids}
        for doc, theme in con.execute(
            "SELECT doc_id, theme FROM document_themes WHERE doc_id IN (SELECT doc_id FROM retagged)"
        ).fetchall():
            old_tags[doc].append(theme)
        new_tags = {doc: [] for doc in doc_ids}
        for doc, theme in con.execute(
            "SELECT doc_id, theme FROM staged_themes WHERE doc_id IN (SELECT doc_id FROM retagged)"
        ).fetchall():
            new_tags[doc].append(theme)
        changes = taxonomy.theme_set_diff(old_tags, new_tags)
        taxonomy.store_changes(con, old_version, new_version, changes, "load", detected_at)
        stored += len(changes)
    return stored


def _replace(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: list[dict],
             schema: pa.Schema) -> None:
    """Replace the rows of ``table`` whose ``key`` occurs in ``rows`` by ``rows``."""
    if not rows:
        return
    data = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)
    con.register("replacement", data)
    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT DISTINCT {key} FROM replacement)")
    columns = ", ".join(schema.names)
    con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM replacement")
    con.unregister("replacement")


def write_batch(con: duckdb.DuckDBPyConnection, batch: Batch, load_id: str,
                started: datetime) -> dict[str, Any]:
    """Write a computed batch inside an open write session; returns what it did."""
    loaded_at = datetime.now(UTC)
    totals = {"new": 0, "updated": 0, "unchanged": 0, "superseded": 0}
    actions: dict[str, dict[str, int]] = {}
    n_taxonomy_changes = 0
    for version, text in batch.taxonomy_files.items():
        taxonomy.record_taxonomy_version(con, version, text)
    if batch.documents is not None and batch.documents.num_rows:
        con.register("staged_documents", batch.documents)
        con.register("staged_themes", batch.themes)
        con.execute(query("load_actions"))
        n_taxonomy_changes = _record_taxonomy_changes(con, loaded_at)
        con.execute("SET VARIABLE loaded_at = ?::TIMESTAMPTZ", [loaded_at])
        con.execute(query("load_apply"))
        for path, action, count in con.execute(
            "SELECT _path, action, count(*) FROM load_actions GROUP BY ALL"
        ).fetchall():
            actions.setdefault(path, {})[action] = count
            totals[action] += count
        con.execute(query("load_taxonomy_themes"))
    finished = datetime.now(UTC)
    _load_run_rows(batch, actions, load_id, started, finished)
    _replace(con, "runs", "run_id", batch.runs, RUNS_SCHEMA)
    _replace(con, "rejected_documents", "run_id", [r for r in batch.rejected if r["run_id"]],
             REJECTED_SCHEMA)
    _replace(con, "lake_files", "path",
             [{**f, "load_id": load_id, "loaded_at": loaded_at} for f in batch.files],
             LAKE_FILES_SCHEMA)
    for touched in batch.touched:
        con.execute("UPDATE lake_files SET size = ?, mtime_ns = ? WHERE path = ?",
                    [touched["size"], touched["mtime_ns"], touched["path"]])
    n_rejected = sum(c["rejected"] for c in batch.file_counts.values())
    changed = totals["new"] + totals["updated"] > 0
    if changed:
        trends.materialise_theme_counts(con, load_id)
        fts.refresh_indexes(con)
    max_fetched = con.execute("SELECT max(fetched_at) FROM documents").fetchone()[0]
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, 'success', ?, ?, ?, ?, ?, ?, ?)",
        [load_id, started, datetime.now(UTC), len(batch.files), totals["new"],
         totals["updated"], totals["unchanged"], totals["superseded"], n_rejected, max_fetched],
    )
    return {"documents": {**totals, "rejected": n_rejected}, "taxonomy_changes": n_taxonomy_changes}


def load_pending_partitions(lake_dir: str | Path | None = None, path: Path | None = None) -> dict:
    """Load every lake file not yet loaded in its current content; see the module docstring.

    Returns a JSON-ready summary (for the DAG's XCom and the CLI).
    """
    clock = time.monotonic()
    started = datetime.now(UTC)
    path = warehouse_path(path)
    lake = Lake(lake_dir if lake_dir is not None else get_settings().lake_dir)
    batch = read_pending(lake, _known_files(path))
    summary: dict[str, Any] = {
        "warehouse": str(path),
        "files": len(batch.files),
        "tagged_partitions": sum(f["kind"] == lakefiles.TAGGED_PART for f in batch.files),
        "run_records": sum(f["kind"] == lakefiles.RUN_RECORD for f in batch.files),
        "problems": batch.problems,
    }
    if not batch.files:
        summary.update(status="up to date", load_id=None)
        log.info("nothing to load into %s", path)
        return summary
    load_id = f"load-{started.strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:8]}"
    compute_seconds = time.monotonic() - clock
    try:
        with write_session(path) as con:
            write_clock = time.monotonic()
            summary.update(write_batch(con, batch, load_id, started))
            write_seconds = time.monotonic() - write_clock
    except duckdb.Error as exc:
        raise WarehouseError(f"{path}: load failed and was rolled back: {exc}") from None
    summary.update(
        status="loaded", load_id=load_id, compute_seconds=round(compute_seconds, 3),
        write_seconds=round(write_seconds, 3),
        seconds=round(time.monotonic() - clock, 3),
    )
    log.info("loaded %s: %s", load_id, summary)
    return summary
