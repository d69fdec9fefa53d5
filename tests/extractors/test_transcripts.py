"""Transcripts: speaker-turn text, WebVTT, SRT (windows-1252, CRLF) and JSON, from a folder and over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from extractors.http import Fetcher
from extractors.run import Run
from extractors.sources import SourceConfig
from extractors.transcripts import TranscriptsAdapter, parse_transcript, speaker_role

from .conftest import make_ctx
from .server import SITES, Route

FOLDER = SITES / "transcripts"


def turns(name: str, languages=("nb",), zone="Europe/Oslo"):
    data = (FOLDER / name).read_bytes()
    from extractors.http import detect_encoding
    return parse_transcript(data.decode(detect_encoding(data)), name, "file:///" + name,
                            make_ctx("file:///" + name, languages, zone))


def test_speaker_turn_text():
    page = turns("2026-03-02_samtale-1187.txt")
    assert (page.thread_id, page.thread_title) == ("1187", "Faktura")
    assert [(p.author, p.author_role) for p in page.posts] == [
        ("Agent", "agent"), ("Kunde", "customer"), ("Agent", "agent"), ("Kunden", "customer"),
        ("Agent", "agent")]
    assert page.posts[1].text == "Jeg har fått purring på en regning jeg betalte for to uker siden. " \
                                 "Og gebyret er på 75 kroner."
    assert page.posts[2].text.endswith("så purringen skulle aldri vært sendt.")
    assert page.posts[0].published_at == datetime(2026, 3, 2, 13, 5, tzinfo=UTC)
    assert [p.post_id for p in page.posts][:2] == ["1187:1", "1187:2"]


def test_webvtt_voices_and_offsets():
    page = turns("samtal-2231.vtt", ("sv",), "Europe/Stockholm")
    assert [(p.author, p.author_role) for p in page.posts] == [
        ("Handläggare", "agent"), ("Kund", "customer"), ("Handläggare", "agent")]
    start = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)
    assert page.posts[1].published_at == start + timedelta(seconds=6)
    assert page.posts[1].text == "Hej, mitt bredband har legat nere sedan i lördags. " \
                                 "Ingen har ringt tillbaka trots att ni lovade."


def test_srt_in_windows_1252_with_date_from_the_file_name():
    page = turns("2026-03-04_samtal-0412.srt", ("sv",), "Europe/Stockholm")
    assert [(p.author_role, p.text) for p in page.posts] == [
        ("customer", "Jag ringde om flytten av abonnemanget."),
        ("agent", "Flytten är registrerad till den 1 april."),
        ("customer", "Tack, då vet jag.")]
    assert page.posts[1].published_at == datetime(2026, 3, 3, 23, 0, 3, 500000, tzinfo=UTC)


def test_json_turn_list():
    page = turns("call-3345.json", ("da",), "Europe/Copenhagen")
    assert page.thread_id == "3345" and page.thread_title == "Opsigelse"
    assert [p.author_role for p in page.posts] == ["agent", "customer", "agent"]  # empty turn dropped
    assert page.posts[1].published_at == datetime(2026, 3, 5, 9, 0, 4, 200000, tzinfo=UTC)


@pytest.mark.parametrize("label, role", [("Kunden", "customer"), ("Kund", "customer"), ("Jag", "customer"),
                                         ("Customer", "customer"), ("Agent", "agent"),
                                         ("Kundeservice", "agent"), ("Rådgiver", "agent"), ("Ola", "unknown")])
def test_speaker_roles(label, role):
    assert speaker_role(label) == role


def test_folder_source_and_http_listing_give_the_same_turns(server, fast_policy):
    adapter = TranscriptsAdapter()
    folder = SourceConfig(name="calls", platform="transcripts", lang_hint="nb", folder=str(FOLDER))
    run = Run(source=folder, fetcher=None, salt="s")
    from_folder = sorted(d.post_id for d in adapter.iter_documents(folder, run))
    assert len(from_folder) == 14
    assert sorted(r["reason"] for r in run.rejected) == ["no speaker turns found"]
    for path in FOLDER.rglob("*"):
        if path.is_file():
            relative = path.relative_to(FOLDER).as_posix()
            name = "" if relative == "index.html" else relative.removesuffix("index.html")
            server.routes["/samtaler/" + name] = Route(body=path.read_bytes(), content_type="text/plain")
    server.routes["/samtaler/"].content_type = "text/html"
    server.routes["/samtaler/arkiv/"].content_type = "text/html"
    over_http = SourceConfig(name="calls", platform="transcripts", lang_hint="nb",
                             start_urls=[server.base + "/samtaler/"])
    with Fetcher(fast_policy, allowed_hosts={"127.0.0.1"}) as fetcher:
        run = Run(source=over_http, fetcher=fetcher, salt="s")
        assert sorted(d.post_id for d in adapter.iter_documents(over_http, run)) == from_folder
    assert run.pages_failed == 0
