"""``themewatch tag``: tag JSON Lines of texts, one JSON line out per valid line in.

In:  ``{"id": ..., "text": "...", "lang": "nb"}`` per line (``lang`` optional: detected when
absent or not one of nb, nn, da, sv, en).
Out: ``{"id", "lang", "themes": [sorted ids], "evidence": [{"theme", "sentence", "cue"}],
"taxonomy_version"}`` per valid line, in input order.

A malformed line is reported on stderr as ``line N: <problem>`` and skipped; the other
lines are still tagged, and the exit status is 1 when any line was rejected. Blank lines
are ignored. Other tools depend on this contract: keep it stable.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from themewatch.errors import InputError

#: Exit status when at least one input line was rejected.
EXIT_REJECTED_LINES = 1


class LineRejected(ValueError):
    """One input line that cannot be tagged; the message says why."""


def parse_line(raw: bytes, number: int) -> dict[str, Any] | None:
    """The request on one input line, None for a blank line; LineRejected when malformed."""
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineRejected(f"invalid UTF-8 at byte {exc.start + 1}") from None
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineRejected(f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(row, dict):
        raise LineRejected(f"not a JSON object (got {type(row).__name__})")
    unit_id = row.get("id")
    if unit_id is None:
        raise LineRejected('no "id"')
    if isinstance(unit_id, bool) or not isinstance(unit_id, (str, int)):
        raise LineRejected('"id" must be a string or an integer')
    if "text" not in row:
        raise LineRejected('no "text"')
    if not isinstance(row["text"], str):
        raise LineRejected(f'"text" is not a string (got {_json_type(row["text"])})')
    lang = row.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise LineRejected(f'"lang" is not a string (got {_json_type(lang)})')
    return {"id": unit_id, "text": row["text"], "lang": lang}


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        yield number, raw.rstrip(b"\r\n")


def tag_lines(stream: IO[bytes], out: IO[str], err: IO[str]) -> int:
    """Tag every valid line of ``stream`` into ``out``; report bad lines on ``err``; count them."""
    from transforms.pipeline import normalise_hint, tag_text
    from transforms.tagger import get_tagger

    tagger = get_tagger()
    rejected = 0
    for number, raw in _lines(stream):
        try:
            request = parse_line(raw, number)
        except LineRejected as exc:
            rejected += 1
            err.write(f"line {number}: {exc}\n")
            continue
        if request is None:
            continue
        known = normalise_hint(request["lang"])
        tagging = tag_text(request["text"], lang=known, tagger=tagger)
        themes = tagging.result.themes
        record = {
            "id": request["id"],
            "lang": tagging.lang,
            "themes": sorted(t.theme for t in themes),
            "evidence": [
                {"theme": t.theme, "sentence": e.sentence, "cue": e.cue}
                for t in sorted(themes, key=lambda t: t.theme)
                for e in t.evidence
            ],
            "taxonomy_version": tagger.version,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return rejected


def tag(
    in_file: Annotated[
        Path | None, typer.Option("--in", help="JSON Lines to tag (default: standard input)")
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Where to write the results (default: standard output)")
    ] = None,
) -> int:
    """Tag JSON Lines {"id", "text", "lang"?}: one JSON line per valid input with themes and evidence.

    Malformed lines are reported on stderr as "line N: problem" and skipped; the exit status
    is 1 when any line was rejected.
    """
    with ExitStack() as stack:
        if in_file is None:
            source: IO[bytes] = sys.stdin.buffer
        else:
            try:
                source = stack.enter_context(in_file.open("rb"))
            except OSError as exc:
                raise InputError(f"{in_file}: cannot read: {exc.strerror}") from None
        if out_file is None:
            target: IO[str] = sys.stdout
        else:
            try:
                target = stack.enter_context(out_file.open("w", encoding="utf-8"))
            except OSError as exc:
                raise InputError(f"{out_file}: cannot write: {exc.strerror}") from None
        try:
            rejected = tag_lines(source, target, sys.stderr)
            target.flush()
        except BrokenPipeError:
            sys.stderr.close()
            return 0
        except OSError as exc:
            raise InputError(f"{in_file or out_file or 'stdin'}: {exc.strerror or exc}") from None
    return EXIT_REJECTED_LINES if rejected else 0


def register(app: typer.Typer) -> None:
    app.command("tag")(tag)
