from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from themewatch.lake import Lake, Partition
from themewatch.records import Evidence, TaggedDocument, ThemeTag, new_raw_document

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def _raw(post_id: str, text: str = "Satt i kø i en time."):
    return new_raw_document(
        source="forum", platform="ipb", url=f"http://x/{post_id}", post_id=post_id, text=text,
        salt="s", fetched_at=NOW, author="Ola", published_at=NOW, quoted_ids=["1"],
    )


def test_raw_partition_round_trip(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    docs = [_raw("1"), _raw("2")]
    lake.write_raw("forum", date(2026, 11, 2), docs)
    part = Partition("raw", "forum", date(2026, 11, 2))
    assert lake.exists(part)
    assert lake.read_raw(part) == docs


def test_rewriting_a_partition_replaces_it(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_raw("forum", date(2026, 11, 2), [_raw("1"), _raw("2")])
    lake.write_raw("forum", date(2026, 11, 2), [_raw("3")])
    part = Partition("raw", "forum", date(2026, 11, 2))
    assert [d.post_id for d in lake.read_raw(part)] == ["3"]
    leftovers = [p.name for p in Path(lake.part_path(part)).parent.iterdir()]
    assert leftovers == ["part-0.parquet"]


def test_partitions_are_listed_by_kind_and_date(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    assert lake.partitions("raw") == []
    lake.write_raw("blog", date(2026, 11, 3), [_raw("1")])
    lake.write_raw("forum", date(2026, 11, 2), [_raw("1")])
    lake.write_raw("forum", date(2026, 11, 3), [])
    assert lake.partitions("raw") == [
        Partition("raw", "blog", date(2026, 11, 3)),
        Partition("raw", "forum", date(2026, 11, 2)),
        Partition("raw", "forum", date(2026, 11, 3)),
    ]
    assert [p.source for p in lake.partitions("raw", date(2026, 11, 3))] == ["blog", "forum"]
    assert lake.partitions("tagged") == []


def test_tagged_partition_keeps_themes_and_evidence(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    raw = _raw("1")
    tag = ThemeTag("queue_wait", 0.9, (Evidence(0, "Satt i kø i en time.", "kø"),))
    lake.write_tagged("forum", date(2026, 11, 2), [TaggedDocument(raw, "nb", 6, (tag,), "1", "0.1.0")])
    row = lake.read_table(Partition("tagged", "forum", date(2026, 11, 2))).to_pylist()[0]
    assert row["themes"] == [
        {"theme": "queue_wait", "score": 0.9,
         "evidence": [{"sentence_idx": 0, "sentence": "Satt i kø i en time.", "cue": "kø"}]}
    ]
    assert row["published_at"] == NOW


def test_run_records(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    part = Partition("raw", "forum", date(2026, 11, 2))
    assert lake.read_run_record(part) is None
    lake.write_run_record(part, {"run_id": "ingest:forum:2026-11-02", "items_seen": 3})
    assert lake.read_run_record(part) == {"run_id": "ingest:forum:2026-11-02", "items_seen": 3}
