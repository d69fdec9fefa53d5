"""The Parquet lake: where extractors land raw posts and transforms land tagged ones.

Layout (Hive-style partitions, one per source and run date)::

    <lake>/raw/source=<name>/run_date=<YYYY-MM-DD>/part-0.parquet
    <lake>/raw/source=<name>/run_date=<YYYY-MM-DD>/_run.json        ingest accounting
    <lake>/tagged/source=<name>/run_date=<YYYY-MM-DD>/part-0.parquet

Writing a partition replaces it whole (write to a temporary name, then
rename), so re-running a step for the same source and date changes nothing.
Paths go through ``pyarrow.fs`` so the lake can live on S3/GCS unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from themewatch.records import RawDocument, TaggedDocument

RAW = "raw"
TAGGED = "tagged"
PART_FILE = "part-0.parquet"
RUN_FILE = "_run.json"

_TS = pa.timestamp("us", tz="UTC")

RAW_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("platform", pa.string()),
        ("url", pa.string()),
        ("thread_id", pa.string()),
        ("thread_title", pa.string()),
        ("post_id", pa.string()),
        ("parent_id", pa.string()),
        ("quoted_ids", pa.list_(pa.string())),
        ("author_hash", pa.string()),
        ("author_role", pa.string()),
        ("published_at", _TS),
        ("edited_at", _TS),
        ("editor_hash", pa.string()),
        ("position", pa.int32()),
        ("text", pa.string()),
        ("lang_hint", pa.string()),
        ("fetched_at", _TS),
        ("content_hash", pa.string()),
    ]
)

EVIDENCE_TYPE = pa.struct(
    [("sentence_idx", pa.int32()), ("sentence", pa.string()), ("cue", pa.string())]
)
THEME_TYPE = pa.struct(
    [("theme", pa.string()), ("score", pa.float64()), ("evidence", pa.list_(EVIDENCE_TYPE))]
)
TAGGED_SCHEMA = RAW_SCHEMA.append(pa.field("lang", pa.string()))
for _field in (
    pa.field("n_tokens", pa.int32()),
    pa.field("themes", pa.list_(THEME_TYPE)),
    pa.field("taxonomy_version", pa.string()),
    pa.field("pipeline_version", pa.string()),
):
    TAGGED_SCHEMA = TAGGED_SCHEMA.append(_field)


@dataclass(frozen=True)
class Partition:
    kind: str
    source: str
    run_date: date

    def relpath(self) -> str:
        return f"{self.kind}/source={self.source}/run_date={self.run_date.isoformat()}"


class Lake:
    """A lake rooted at a local folder or an fsspec-style URL (s3://bucket/prefix)."""

    def __init__(self, root: str | Path) -> None:
        root_str = str(root)
        if "://" in root_str:
            self.fs, self.root = pafs.FileSystem.from_uri(root_str)
        else:
            self.fs, self.root = pafs.LocalFileSystem(), str(Path(root_str).resolve())

    def _dir(self, part: Partition) -> str:
        return f"{self.root}/{part.relpath()}"

    def part_path(self, part: Partition) -> str:
        return f"{self._dir(part)}/{PART_FILE}"

    def _write_table(self, part: Partition, table: pa.Table) -> str:
        directory = self._dir(part)
        self.fs.create_dir(directory, recursive=True)
        final = f"{directory}/{PART_FILE}"
        tmp = f"{directory}/.{PART_FILE}.tmp"
        pq.write_table(table, tmp, filesystem=self.fs, compression="zstd")
        self.fs.move(tmp, final)
        return final

    def write_raw(self, source: str, run_date: date, docs: Iterable[RawDocument]) -> str:
        rows = [d.to_dict() for d in docs]
        table = pa.Table.from_pylist(rows, schema=RAW_SCHEMA)
        return self._write_table(Partition(RAW, source, run_date), table)

    def write_tagged(self, source: str, run_date: date, docs: Iterable[TaggedDocument]) -> str:
        rows = [d.to_dict() for d in docs]
        table = pa.Table.from_pylist(rows, schema=TAGGED_SCHEMA)
        return self._write_table(Partition(TAGGED, source, run_date), table)

    def read_raw(self, part: Partition) -> list[RawDocument]:
        table = pq.read_table(self.part_path(part), filesystem=self.fs, schema=RAW_SCHEMA)
        return [RawDocument.from_dict(row) for row in table.to_pylist()]

    def read_table(self, part: Partition) -> pa.Table:
        schema = RAW_SCHEMA if part.kind == RAW else TAGGED_SCHEMA
        return pq.read_table(self.part_path(part), filesystem=self.fs, schema=schema)

    def exists(self, part: Partition) -> bool:
        info = self.fs.get_file_info(self.part_path(part))
        return info.type == pafs.FileType.File

    def write_run_record(self, part: Partition, record: dict[str, Any]) -> None:
        directory = self._dir(part)
        self.fs.create_dir(directory, recursive=True)
        with self.fs.open_output_stream(f"{directory}/{RUN_FILE}") as out:
            out.write(json.dumps(record, sort_keys=True, default=str, indent=1).encode())

    def read_run_record(self, part: Partition) -> dict[str, Any] | None:
        path = f"{self._dir(part)}/{RUN_FILE}"
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return None
        with self.fs.open_input_stream(path) as handle:
            return json.loads(handle.read().decode())

    def partitions(self, kind: str, run_date: date | None = None) -> list[Partition]:
        """Every partition of a kind (optionally of one run date), sorted."""
        base = f"{self.root}/{kind}"
        if self.fs.get_file_info(base).type != pafs.FileType.Directory:
            return []
        found = []
        for info in self.fs.get_file_info(pafs.FileSelector(base, recursive=True)):
            if not info.path.endswith(f"/{PART_FILE}"):
                continue
            rel = info.path[len(base) + 1 :].split("/")
            source = rel[0].removeprefix("source=")
            day = date.fromisoformat(rel[1].removeprefix("run_date="))
            if run_date is None or day == run_date:
                found.append(Partition(kind, source, day))
        return sorted(found, key=lambda p: (p.source, p.run_date))
