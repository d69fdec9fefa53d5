"""warehouse.taxonomy: the pure per-theme diff, version snapshots, the re-tag sample."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.warehouse.warehouse_builders import rows, tagged, write_partition
from warehouse.connection import connect, write_session
from warehouse.load import load_pending_partitions
from warehouse.taxonomy import (
    measure_taxonomy_change,
    recent_sample,
    record_taxonomy_change,
    record_taxonomy_version,
    taxonomy_identity,
    taxonomy_text,
    theme_set_diff,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]

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


def test_taxonomy_identity_is_the_taggers_version_and_theme_ids() -> None:
    from transforms.taxonomy import load_taxonomy

    text = (PROJECT_ROOT / "config" / "taxonomy.yaml").read_text()
    version, themes = taxonomy_identity(text)
    assert version == load_taxonomy(PROJECT_ROOT / "config" / "taxonomy.yaml").version
    assert len(themes) == 12 and "queue_wait" in themes and themes == sorted(themes)
    assert taxonomy_identity(text + "\n# edited\n")[0] != version


def test_versions_keep_their_file_text_and_sample_diffs_are_stored(warehouse_file: Path) -> None:
    write_partition([tagged(str(i), f"Innlegg {i}.", themes=("queue_wait",) if i % 2 else ()) for i in range(20)])
    load_pending_partitions()
    text = (PROJECT_ROOT / "config" / "taxonomy.yaml").read_text() + "\n# version 2\n"
    version_2 = taxonomy_identity(text)[0]
    with write_session(warehouse_file) as con:
        record_taxonomy_version(con, version_2, text)
        record_taxonomy_version(con, version_2)  # seen again without the file: the text stays
        sample = recent_sample(con, size=10, seed=1)
        assert len(sample) == 10 and sample == recent_sample(con, size=10, seed=1)
        old = {s["doc_id"]: s["themes"] for s in sample}
        new = {doc: themes + ["runaround"] for doc, themes in old.items()}
        stored = record_taxonomy_change(con, "1", version_2, old, new)
    assert {c["theme"] for c in stored} == {"queue_wait", "runaround"} or {c["theme"] for c in stored} == {"runaround"}
    con = connect(read_only=True, path=warehouse_file)
    try:
        assert taxonomy_text(con, version_2) == text
        assert taxonomy_text(con, "9") is None
        themes = con.execute("SELECT themes FROM taxonomy_versions WHERE version = ?", [version_2]).fetchone()[0]
        assert len(themes) == 12 and {"queue_wait", "runaround"} <= set(themes)
        assert con.execute("SELECT n_sample, n_new, origin FROM taxonomy_changes WHERE theme = 'runaround'").fetchone() == (10, 10, "sample")
    finally:
        con.close()


def test_a_changed_taxonomy_is_measured_on_a_sample_before_retagging(
    warehouse_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped_path = PROJECT_ROOT / "config" / "taxonomy.yaml"
    old_version = taxonomy_identity(shipped_path.read_text())[0]
    texts = ["Jeg satt i telefonkø i over en time.", "Ventet i kø i 40 minutter.",
             "Fikk aldri svar på mailen.", "Takk for god hjelp!"]
    write_partition([tagged(str(i), text, taxonomy_version=old_version) for i, text in enumerate(texts)])
    load_pending_partitions()
    assert measure_taxonomy_change()["status"] == "unchanged"

    edited = yaml.safe_load(shipped_path.read_text())
    edited["themes"] = [t for t in edited["themes"] if t["id"] != "queue_wait"]
    edited["settings"]["model"] = {"enabled": False}  # the shipped model knows twelve themes
    new_path = tmp_path / "taxonomy.yaml"
    new_path.write_text(yaml.safe_dump(edited, allow_unicode=True))
    monkeypatch.setenv("THEMEWATCH_TAXONOMY_FILE", str(new_path))
    summary = measure_taxonomy_change()
    assert summary["status"] == "measured" and summary["old_version"] == old_version
    assert summary["n_sample"] == 4
    moved = rows(warehouse_file, "SELECT theme, n_old, n_new, origin FROM taxonomy_changes WHERE delta <> 0")
    assert moved == [("queue_wait", 2, 0, "sample")]
    assert measure_taxonomy_change()["status"] == "already measured"
