"""``themewatch tag`` through the real console script: the JSON Lines contract and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from transforms.taxonomy import load_taxonomy

THEMEWATCH = Path(sys.executable).with_name("themewatch")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_tag(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(THEMEWATCH), "tag", *args], input=stdin, capture_output=True,
                          timeout=120, env=full_env, check=False)


def lines(*rows: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n"
                    for r in rows)


def test_valid_lines_give_one_result_each_in_order() -> None:
    version = load_taxonomy(PROJECT_ROOT / "config" / "taxonomy.yaml").version
    done = run_tag(stdin=lines(
        {"id": "n1", "text": "Jeg ventet i kø i to timer. Damen var frekk og nedlatende.", "lang": "nb"},
        {"id": 2, "text": "Jag fick aldrig något svar på mitt mejl, trots tre påminnelser."},
        {"id": "e3", "text": "", "lang": "en"},
    ))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["n1", 2, "e3"]
    for record in out:
        assert set(record) == {"id", "lang", "themes", "evidence", "taxonomy_version"}
        assert record["taxonomy_version"] == version
        assert record["themes"] == sorted(record["themes"])
        assert {e["theme"] for e in record["evidence"]} == set(record["themes"])
        for evidence in record["evidence"]:
            assert set(evidence) == {"theme", "sentence", "cue"}
    first = out[0]
    assert first["lang"] == "nb"
    assert first["themes"] == ["queue_wait", "rude_staff"]
    assert "Damen var frekk og nedlatende." in {e["sentence"] for e in first["evidence"]}
    assert out[1]["lang"] == "sv" and "no_response" in out[1]["themes"]
    assert out[2] == {"id": "e3", "lang": "en", "themes": [], "evidence": [], "taxonomy_version": version}


def test_a_given_language_is_used_not_detected() -> None:
    done = run_tag(stdin=lines({"id": 1, "text": "Personalen var otrevlig.", "lang": "sv"},
                               {"id": 2, "text": "Personalen var otrevlig.", "lang": "nb-NO"},
                               {"id": 3, "text": "Personalen var otrevlig.", "lang": "xx"}))
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["lang"] for r in out] == ["sv", "nb", "sv"]  # unknown codes are detected
    assert out[0]["themes"] == ["rude_staff"] and out[1]["themes"] == []


BAD_LINES = [
    (b"this is not json", "line 2: not JSON: Expecting value (column 1)"),
    (b'["a", "list"]', "line 3: not a JSON object (got list)"),
    (b'"a string"', "line 4: not a JSON object (got str)"),
    (b'{"text": "no id here"}', 'line 5: no "id"'),
    (b'{"id": null, "text": "null id"}', 'line 6: no "id"'),
    (b'{"id": {"x": 1}, "text": "object id"}', 'line 7: "id" must be a string or an integer'),
    (b'{"id": 8, "text": 42}', 'line 8: "text" is not a string (got number)'),
    (b'{"id": 9, "text": null}', 'line 9: "text" is not a string (got null)'),
    (b'{"id": 10}', 'line 10: no "text"'),
    (b'{"id": 11, "text": "caf\xe9 au lait"}', "line 11: invalid UTF-8 at byte 24"),
    (b'{"id": 12, "text": "ok", "lang": 5}', 'line 12: "lang" is not a string (got number)'),
    (b'{"id": 13, "text": "unterminated', "line 13: not JSON: Unterminated string starting at (column 20)"),
]


def test_every_kind_of_malformed_line_is_reported_and_the_rest_tagged() -> None:
    good_first = {"id": "first", "text": "De svarte aldri på e-posten min.", "lang": "nb"}
    good_last = {"id": "last", "text": "Kundtjänsten var otrevlig.", "lang": "sv"}
    stdin = lines(good_first, *(bad for bad, _ in BAD_LINES), b"", good_last)
    done = run_tag(stdin=stdin)
    assert done.returncode == 1
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    assert stderr.splitlines() == [message for _, message in BAD_LINES]
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["first", "last"]
    assert out[0]["themes"] == ["no_response"] and out[1]["themes"] == ["rude_staff"]


def test_in_and_out_files(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + lines({"id": 1, "text": "He was rude.", "lang": "en"}))
    target = tmp_path / "out.jsonl"
    done = run_tag("--in", str(source), "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["themes"] == ["rude_staff"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--in", "/nonexistent/in.jsonl"), "error: /nonexistent/in.jsonl: cannot read: No such file or directory"),
        (("--out", "/nonexistent/dir/out.jsonl"), "error: /nonexistent/dir/out.jsonl: cannot write: No such file or directory"),
        (("--bogus",), "error: No such option: --bogus (Possible options: --out)"),
    ],
)
def test_unusable_files_and_options_are_one_line_errors(args: tuple[str, ...], message: str) -> None:
    done = run_tag(*args, stdin=lines({"id": 1, "text": "x"}))
    assert done.returncode == 2
    assert done.stderr.decode().strip() == message


def test_a_broken_taxonomy_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "taxonomy.yaml"
    text = (PROJECT_ROOT / "config" / "taxonomy.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("stems: [frekk", 'stems: ["fr(kk"', 1), encoding="utf-8")
    done = run_tag(stdin=lines({"id": 1, "text": "x"}), env={"THEMEWATCH_TAXONOMY_FILE": str(broken)})
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert stderr.startswith(f"error: {broken}: theme rude_staff: cues.nb.stems[0] 'fr(kk': ")
    assert len(stderr.splitlines()) == 1
