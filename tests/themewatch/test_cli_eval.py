"""``themewatch eval --gold`` through the real console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

THEMEWATCH = Path(sys.executable).with_name("themewatch")


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(THEMEWATCH), "eval", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def _gold(path: Path) -> Path:
    rows = [
        {"id": "a", "lang": "nb", "text": "Damen i kassa var frekk og nedlatende mot meg.", "themes": ["rude_staff"]},
        {"id": "b", "lang": "nb", "text": "Jeg har ventet i tre uker uten å få svar.", "themes": ["queue_wait", "no_response"]},
        {"id": "c", "lang": "sv", "text": "Personalen var otrevlig och sur hela tiden.", "themes": ["rude_staff"]},
        {"id": "d", "lang": "sv", "text": "Maten var god och lokalen var mysig.", "themes": []},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_prints_per_theme_scores_per_language_and_overall(tmp_path: Path) -> None:
    done = run_eval("--gold", str(_gold(tmp_path / "gold.jsonl")), "--errors")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("== nb (2 units) ==", "== sv (2 units) ==", "== all (4 units) =="):
        assert heading in out
    assert "theme              prec recall     F1 support  pred" in out
    assert out.count("macro-F1") == 3 and out.count("\nmicro ") == 3
    rude = [line.split() for line in out.splitlines() if line.startswith("rude_staff")]
    assert rude[-1][1:5] == ["1.00", "1.00", "1.00", "2"]
    assert "accuracy 1.000 (4/4)" in out
    assert "== units with errors" in out


def test_bad_gold_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "lang": "nb", "text": "x", "themes": ["no_such_theme"]}\n', encoding="utf-8")
    done = run_eval("--gold", str(bad))
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: {bad}:1: unknown theme id no_such_theme"
    done = run_eval("--gold", str(tmp_path / "missing.jsonl"))
    assert done.stderr.strip() == f"error: {tmp_path / 'missing.jsonl'}: file not found"
    done = run_eval("--gold", str(_gold(tmp_path / "g.jsonl")), "--lang-source", "guess")
    assert done.returncode == 2 and "--lang-source: must be one of detect, gold" in done.stderr
