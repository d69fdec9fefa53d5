"""warehouse.taxonomy: the pure per-theme diff, version snapshots, the re-tag sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.warehouse.warehouse_builders import tagged, write_partition

from warehouse.connection import connect, write_session
from warehouse.load import load_pending_partitions
from warehouse.taxonomy import (
    parse_taxonomy,
    recent_sample,
    record_taxonomy_change,
    record_taxonomy_version,
    taxonomy_text,
    theme_set_diff,
)

THEMES = st.sampled_from(["queue_wait", "runaround", "praise", "extra_cost"])
TAGS = st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.sets(THEMES), max_size=30)


def test_diff_counts_gains_and_losses_per_theme() -> None:
    old = {"a": ["queue_wait"], "b": ["queue_wait"], "c": [], "only-old": ["praise"]}
    new = {"a": ["queue_wait", "runaround"], "b": ["runaround"], "c": [], "only-new": ["praise"]}
    changes = {c.theme: c for c in theme_set_diff(old, new)}
    assert set(changes) == {"queue_wait", "runaround"}
    q, r = changes["queue_wait"], changes["runaround"]
    assert (q.n_sample, q.n_old, q.n_new, q.delta, q.n_gained, q.n_lost) == (3, 2, 1, -1, 0, 1)
    assert (r.n_old, r.n_new, r.delta, r.n_gained, r.n_lost) == (0, 2, 2, 2, 0)
    assert r.p_value == pytest.approx(0.5)  # two gains, no losses: McNemar's exact test


@given(TAGS, TAGS)
def test_diff_is_consistent(old: dict, new: dict) -> None:
    for change in theme_set_diff(old, new):
        assert change.n_new - change.n_old == change.delta == change.n_gained - change.n_lost
        assert 0 <= change.n_old <= change.n_sample and 0 <= change.p_value <= 1
    assert theme_set_diff(old, old) == [] or all(c.delta == 0 and c.p_value == 1.0 for c in theme_set_diff(old, old))


def test_a_large_one_sided_change_is_significant() -> None:
    old = {str(i): ["queue_wait"] if i < 100 else [] for i in range(500)}
    new = {str(i): ["queue_wait"] if i < 160 else [] for i in range(500)}
    (change,) = theme_set_diff(old, new)
    assert change.delta == 60 and change.p_value < 1e-10


def test_parse_taxonomy_reads_common_shapes() -> None:
    assert parse_taxonomy("version: 3\nthemes:\n  - id: b\n  - id: a\n") == ("3", ["a", "b"])
    assert parse_taxonomy("taxonomy_version: v2\nthemes:\n  queue_wait: {}\n  praise: {}\n") == ("v2", ["praise", "queue_wait"])
    assert parse_taxonomy(": not yaml: [") == (None, [])


def test_versions_keep_their_file_text_and_sample_diffs_are_stored(warehouse_file: Path) -> None:
    write_partition([tagged(str(i), f"Innlegg {i}.", themes=("queue_wait",) if i % 2 else ()) for i in range(20)])
    load_pending_partitions()
    text = "version: '2'\nthemes:\n  - id: queue_wait\n  - id: runaround\n"
    with write_session(warehouse_file) as con:
        record_taxonomy_version(con, "2", text)
        record_taxonomy_version(con, "2")  # seen again without the file: the text stays
        sample = recent_sample(con, size=10, seed=1)
        assert len(sample) == 10 and sample == recent_sample(con, size=10, seed=1)
        old = {s["doc_id"]: s["themes"] for s in sample}
        new = {doc: themes + ["runaround"] for doc, themes in old.items()}
        stored = record_taxonomy_change(con, "1", "2", old, new)
    assert {c["theme"] for c in stored} == {"queue_wait", "runaround"} or {c["theme"] for c in stored} == {"runaround"}
    con = connect(read_only=True, path=warehouse_file)
    try:
        assert taxonomy_text(con, "2") == text
        assert taxonomy_text(con, "9") is None
        assert con.execute("SELECT themes FROM taxonomy_versions WHERE version = '2'").fetchone()[0] == ["queue_wait", "runaround"]
        assert con.execute("SELECT n_sample, n_new, origin FROM taxonomy_changes WHERE theme = 'runaround'").fetchone() == (10, 10, "sample")
    finally:
        con.close()
