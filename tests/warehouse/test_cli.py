"""themewatch query / search / trends through the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.warehouse.warehouse_builders import (
    START_W,
    tagged,
    weekly_corpus,
    write_partition,
    write_weeks,
)
from warehouse.load import load_pending_partitions
from warehouse.trends import refresh_trends

SCRIPT = Path(sys.executable).parent / "themewatch"


def themewatch(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "THEMEWATCH_DATA_DIR": str(data_dir), "COLUMNS": "160"}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture
def loaded(data_dir: Path) -> Path:
    write_weeks(weekly_corpus(10, 60, {"queue_wait": 0.2, "praise": 0.1}, start=START_W, seed=4))
    write_partition([tagged("kø", "Satt i telefonkøen i en evighet, helt håpløst.")])
    load_pending_partitions()
    refresh_trends()
    return data_dir


def test_query_prints_a_table_csv_or_json_lines(loaded: Path) -> None:
    sql = "SELECT theme, sum(n_docs) AS n FROM theme_weekly GROUP BY theme ORDER BY theme"
    table = themewatch("query", sql, data_dir=loaded)
    assert table.returncode == 0, table.stderr
    assert "queue_wait" in table.stdout and "┃ theme" in table.stdout
    csv = themewatch("query", sql, "--format", "csv", data_dir=loaded)
    assert csv.stdout.splitlines()[0] == "theme,n" and csv.stdout.splitlines()[2].startswith("queue_wait,")
    lines = themewatch("query", sql, "-f", "jsonl", data_dir=loaded).stdout.splitlines()
    assert [json.loads(line)["theme"] for line in lines] == ["praise", "queue_wait"]


def test_query_refuses_writes_with_one_line(loaded: Path) -> None:
    result = themewatch("query", "DELETE FROM documents", data_dir=loaded)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        ("error: themewatch query only reads: DELETE statements are refused "
         "(the warehouse is opened read-only; writes belong to the pipeline)")]
    assert "Traceback" not in result.stderr


def test_query_errors_are_one_line(loaded: Path, tmp_path: Path) -> None:
    bad = themewatch("query", "SELECT * FROM nowhere", data_dir=loaded)
    assert bad.returncode == 2 and bad.stderr.startswith("error: Catalog Error") and len(bad.stderr.splitlines()) == 1
    missing = themewatch("query", "SELECT 1", data_dir=tmp_path / "empty")
    assert missing.returncode == 2 and "no warehouse yet" in missing.stderr
    fmt = themewatch("query", "SELECT 1", "--format", "xml", data_dir=loaded)
    assert fmt.returncode == 2 and "--format must be one of table, csv, jsonl" in fmt.stderr


def test_search_finds_the_post_with_its_theme_and_link(loaded: Path) -> None:
    result = themewatch("search", "telefonkø", "--theme", "queue_wait", "--weeks", "4", data_dir=loaded)
    assert result.returncode == 0, result.stderr
    assert "1 post matching 'telefonkø'" in result.stdout and "telefonkøen" in result.stdout
    assert "https://forum.example/forum-nb/kø" in result.stdout
    rows = [json.loads(line) for line in themewatch("search", "telefonkø", "-f", "jsonl", data_dir=loaded).stdout.splitlines()]
    assert [r["themes"] for r in rows] == [["queue_wait"]] and rows[0]["week"] == "2026-09-07"
    until = themewatch("search", "telefonkø", "--until", "2026-W36", data_dir=loaded)
    assert until.returncode == 0 and "0 posts matching 'telefonkø' (until 2026-W36)" in until.stdout
    unknown = themewatch("search", "telefonkø", "--theme", "nope", data_dir=loaded)
    assert unknown.returncode == 2 and unknown.stderr.startswith("error: unknown theme 'nope' (known: praise, queue_wait)")


def test_trends_for_one_theme_and_for_all(loaded: Path) -> None:
    one = themewatch("trends", "--theme", "queue_wait", "--weeks", "3", data_dir=loaded)
    assert one.returncode == 0, one.stderr
    assert "queue_wait · all sources · 2026-W35..2026-W37" in one.stdout
    assert one.stdout.count("2026-W3") == 5  # two in the title, three weeks
    lines = [json.loads(line) for line in themewatch("trends", "-t", "queue_wait", "-w", "3", "-f", "jsonl",
                                                      data_dir=loaded).stdout.splitlines()]
    assert [line["week"] for line in lines] == ["2026-08-24", "2026-08-31", "2026-09-07"]
    assert all(0 <= line["share"] <= 1 for line in lines)
    every = themewatch("trends", "--weeks", "2", "--until", "2026-W36", data_dir=loaded)
    assert every.returncode == 0 and "praise" in every.stdout and "W35" in every.stdout and "W37" not in every.stdout
    bad = themewatch("trends", "--weeks", "0", data_dir=loaded)
    assert bad.returncode == 2 and "--weeks must be at least 1" in bad.stderr
