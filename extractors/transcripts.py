"""Support-call transcripts: speaker-turn text, WebVTT, SRT and JSON turn lists.

Each turn (a run of lines or cues by one speaker) becomes one document with the
speaker's role: agent labels ("Agent", "Kundeservice", "Rådgiver", "Support",
"Handläggare", ...) or customer labels ("Kunde", "Kunden", "Kund", "Customer",
"Innringer", "Jag" - a customer's own notes of a call). The call's date comes
from a header line (``Dato:``/``Datum:``/``Date:``), a JSON field
(``started_at``...), a WebVTT ``NOTE`` line or a date in the file name; cue
offsets are added to it. Transcripts are read from a folder or over HTTP (a
directory listing linking to the files).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from extractors.base import Page, ParseContext, Post
from extractors.markup import parse_html

PLATFORM = "transcripts"
EXTENSIONS = (".txt", ".vtt", ".srt", ".json")
AGENT_LABELS = ("agent", "agenten", "kundeservice", "kundesenter", "kundservice", "kundtjänst",
                "rådgiver", "rådgivare", "support", "supporten", "handläggare", "saksbehandler",
                "operatør", "operator", "medarbeider", "medarbetare", "representative", "rep",
                "advisor", "staff", "sælger", "konsulent")
CUSTOMER_LABELS = ("kunde", "kunden", "kund", "kunder", "customer", "caller", "innringer",
                   "innringar", "uppringare", "jag", "meg", "jeg", "client", "klient")
HEADER = re.compile(r"^\s*(dato|datum|date|tidspunkt|tid|started|start|starttid|"
                    r"samtale[- ]?id|samtals[- ]?id|call[- ]?id|id|tittel|titel|title|emne|ämne|"
                    r"subject|språk|sprog|language|lang)\s*:\s*(.+)$", re.IGNORECASE)
TURN = re.compile(r"^\s*(?:\[?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?\s*)?"
                  r"([A-ZÆØÅÄÖa-zæøåäö][\wæøåäöÆØÅÄÖ .'-]{0,40}?)\s*:\s+(.*)$")
CUE_TIME = re.compile(r"^(\d{1,2}:)?(\d{2}):(\d{2})[.,](\d{3})\s*-->\s*")
VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>|$)", re.DOTALL)
DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T_ ](\d{2})[-:.]?(\d{2}))?")
JSON_DATE_KEYS = ("started_at", "start_time", "date", "timestamp", "created_at", "call_started")
JSON_TURN_KEYS = ("turns", "utterances", "segments", "transcript", "messages")
JSON_SPEAKER_KEYS = ("speaker", "name", "label", "participant", "from", "role")
JSON_ROLE_KEYS = ("role", "speaker_role", "type")
JSON_TEXT_KEYS = ("text", "utterance", "content", "message", "transcript")
JSON_OFFSET_KEYS = ("start", "offset", "start_time", "time", "begin")


def speaker_role(label: str | None, extra_agent=(), extra_customer=()) -> str:
    if not label:
        return "unknown"
    word = label.strip().casefold()
    first = word.split()[0] if word.split() else word
    if word in AGENT_LABELS or first in AGENT_LABELS or word in {w.casefold() for w in extra_agent}:
        return "agent"
    if word in CUSTOMER_LABELS or first in CUSTOMER_LABELS or \
            word in {w.casefold() for w in extra_customer}:
        return "customer"
    return "unknown"


def _offset_seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    parts = stamp.replace(",", ".").split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    seconds = 0.0
    for value in values:
        seconds = seconds * 60 + value
    return seconds


class _Turns:
    """Collects turns, merging consecutive lines/cues by the same speaker."""

    def __init__(self) -> None:
        self.turns: list[dict] = []

    def add(self, speaker: str | None, text: str, offset: float | str | None,
            role: str | None = None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self.turns and self.turns[-1]["speaker"] == speaker and self.turns[-1]["role"] == role:
            self.turns[-1]["text"] += " " + text
        else:
            self.turns.append({"speaker": speaker, "text": text, "offset": offset, "role": role})


def _read_header(line: str, header: dict[str, str]) -> bool:
    """'Samtale-ID: 1187 | Start: 2026-03-02T15:06:56+01:00 | Språk: nb' -> header keys."""
    found = False
    for part in line.split(" | "):
        match = HEADER.match(part)
        if match:
            header[match.group(1).casefold().replace(" ", "-")] = match.group(2).strip()
            found = True
    return found


def _parse_text(text: str) -> tuple[dict, list[dict]]:
    header: dict[str, str] = {}
    turns = _Turns()
    for line in text.splitlines():
        if not line.strip():
            continue
        if not turns.turns and _read_header(line, header):
            continue
        match = TURN.match(line)
        if match:
            turns.add(match.group(2).strip(), match.group(3), _offset_seconds(match.group(1)))
        elif turns.turns:
            turns.turns[-1]["text"] += " " + " ".join(line.split())
    return header, turns.turns


def _parse_cues(text: str) -> tuple[dict, list[dict]]:
    """WebVTT and SRT: cues with <v Speaker> voice tags or "Speaker: text" lines."""
    header: dict[str, str] = {}
    turns = _Turns()
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").lstrip("\ufeff"))
    for block in blocks:
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith(("WEBVTT", "NOTE")):
            for line in lines:
                _read_header(line.removeprefix("NOTE").strip(), header)
            continue
        timing = next((i for i, line in enumerate(lines) if CUE_TIME.match(line)), None)
        if timing is None:
            continue
        stamp = CUE_TIME.match(lines[timing])
        offset = (int((stamp.group(1) or "0:")[:-1]) * 3600 + int(stamp.group(2)) * 60
                  + int(stamp.group(3)) + int(stamp.group(4)) / 1000)
        cue = "\n".join(lines[timing + 1:])
        voices = VOICE.findall(cue)
        if voices:
            for speaker, said in voices:
                turns.add(speaker.strip(), re.sub(r"<[^>]+>", "", said), offset)
            continue
        for line in cue.split("\n"):
            match = TURN.match(re.sub(r"<[^>]+>", "", line))
            if match:
                turns.add(match.group(2).strip(), match.group(3), offset)
            elif turns.turns:
                turns.turns[-1]["text"] += " " + " ".join(re.sub(r"<[^>]+>", "", line).split())
    return header, turns.turns


def _parse_json(text: str) -> tuple[dict, list[dict]]:
    data = json.loads(text)
    header: dict[str, str] = {}
    items = data
    if isinstance(data, dict):
        for key in JSON_DATE_KEYS:
            if data.get(key):
                header["date"] = str(data[key])
                break
        for key in ("call_id", "id", "conversation_id"):
            if data.get(key):
                header["id"] = str(data[key])
                break
        if data.get("title") or data.get("subject"):
            header["title"] = str(data.get("title") or data.get("subject"))
        items = next((data[k] for k in JSON_TURN_KEYS if isinstance(data.get(k), list)), [])
    turns = _Turns()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        speaker = next((str(item[k]) for k in JSON_SPEAKER_KEYS if item.get(k)), None)
        role = next((str(item[k]) for k in JSON_ROLE_KEYS if item.get(k)), None)
        said = next((str(item[k]) for k in JSON_TEXT_KEYS if item.get(k)), "")
        offset_value = next((item[k] for k in JSON_OFFSET_KEYS if item.get(k) is not None), None)
        if isinstance(offset_value, (int, float)):
            offset = offset_value
        elif offset_value is not None and re.match(r"^\d{4}-\d{2}-\d{2}", str(offset_value)):
            offset = str(offset_value)  # an absolute time stamp
        else:
            offset = _offset_seconds(str(offset_value)) if offset_value is not None else None
        turns.add(speaker, said, offset, role)
    return header, turns.turns


def parse_transcript(text: str, name: str, url: str, ctx: ParseContext,
                     agent_labels=(), customer_labels=()) -> Page:
    """One transcript file -> one Page (thread = call), one Post per speaker turn."""
    suffix = Path(urlsplit(name).path).suffix.lower()
    stripped = text.lstrip("\ufeff").lstrip()
    if suffix == ".json" or stripped.startswith(("{", "[")):
        header, turns = _parse_json(stripped)
    elif suffix in (".vtt", ".srt") or stripped.startswith("WEBVTT") or CUE_TIME.search(text):
        header, turns = _parse_cues(text)
    else:
        header, turns = _parse_text(text)
    call_id = next((header[k] for k in ("id", "samtale-id", "samtaleid", "samtals-id", "call-id",
                                         "callid") if header.get(k)), Path(urlsplit(name).path).stem)
    date_text = next((header[k] for k in ("date", "dato", "datum", "tidspunkt", "tid", "started",
                                          "start") if header.get(k)), None)
    started = ctx.dates.parse(date_text) if date_text else None
    if started is None and date_text is None:
        match = DATE_IN_NAME.search(Path(urlsplit(name).path).name)
        if match:
            date_text = match.group(1) + (f" {match.group(2)}:{match.group(3)}" if match.group(2) else "")
            started = ctx.dates.parse(date_text)
    title = header.get("title") or header.get("tittel") or header.get("titel") or \
        header.get("emne") or header.get("ämne") or header.get("subject")
    page = Page(thread_id=call_id, thread_title=title)
    for index, turn in enumerate(turns, 1):
        when = started
        if isinstance(turn["offset"], str):
            when = ctx.dates.iso(turn["offset"])
            date_text = turn["offset"]
        elif started is not None and turn["offset"] is not None:
            when = started + timedelta(seconds=float(turn["offset"]))
        role = speaker_role(turn.get("role"), agent_labels, customer_labels) if turn.get("role") \
            else "unknown"
        if role == "unknown":
            role = speaker_role(turn["speaker"], agent_labels, customer_labels)
        page.posts.append(Post(
            post_id=f"{call_id}:{index}", text=turn["text"], url=f"{url}#turn-{index}",
            author=turn["speaker"], author_role=role,
            published_at=when, date_text=date_text, position=index, thread_id=call_id,
            thread_title=title))
    return page


def listing_links(html: str, base: str) -> tuple[list[str], list[str]]:
    """Transcript files and sub-folders linked from a directory listing page."""
    soup = parse_html(html)
    files, folders = [], []
    for link in soup.select("a[href]"):
        href = urljoin(base, link["href"])
        path = urlsplit(href).path
        if not href.startswith(base.rsplit("/", 1)[0]):
            continue
        if path.lower().endswith(EXTENSIONS):
            files.append(href)
        elif path.endswith("/") and len(path) > len(urlsplit(base).path):
            folders.append(href)
    return list(dict.fromkeys(files)), list(dict.fromkeys(folders))


class TranscriptsAdapter:
    platform = PLATFORM

    def iter_documents(self, source, run) -> Iterator:
        from extractors.sources import folder_path
        from themewatch import defaults

        count = 0
        if source.folder:
            folder = folder_path(source)
            if not folder.is_dir():
                from themewatch.errors import InputError
                raise InputError(f"{folder}: transcript folder not found")
            for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in EXTENSIONS):
                count += 1
                if count > defaults.MAX_TRANSCRIPT_FILES:
                    run.note_cap(str(folder), "transcript file cap reached")
                    break
                run.pages_fetched += 1
                data = path.read_bytes()
                yield from self._emit(source, run, data, path.name, path.as_uri(),
                                      datetime.fromtimestamp(path.stat().st_mtime).astimezone())
        queue = list(source.start_urls)
        seen: set[str] = set()
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            if len(seen) > source.max_listing_pages + defaults.MAX_TRANSCRIPT_FILES:
                break
            response = run.fetch(url)
            if response is None:
                continue
            if urlsplit(response.url).path.lower().endswith(EXTENSIONS):
                yield from self._emit(source, run, response.content, response.url, response.url,
                                      response.fetched_at)
                continue
            files, folders = listing_links(response.text, response.url)
            queue += [f for f in files if f not in seen] + [f for f in folders if f not in seen]

    def _emit(self, source, run, data: bytes, name: str, url: str, fetched_at) -> Iterator:
        from extractors.http import detect_encoding
        ctx = run.parse_context(source, url, fetched_at)
        try:
            page = parse_transcript(data.decode(detect_encoding(data), errors="replace"), name, url,
                                    ctx, source.agent_speakers, source.customer_speakers)
        except (ValueError, KeyError, TypeError) as exc:
            run.reject(url, None, f"malformed transcript: {exc}")
            return
        if not page.posts:
            run.reject(url, None, "no speaker turns found")
        for post in page.posts:
            document = run.document(source, post, page)
            if document is not None:
                yield document

    def parse_file(self, data: bytes, url: str, ctx: ParseContext) -> Page:
        from extractors.http import detect_encoding
        return parse_transcript(data.decode(detect_encoding(data), errors="replace"), url, url, ctx)
