"""warehouse.lakefiles: which lake files exist, read once, fingerprinted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.warehouse.warehouse_builders import run_record, tagged, write_partition
from themewatch.errors import InputError
from themewatch.lake import Lake, Partition
from themewatch.settings import get_settings
from warehouse import lakefiles


def test_scan_finds_tagged_partitions_and_run_records_of_both_layers(data_dir: Path) -> None:
    lake = Lake(get_settings().lake_dir)
    write_partition([tagged("1")], run_date=date(2026, 9, 14), run_record=run_record("tag", "forum-nb", date(2026, 9, 14)))
    lake.write_raw("forum-nb", date(2026, 9, 14), [tagged("1").raw])
    lake.write_run_record(Partition("raw", "blog-sv", date(2026, 9, 13)), run_record("ingest", "blog-sv", date(2026, 9, 13)))
    (Path(lake.root) / "tagged" / "stray.txt").write_text("not a partition")
    found = [(f.kind, f.source, f.run_date.isoformat(), f.relpath.split("/")[0]) for f in lakefiles.scan(lake)]
    assert found == [
        ("run_record", "blog-sv", "2026-09-13", "raw"),
        ("run_record", "forum-nb", "2026-09-14", "tagged"),
        ("tagged", "forum-nb", "2026-09-14", "tagged"),
    ]


def test_same_bytes_same_fingerprint() -> None:
    assert lakefiles.fingerprint(b"abc") == lakefiles.fingerprint(b"abc") != lakefiles.fingerprint(b"abd")


def test_unreadable_files_raise_input_errors_naming_the_file() -> None:
    lake_file = lakefiles.LakeFile("tagged/source=x/run_date=2026-09-14/part-0.parquet", "tagged", "x", date(2026, 9, 14))
    with pytest.raises(InputError, match="tagged/source=x/.*not a readable tagged partition"):
        lakefiles.parse_tagged(lake_file, b"not parquet")
    record_file = lakefiles.LakeFile("raw/source=x/run_date=2026-09-14/_run.json", "run_record", "x", date(2026, 9, 14))
    with pytest.raises(InputError, match="run record lacks run_id, stage"):
        lakefiles.parse_run_record(record_file, b'{"status": "success"}')
    with pytest.raises(InputError, match="not a JSON object"):
        lakefiles.parse_run_record(record_file, b"[1, 2]")
