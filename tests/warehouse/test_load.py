"""warehouse.load: idempotent upserts keyed on doc_id, lineage, rejects, taxonomy hook, atomicity."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.warehouse.warehouse_builders import MONDAY, at, rows, run_record, tagged, write_partition
from themewatch.lake import TAGGED_SCHEMA, Lake, Partition
from themewatch.settings import get_settings
from warehouse.connection import connect
from warehouse.load import load_pending_partitions
from warehouse.taxonomy import taxonomy_identity

TABLES = ("documents", "document_themes", "theme_weekly", "theme_monthly", "runs",
          "rejected_documents", "lake_files", "taxonomy_changes")
RUN_DATE = MONDAY + timedelta(days=7)


def snapshot(path: Path) -> dict[str, list]:
    con = connect(read_only=True, path=path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def three_posts(**kw) -> list:
    return [
        tagged("1", "Ventet i telefonkøen i to timer.", themes=("queue_wait",), **kw),
        tagged("2", "Fikk aldri svar på e-posten.", themes=("no_response",), **kw),
        tagged("3", "Veldig god hjelp, takk!", themes=("praise",), **kw),
    ]


def test_first_load_stores_documents_themes_counts_and_lineage(warehouse_file: Path) -> None:
    write_partition(three_posts(), run_record=run_record("tag", "forum-nb", RUN_DATE))
    summary = load_pending_partitions()
    assert summary["status"] == "loaded"
    assert summary["documents"] == {"new": 3, "updated": 0, "unchanged": 0, "superseded": 0, "rejected": 0}
    assert rows(warehouse_file, "SELECT count(*) FROM documents") == [(3,)]
    assert rows(warehouse_file, "SELECT theme, n_docs, n_docs_total FROM theme_weekly ORDER BY theme") == [
        ("no_response", 1, 3), ("praise", 1, 3), ("queue_wait", 1, 3)]
    assert rows(warehouse_file, "SELECT DISTINCT week FROM document_themes") == [(MONDAY,)]
    load_run = rows(warehouse_file, "SELECT items_seen, items_stored, items_duplicate, items_rejected, status "
                                    "FROM runs WHERE run_id = ?", [f"load:forum-nb:{RUN_DATE}"])
    assert load_run == [(3, 3, 0, 0, "success")]
    tag_run = rows(warehouse_file, "SELECT stage, items_seen, pages_fetched, dag_run_id FROM runs WHERE run_id = ?",
                   [f"tag:forum-nb:{RUN_DATE}"])
    assert tag_run == [("tag", 5, 3, "manual__1")]
    assert rows(warehouse_file, "SELECT stage, post_id, reason FROM rejected_documents") == [
        ("extract", "9", "no post body")]


def test_loading_again_or_rewriting_the_same_partition_changes_nothing(warehouse_file: Path) -> None:
    posts = three_posts()
    write_partition(posts)
    load_pending_partitions()
    before = snapshot(warehouse_file)
    assert load_pending_partitions()["status"] == "up to date"
    write_partition(list(reversed(posts)))  # same posts, new file bytes: a DAG re-run
    summary = load_pending_partitions()
    assert summary["documents"]["unchanged"] == 3 and summary["documents"]["new"] == 0
    after = snapshot(warehouse_file)
    for table in ("documents", "document_themes", "theme_weekly", "theme_monthly", "rejected_documents"):
        assert after[table] == before[table], table


def test_a_file_rewritten_with_the_same_bytes_is_not_loaded_again(warehouse_file: Path) -> None:
    posts = three_posts()
    part = write_partition(posts)
    load_pending_partitions()
    before = snapshot(warehouse_file)
    write_partition(posts)  # identical bytes, new modification time
    assert load_pending_partitions()["status"] == "up to date"
    assert snapshot(warehouse_file) == before
    stat = Path(Lake(get_settings().lake_dir).part_path(part)).stat()
    assert rows(warehouse_file, "SELECT size FROM lake_files WHERE kind = 'tagged'") == [(stat.st_size,)]


def test_backfilling_an_interval_already_loaded_leaves_the_warehouse_identical(warehouse_file: Path) -> None:
    write_partition(three_posts(), run_date=RUN_DATE)
    load_pending_partitions()
    before = snapshot(warehouse_file)
    # A backfill re-fetches the same posts, unchanged, into an earlier and a later run date.
    write_partition(three_posts(), run_date=RUN_DATE - timedelta(days=1))
    write_partition(three_posts(fetched=at(RUN_DATE + timedelta(days=3))), run_date=RUN_DATE + timedelta(days=3))
    summary = load_pending_partitions()
    assert summary["documents"]["new"] == summary["documents"]["updated"] == 0
    after = snapshot(warehouse_file)
    for table in ("documents", "document_themes", "theme_weekly", "theme_monthly"):
        assert after[table] == before[table], table


def test_an_edited_post_replaces_its_earlier_version_and_its_themes(warehouse_file: Path) -> None:
    write_partition(three_posts())
    load_pending_partitions()
    edited = tagged("1", "Endret: de var frekke og nedlatende i telefonen.", themes=("rude_staff",),
                    edited=at(MONDAY + timedelta(days=8)), fetched=at(MONDAY + timedelta(days=9)))
    write_partition([edited], run_date=RUN_DATE + timedelta(days=2))
    summary = load_pending_partitions()
    assert summary["documents"]["updated"] == 1
    doc = edited.raw.doc_id
    assert rows(warehouse_file, "SELECT text, edited_at IS NOT NULL FROM documents WHERE doc_id = ?", [doc]) == [
        ("Endret: de var frekke og nedlatende i telefonen.", True)]
    assert rows(warehouse_file, "SELECT theme FROM document_themes WHERE doc_id = ?", [doc]) == [("rude_staff",)]
    assert rows(warehouse_file, "SELECT count(*) FROM documents") == [(3,)]
    assert rows(warehouse_file, "SELECT n_docs FROM theme_weekly WHERE theme = 'queue_wait'") == [(0,)]
    assert rows(warehouse_file, "SELECT n_docs FROM theme_weekly WHERE theme = 'rude_staff'") == [(1,)]


def test_an_older_version_arriving_later_does_not_win(warehouse_file: Path) -> None:
    newer = tagged("1", "Ny tekst etter redigering.", themes=("incompetence",),
                   edited=at(MONDAY + timedelta(days=2)), fetched=at(MONDAY + timedelta(days=5)))
    write_partition([newer], run_date=RUN_DATE)
    load_pending_partitions()
    older = tagged("1", "Opprinnelig tekst.", themes=("queue_wait",), fetched=at(MONDAY + timedelta(days=1)))
    write_partition([older], run_date=RUN_DATE - timedelta(days=5))
    summary = load_pending_partitions()
    assert summary["documents"]["superseded"] == 1
    assert rows(warehouse_file, "SELECT text FROM documents") == [("Ny tekst etter redigering.",)]
    load_run = rows(warehouse_file, "SELECT items_seen, items_stored, items_duplicate, items_superseded FROM runs "
                                    "WHERE run_id = ?", [f"load:forum-nb:{RUN_DATE - timedelta(days=5)}"])
    assert load_run == [(1, 0, 1, 1)]


def test_two_versions_in_one_batch_keep_the_newest_whatever_the_order(warehouse_file: Path) -> None:
    old = tagged("7", "Første versjon.", fetched=at(MONDAY + timedelta(days=1)))
    new = tagged("7", "Andre versjon.", fetched=at(MONDAY + timedelta(days=3)), edited=at(MONDAY + timedelta(days=2)))
    write_partition([new], run_date=RUN_DATE - timedelta(days=3))
    write_partition([old], run_date=RUN_DATE - timedelta(days=5))
    summary = load_pending_partitions()
    assert summary["documents"]["new"] == 1
    assert rows(warehouse_file, "SELECT text FROM documents") == [("Andre versjon.",)]
    counted = rows(warehouse_file, "SELECT sum(items_seen), sum(items_stored), sum(items_duplicate) FROM runs WHERE stage = 'load'")
    assert counted == [(2, 1, 1)]


def test_rows_that_cannot_be_loaded_are_rejected_with_reasons_and_counts_add_up(warehouse_file: Path) -> None:
    good = [d.to_dict() for d in three_posts()]
    no_id = {**good[0], "doc_id": None}
    no_text = {**good[1], "doc_id": "x" * 20, "text": None}
    bad_theme = {**good[2], "doc_id": "y" * 20, "themes": [{"theme": None, "score": 1.0, "evidence": []}]}
    lake = Lake(get_settings().lake_dir)
    part = Partition("tagged", "forum-nb", RUN_DATE)
    Path(lake.part_path(part)).parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(good + [no_id, no_text, bad_theme], schema=TAGGED_SCHEMA), lake.part_path(part))
    summary = load_pending_partitions()
    assert summary["documents"]["new"] == 3 and summary["documents"]["rejected"] == 3
    reasons = rows(warehouse_file, "SELECT stage, reason FROM rejected_documents ORDER BY reason")
    assert reasons == [("load", "a theme without an id"), ("load", "no doc_id"), ("load", "no text")]
    seen, stored, duplicate, rejected = rows(
        warehouse_file, "SELECT items_seen, items_stored, items_duplicate, items_rejected FROM runs WHERE stage = 'load'")[0]
    assert (seen, stored, rejected) == (6, 3, 3) and seen == stored + duplicate + rejected


def test_a_failed_ingest_without_parquet_still_reaches_runs(warehouse_file: Path) -> None:
    lake = Lake(get_settings().lake_dir)
    record = run_record("ingest", "blog-sv", RUN_DATE, status="failed", error="HTTP 503 from blog.example",
                        items_seen=0, items_stored=0, items_duplicate=0, items_rejected=0, rejected=[])
    lake.write_run_record(Partition("raw", "blog-sv", RUN_DATE), record)
    summary = load_pending_partitions()
    assert summary["run_records"] == 1 and summary["tagged_partitions"] == 0
    assert rows(warehouse_file, "SELECT status, error FROM runs WHERE source = 'blog-sv'") == [
        ("failed", "HTTP 503 from blog.example")]


def test_a_malformed_run_record_is_reported_and_retried_until_fixed(warehouse_file: Path) -> None:
    lake = Lake(get_settings().lake_dir)
    part = Partition("raw", "forum-nb", RUN_DATE)
    Path(lake.part_path(part)).parent.mkdir(parents=True)
    (Path(lake.part_path(part)).parent / "_run.json").write_text("{not json")
    write_partition(three_posts())
    summary = load_pending_partitions()
    assert summary["documents"]["new"] == 3
    assert len(summary["problems"]) == 1 and "raw/source=forum-nb" in summary["problems"][0]
    assert "not a JSON run record" in summary["problems"][0]
    lake.write_run_record(part, run_record("ingest", "forum-nb", RUN_DATE))
    summary = load_pending_partitions()
    assert summary["problems"] == [] and summary["run_records"] == 1
    assert rows(warehouse_file, "SELECT count(*) FROM runs WHERE stage = 'ingest'") == [(1,)]


def test_counts_that_do_not_add_up_are_flagged(warehouse_file: Path) -> None:
    lake = Lake(get_settings().lake_dir)
    lake.write_run_record(Partition("raw", "forum-nb", RUN_DATE),
                          run_record("ingest", "forum-nb", RUN_DATE, items_seen=9))
    summary = load_pending_partitions()
    assert "do not add up" in summary["problems"][0]


def test_a_taxonomy_change_is_recorded_before_the_new_tags_replace_the_old(
    warehouse_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (Path(__file__).resolve().parents[2] / "config" / "taxonomy.yaml").read_text()
    old_version = taxonomy_identity(shipped)[0]
    edited = shipped + "\n# runaround cues widened\n"
    new_version = taxonomy_identity(edited)[0]
    write_partition([
        tagged("1", "Ventet lenge og ble satt over tre ganger.", themes=("queue_wait",), taxonomy_version=old_version),
        tagged("2", "Ble satt over til en annen avdeling.", themes=("queue_wait",), taxonomy_version=old_version),
        tagged("3", "Fikk aldri svar.", themes=("no_response",), taxonomy_version=old_version),
    ])
    load_pending_partitions()
    taxonomy_file = tmp_path / "taxonomy.yaml"
    taxonomy_file.write_text(edited)
    monkeypatch.setenv("THEMEWATCH_TAXONOMY_FILE", str(taxonomy_file))
    write_partition([  # the same posts re-tagged under the edited taxonomy, which finds runaround
        tagged("1", "Ventet lenge og ble satt over tre ganger.", themes=("queue_wait", "runaround"), taxonomy_version=new_version),
        tagged("2", "Ble satt over til en annen avdeling.", themes=("runaround",), taxonomy_version=new_version),
        tagged("3", "Fikk aldri svar.", themes=("no_response",), taxonomy_version=new_version),
    ])
    summary = load_pending_partitions()
    assert summary["documents"]["updated"] == 3 and summary["taxonomy_changes"] == 3
    changes = rows(warehouse_file, "SELECT theme, n_sample, n_old, n_new, delta, "
                                   "n_gained, n_lost, origin FROM taxonomy_changes ORDER BY theme")
    assert changes == [
        ("no_response", 3, 1, 1, 0, 0, 0, "load"),
        ("queue_wait", 3, 2, 1, -1, 0, 1, "load"),
        ("runaround", 3, 0, 2, 2, 2, 0, "load"),
    ]
    assert rows(warehouse_file, "SELECT DISTINCT old_version, new_version FROM taxonomy_changes") == [
        (old_version, new_version)]
    versions = {v: (has_text, themes) for v, has_text, themes in rows(
        warehouse_file, "SELECT version, file_text IS NOT NULL, themes FROM taxonomy_versions")}
    assert versions[old_version][0] is True, "the configured file carried this version at the first load"
    assert versions[new_version][0] is True and len(versions[new_version][1]) == 12
    assert rows(warehouse_file, "SELECT DISTINCT taxonomy_version FROM document_themes") == [(new_version,)]


def test_a_load_killed_half_way_leaves_the_warehouse_as_before(warehouse_file: Path) -> None:
    write_partition(three_posts())
    load_pending_partitions()
    before = snapshot(warehouse_file)
    write_partition([tagged("4", "Enda et innlegg om ventetid.")], run_date=RUN_DATE + timedelta(days=1))
    code = textwrap.dedent("""
        import os
        import warehouse.load as load
        write = load.write_batch
        def write_then_die(*args, **kwargs):
            write(*args, **kwargs)
            os._exit(9)
        load.write_batch = write_then_die
        load.load_pending_partitions()
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[2], check=False)
    assert result.returncode == 9
    assert snapshot(warehouse_file) == before
    assert load_pending_partitions()["documents"]["new"] == 1
