"""The tagging stage against a real lake in a temporary folder: staleness, accounting, idempotence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import themewatch
from themewatch.lake import Lake, Partition
from themewatch.records import RawDocument, new_raw_document
from transforms.pipeline import normalise_hint, tag_documents, tag_stale_partitions, tag_text
from transforms.taxonomy import load_taxonomy

FETCHED = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
DAY1, DAY2 = date(2026, 11, 2), date(2026, 11, 3)


def raw(post_id: str, text: str, *, source: str = "forum-nb", hint: str | None = "nb") -> RawDocument:
    return new_raw_document(source=source, platform="phpbb", url=f"https://example.org/t/{post_id}",
                            post_id=post_id, text=text, salt="s", fetched_at=FETCHED,
                            published_at=FETCHED, lang_hint=hint, author="Kari Nordmann")


NB_DOCS = [
    raw("1", "Jeg ventet i kø i to timer, og damen som svarte var frekk og nedlatende."),
    raw("2", "Takk til Ingrid i kundeservice, fikk veldig god hjelp!"),
    raw("3", "[quote=Per]De var frekke.[/quote]"),  # only a quote: nothing of its own
    raw("1", "Jeg ventet i kø i to timer, og damen som svarte var frekk og nedlatende."),  # duplicate
    raw("4", "Hvad sker der? Jeg har ringet til jer hver dag i en uge og ingen tager telefonen."),
]
SV_DOCS = [raw("9", "Personalen var otrevlig och nedlåtande.", source="forum-sv", hint="sv")]


def test_tag_documents_detects_language_with_the_hint_as_prior(small_taxonomy) -> None:
    tagged = tag_documents([NB_DOCS[0], NB_DOCS[4], SV_DOCS[0]])
    assert [t.raw.post_id for t in tagged] == ["1", "4", "9"]
    assert [t.lang for t in tagged] == ["nb", "da", "sv"]  # post 4 is Danish on a Norwegian forum
    first = tagged[0]
    assert {t.theme for t in first.themes} >= {"queue_wait", "rude_staff"}
    assert first.taxonomy_version == load_taxonomy().version
    assert first.pipeline_version == themewatch.PIPELINE_VERSION
    assert first.n_tokens == 15
    for tag in first.themes:
        assert 0.5 <= tag.score <= 1.0 and tag.evidence
    old = tag_documents([NB_DOCS[0]], taxonomy=small_taxonomy)
    assert old[0].taxonomy_version == small_taxonomy.version
    assert [t.theme for t in old[0].themes] == ["rude_staff"]


def test_tag_text_leaves_other_languages_untagged() -> None:
    german = "Ich habe drei Stunden gewartet und das Personal war sehr unhöflich zu mir."
    assert tag_text(german).lang == "other" and tag_text(german).result.themes == ()
    assert [normalise_hint(h) for h in ("nb-NO", "no", "sv_SE", "eng", "de", None)] == [
        "nb", "nb", "sv", "en", None, None
    ]


@pytest.fixture
def lake(data_dir: Path) -> Lake:
    lake = Lake(data_dir / "lake")
    lake.write_raw("forum-nb", DAY1, NB_DOCS)
    lake.write_raw("forum-sv", DAY1, SV_DOCS)
    return lake


def test_a_typographic_apostrophe_negates_like_a_straight_one() -> None:
    """Phones write "wasn’t": the negator must still cancel the cue after it."""
    for text in ("The agent wasn't rude at all.", "The agent wasn’t rude at all."):
        assert "rude_staff" not in tag_text(text, lang="en").result.theme_ids
    assert "rude_staff" in tag_text("The agent was rude.", lang="en").result.theme_ids


def test_every_raw_document_is_tagged_or_accounted_for(lake: Lake) -> None:
    summaries = tag_stale_partitions()
    assert [(s["source"], s["run_date"], s["reason"]) for s in summaries] == [
        ("forum-nb", "2026-11-02", "not tagged yet"), ("forum-sv", "2026-11-02", "not tagged yet")
    ]
    part = Partition("tagged", "forum-nb", DAY1)
    record = lake.read_run_record(part)
    assert record["stage"] == "tag" and record["status"] == "success"
    assert record["run_id"] == "tag:forum-nb:2026-11-02"
    assert (record["items_seen"], record["items_stored"], record["items_duplicate"],
            record["items_rejected"]) == (5, 3, 1, 1)
    assert record["rejected"] == [{"url": "https://example.org/t/3", "post_id": "3", "stage": "tag",
                                   "reason": "empty text after removing quoted posts"}]
    assert record["taxonomy_version"] == load_taxonomy().version
    rows = lake.read_table(part).to_pylist()
    assert [r["post_id"] for r in rows] == ["1", "2", "4"]
    assert [r["lang"] for r in rows] == ["nb", "nb", "da"]
    themes = {r["post_id"]: sorted(t["theme"] for t in r["themes"]) for r in rows}
    assert themes["1"] == ["queue_wait", "rude_staff"] and themes["2"] == ["praise"]
    assert rows[0]["author_hash"] and "Kari" not in str(rows[0])
    evidence = rows[0]["themes"][0]["evidence"][0]
    assert set(evidence) == {"sentence_idx", "sentence", "cue"}


def test_a_second_call_does_nothing(lake: Lake) -> None:
    tag_stale_partitions()
    path = lake.part_path(Partition("tagged", "forum-nb", DAY1))
    before = (Path(path).stat().st_mtime_ns, Path(path).read_bytes())
    assert tag_stale_partitions() == []
    assert (Path(path).stat().st_mtime_ns, Path(path).read_bytes()) == before


def test_new_or_rewritten_raw_partitions_are_tagged_again(lake: Lake) -> None:
    tag_stale_partitions()
    lake.write_raw("forum-nb", DAY2, NB_DOCS[:2])
    lake.write_raw("forum-sv", DAY1, SV_DOCS + [raw("10", "Väntade i telefonkö i en timme.",
                                                      source="forum-sv", hint="sv")])
    summaries = tag_stale_partitions()
    assert {(s["source"], s["run_date"]) for s in summaries} == {
        ("forum-nb", "2026-11-03"), ("forum-sv", "2026-11-02")
    }
    assert lake.read_run_record(Partition("tagged", "forum-sv", DAY1))["items_stored"] == 2
    assert tag_stale_partitions() == []


def test_another_taxonomy_version_retags_everything(lake: Lake, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tag_stale_partitions()
    edited = tmp_path / "taxonomy.yaml"
    edited.write_text(load_taxonomy().path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    monkeypatch.setenv("THEMEWATCH_TAXONOMY_FILE", str(edited))
    summaries = tag_stale_partitions()
    assert len(summaries) == 2
    assert all(s["reason"].startswith("taxonomy version ") for s in summaries)
    new_version = load_taxonomy(edited).version
    table = lake.read_table(Partition("tagged", "forum-nb", DAY1))
    assert set(table.column("taxonomy_version").to_pylist()) == {new_version}
    assert tag_stale_partitions() == []


def test_an_unreadable_partition_is_recorded_as_failed_and_the_others_are_tagged(lake: Lake) -> None:
    bad = Path(lake.part_path(Partition("raw", "forum-sv", DAY1)))
    bad.write_bytes(b"not parquet at all")
    summaries = tag_stale_partitions()
    by_source = {s["source"]: s for s in summaries}
    assert by_source["forum-nb"]["status"] == "success"
    assert by_source["forum-sv"]["status"] == "failed" and by_source["forum-sv"]["error"]
    record = lake.read_run_record(Partition("tagged", "forum-sv", DAY1))
    assert record["status"] == "failed" and record["error"]
    assert record["items_seen"] == record["items_stored"] + record["items_duplicate"] + record["items_rejected"]
    lake.write_raw("forum-sv", DAY1, SV_DOCS)  # fixed: the next call retries it
    assert [s["source"] for s in tag_stale_partitions()] == ["forum-sv"]


def test_tagged_partitions_use_the_lake_schema(lake: Lake) -> None:
    tag_stale_partitions()
    path = lake.part_path(Partition("tagged", "forum-nb", DAY1))
    from themewatch.lake import TAGGED_SCHEMA

    assert pq.read_schema(path).remove_metadata().equals(TAGGED_SCHEMA)


def test_a_new_tagging_revision_retags_everything(lake: Lake, monkeypatch: pytest.MonkeyPatch) -> None:
    tag_stale_partitions()
    monkeypatch.setattr(themewatch, "PIPELINE_VERSION", themewatch.PIPELINE_VERSION + ".next")
    summaries = tag_stale_partitions()
    assert len(summaries) == 2
    assert all(s["reason"].startswith("pipeline version ") for s in summaries)
    assert tag_stale_partitions() == []
