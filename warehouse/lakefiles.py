"""Which lake files the warehouse takes in, and a fingerprint of each one's content.

Two kinds: tagged partitions (``tagged/source=*/run_date=*/part-0.parquet``) and the
``_run.json`` run records of raw and tagged partitions. Run records are found on their
own, so an ingest run that failed before writing any Parquet still reaches ``runs``.
A file is read once: its fingerprint and its content come from the same bytes. A file
whose size and modification time match what was loaded is not read at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from themewatch.errors import InputError
from themewatch.lake import PART_FILE, RAW, RUN_FILE, TAGGED, TAGGED_SCHEMA, Lake

TAGGED_PART = "tagged"
RUN_RECORD = "run_record"


@dataclass(frozen=True)
class LakeFile:
    relpath: str  # relative to the lake root, e.g. tagged/source=x/run_date=2026-11-02/part-0.parquet
    kind: str  # tagged | run_record
    source: str
    run_date: date
    size: int | None = None
    mtime_ns: int | None = None


def scan(lake: Lake) -> list[LakeFile]:
    """Every tagged partition and run record in the lake, sorted by path."""
    found = []
    for layer in (RAW, TAGGED):
        base = f"{lake.root}/{layer}"
        if lake.fs.get_file_info(base).type != pafs.FileType.Directory:
            continue
        for info in lake.fs.get_file_info(pafs.FileSelector(base, recursive=True)):
            rel = info.path[len(lake.root) + 1 :]
            parts = rel.split("/")
            if len(parts) != 4 or not parts[1].startswith("source=") or not parts[2].startswith("run_date="):
                continue
            if parts[3] == RUN_FILE:
                kind = RUN_RECORD
            elif parts[3] == PART_FILE and layer == TAGGED:
                kind = TAGGED_PART
            else:
                continue
            try:
                run_date = date.fromisoformat(parts[2].removeprefix("run_date="))
            except ValueError:
                continue
            found.append(LakeFile(rel, kind, parts[1].removeprefix("source="), run_date,
                                  info.size, info.mtime_ns))
    return sorted(found, key=lambda f: f.relpath)


def read_bytes(lake: Lake, lake_file: LakeFile) -> bytes:
    with lake.fs.open_input_stream(f"{lake.root}/{lake_file.relpath}") as handle:
        return handle.read()


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_tagged(lake_file: LakeFile, data: bytes) -> pa.Table:
    """A tagged partition's rows in TAGGED_SCHEMA, plus where they came from."""
    try:
        table = pq.read_table(pa.BufferReader(data), schema=TAGGED_SCHEMA)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{lake_file.relpath}: not a readable tagged partition: {exc}") from None
    n = table.num_rows
    return (
        table.append_column("_path", pa.array([lake_file.relpath] * n, pa.string()))
        .append_column("_source", pa.array([lake_file.source] * n, pa.string()))
        .append_column("_run_date", pa.array([lake_file.run_date] * n, pa.date32()))
    )


def parse_run_record(lake_file: LakeFile, data: bytes) -> dict[str, Any]:
    """A ``_run.json`` StageRunRecord, checked for the keys the warehouse needs."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{lake_file.relpath}: not a JSON run record: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"{lake_file.relpath}: run record is not a JSON object")
    missing = [key for key in ("run_id", "stage", "status") if not record.get(key)]
    if missing:
        raise InputError(f"{lake_file.relpath}: run record lacks {', '.join(missing)}")
    return record
