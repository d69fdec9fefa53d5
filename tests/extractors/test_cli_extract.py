"""`themewatch extract`: JSON Lines out, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from themewatch.settings import PROJECT_ROOT

from .server import SITES
from .sites import IPB, serve


def run_cli(*args: str, env=None):
    return subprocess.run([sys.executable, "-m", "themewatch", "extract", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_extract_a_saved_file_prints_json_lines():
    result = run_cli("--platform", "phpbb", "--file", str(SITES / "phpbb" / "t7-p1.html"),
                     "--base-url", "https://forum.example.se/viewtopic.php?t=7", "--lang", "sv",
                     "--timezone", "Europe/Stockholm")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["post_id"] for r in rows] == ["71", "72", "73"]
    assert rows[1]["author_role"] == "agent" and rows[1]["platform"] == "phpbb"
    assert "Lisa_G" not in result.stdout  # names only as salted hashes
    assert result.stderr.strip().endswith("3 documents, 0 rejected")


def test_extract_a_url_over_http(server, tmp_path):
    import os
    serve(server, IPB)
    env = {**os.environ, "THEMEWATCH_DATA_DIR": str(tmp_path), "THEMEWATCH_RATE_LIMIT_PER_HOST": "100"}
    result = run_cli("--platform", "ipb", "--url", server.base + "/forum/topic/101-fakturaen-er-feil-igjen/",
                     env=env)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["post_id"] for line in result.stdout.splitlines()] == ["1001", "1002"]
    assert "rejected 1003" in result.stderr and "deleted or hidden post" in result.stderr


def test_errors_are_one_line():
    missing = run_cli("--platform", "ipb", "--file", "/nonexistent/page.html")
    assert missing.returncode == 2
    assert missing.stderr == "error: /nonexistent/page.html: cannot read: No such file or directory\n"
    unknown = run_cli("--platform", "myforum", "--file", "x.html")
    assert unknown.stderr.startswith("error: unknown platform 'myforum'") and "\n" == unknown.stderr[-1]
    both = run_cli("--platform", "ipb")
    assert both.stderr == "error: give exactly one of --url or --file\n"
