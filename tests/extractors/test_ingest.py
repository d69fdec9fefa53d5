"""Whole ingest runs against the fixture forum on 127.0.0.1: landing, accounting, incremental runs."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.ingest import ingest_source, summarise_ingest
from extractors.sources import enabled_source_names
from extractors.state import SourceState
from themewatch.errors import FetchError
from themewatch.lake import RAW, Lake, Partition
from themewatch.records import make_doc_id
from themewatch.settings import get_settings
from transforms.privacy import hash_author

from .sites import IPB, serve, write_sources


@pytest.fixture
def forum(server, fast_env, tmp_path, monkeypatch):
    serve(server, IPB)
    sources = tmp_path / "sources.yaml"
    write_sources(sources, [
        {"name": "forum", "platform": "ipb", "start_urls": [server.base + "/forum/"], "lang_hint": "nb"},
        {"name": "borte", "platform": "ipb", "start_urls": [server.base + "/finnes-ikke/"]},
        {"name": "av", "platform": "ipb", "start_urls": [server.base + "/forum/"], "enabled": False},
    ])
    monkeypatch.setenv("THEMEWATCH_SOURCES_FILE", str(sources))
    return server


def lake() -> Lake:
    return Lake(get_settings().lake_dir)


def raw(source: str, day: str):
    return lake().read_raw(Partition(RAW, source, date.fromisoformat(day)))


def record(source: str, day: str) -> dict:
    return lake().read_run_record(Partition(RAW, source, date.fromisoformat(day)))


def adds_up(rec: dict) -> bool:
    return rec["items_seen"] == rec["items_stored"] + rec["items_duplicate"] + rec["items_rejected"] \
        and rec["items_rejected"] == len(rec["rejected"])


def test_first_run_lands_every_post_with_accounting(forum):
    assert enabled_source_names() == ["forum", "borte"]
    summary = ingest_source("forum", "2026-03-14")
    docs = {d.post_id: d for d in raw("forum", "2026-03-14")}
    assert sorted(docs) == ["1001", "1002", "1004", "2001", "3001"]
    rec = record("forum", "2026-03-14")
    assert rec["status"] == "success" and adds_up(rec)
    assert (rec["items_stored"], rec["items_duplicate"], rec["items_rejected"]) == (5, 0, 1)
    assert rec["rejected"] == [{"url": forum.base + "/forum/topic/101-fakturaen-er-feil-igjen/#findComment-1003",
                                "post_id": "1003", "stage": "extract", "reason": "deleted or hidden post"}]
    kari, ola, per = docs["1001"], docs["1002"], docs["1004"]
    salt = get_settings().author_salt()
    assert kari.author_hash == hash_author("Kari Nordmann", salt) and "Kari" not in kari.text
    assert "[phone]" in kari.text and "912 34 567" not in kari.text
    assert ola.author_role == "agent" and ola.quoted_ids == (make_doc_id("forum", "1001"),)
    assert per.quoted_ids == (make_doc_id("forum", "1002"),) and per.position == 4
    assert [kari.position, ola.position] == [1, 2] and kari.lang_hint == "nb"
    assert summary["items_stored"] == 5 and summary["pages_failed"] == 0
    # the pagination loop of thread 103 was cut after one repeated page
    assert forum.requests_to("/forum/topic/103-sidene-gar-i-ring/page/3/") == 0


def test_second_run_is_conditional_and_stores_nothing_then_an_edit_is_stored_again(forum):
    ingest_source("forum", "2026-03-14")
    first_log = len(forum.log)
    summary = ingest_source("forum", "2026-03-15")
    second = [entry for entry in forum.log[first_log:] if entry[1] != "/robots.txt"]
    assert second and all(conditional for _, _, conditional in second)
    assert summary["pages_fetched"] == 0 and summary["pages_not_modified"] == len(second)
    rec = record("forum", "2026-03-15")
    assert (rec["items_stored"], rec["items_duplicate"], rec["items_rejected"]) == (0, 5, 1)
    assert raw("forum", "2026-03-15") == []
    # an edit on page 1: only that post is stored again, under the same doc_id
    page = forum.routes["/forum/topic/101-fakturaen-er-feil-igjen/"]
    page.body = page.body.replace(b"Beklager dette!", "Beklager så mye!".encode())
    ingest_source("forum", "2026-03-16")
    (edited,) = raw("forum", "2026-03-16")
    assert edited.doc_id == make_doc_id("forum", "1002") and edited.text.startswith("Beklager så mye!")
    assert record("forum", "2026-03-16")["items_duplicate"] == 4


def test_rerunning_the_same_day_changes_nothing(forum):
    def snapshot():
        rows = sorted(repr(sorted(d.to_dict().items())) for d in raw("forum", "2026-03-14"))
        items = {k: v for k, v in record("forum", "2026-03-14").items()
                 if k.startswith("items_") or k in ("rejected", "status")}
        return rows, items

    ingest_source("forum", "2026-03-14")
    before = snapshot()
    ingest_source("forum", "2026-03-14")  # this time every page answers 304
    assert snapshot() == before


def test_state_advances_only_after_the_partition_is_written(forum, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    original = Lake.write_raw
    monkeypatch.setattr(Lake, "write_raw", broken)
    with pytest.raises(OSError):
        ingest_source("forum", "2026-03-14")
    assert record("forum", "2026-03-14")["status"] == "failed"
    assert SourceState.load(get_settings().state_dir / "forum").seen == {}
    monkeypatch.setattr(Lake, "write_raw", original)
    forum_env_ok = ingest_source("forum", "2026-03-14")  # the killed run's posts are not lost
    assert forum_env_ok["items_stored"] == 5


def test_a_failing_source_is_recorded_and_does_not_stop_the_others(forum):
    ok = ingest_source("forum", "2026-03-14")
    with pytest.raises(FetchError, match="finnes-ikke/: HTTP 404"):
        ingest_source("borte", "2026-03-14")
    failed = record("borte", "2026-03-14")
    assert failed["status"] == "failed" and "HTTP 404" in failed["error"] and adds_up(failed)
    totals = summarise_ingest(["forum", "borte", "ukjent"], [ok], "2026-03-14")
    assert totals["failed"] == ["borte", "ukjent"] and totals["items_stored"] == 5
    assert "HTTP 404" in record("borte", "2026-03-14")["error"]  # the task's own error is kept
    assert record("ukjent", "2026-03-14")["status"] == "failed"
