"""The walking skeleton, end to end: real DAG runs against the loopback sample site.

One demo run in a private data folder, then assertions on what landed in
DuckDB and on disk, then a second run of the same interval that must change
nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

import pytest

from themewatch.airflow_local import run_dags
from themewatch.demo import DEMO_SOURCES_FILE, last_complete_week, run_demo
from themewatch.settings import get_settings

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("airflow")]

TODAY = date(2026, 11, 23)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("e2e") / "data"
    mp = pytest.MonkeyPatch()
    mp.setenv("THEMEWATCH_DATA_DIR", str(data))
    settings = get_settings()
    result = run_demo(settings, today=TODAY)
    yield settings, result
    mp.undo()


def _query(settings, sql: str) -> list[tuple]:
    from warehouse.connection import connect

    with connect(read_only=True, path=settings.warehouse_path) as con:
        return con.execute(sql).fetchall()


def _warehouse_fingerprint(settings) -> str:
    rows = _query(
        settings,
        "SELECT doc_id, content_hash, text, lang FROM documents ORDER BY doc_id",
    ) + _query(settings, "SELECT doc_id, theme, score FROM document_themes ORDER BY ALL")
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _truth_units(settings) -> list[dict]:
    lines = (settings.data_dir / "sample_site" / "_truth" / "units.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_every_dag_run_succeeds(demo_run) -> None:
    _, result = demo_run
    assert [run.dag_id for run in result.runs] == [
        "themewatch_ingest", "themewatch_tag_load", "themewatch_weekly_report"]
    assert all(run.ok for run in result.runs), result.runs


def test_every_published_unit_lands_once(demo_run) -> None:
    settings, _ = demo_run
    expected = [u for u in _truth_units(settings) if not u.get("deleted")]
    (n_docs,) = _query(settings, "SELECT count(*) FROM documents")[0]
    assert n_docs == len(expected)
    by_lang = dict(_query(settings, "SELECT lang, count(*) FROM documents GROUP BY lang"))
    assert {"nb", "sv", "en"} <= set(by_lang)


def test_privacy_holds_in_the_warehouse(demo_run) -> None:
    settings, _ = demo_run
    names = {u["author"] for u in _truth_units(settings) if u.get("author")}
    texts = [t for (t,) in _query(settings, "SELECT text FROM documents")]
    hashes = {h for (h,) in _query(settings, "SELECT DISTINCT author_hash FROM documents")}
    assert names and not names & hashes
    assert all(h is None or re.fullmatch(r"[0-9a-f]{16}", h) for h in hashes)
    assert not any(EMAIL.search(t) for t in texts)
    assert any("[e-mail]" in t or "[phone]" in t for t in texts), "the sample has PII to redact"


def test_weekly_trend_shows_the_rising_theme(demo_run) -> None:
    settings, _ = demo_run
    rows = _query(
        settings,
        "SELECT week, sum(n_docs) / sum(n_docs_total) FROM theme_weekly "
        "WHERE theme = 'extra_cost' GROUP BY week ORDER BY week",
    )
    assert len(rows) >= 12
    shares = [share for _, share in rows]
    early, late = sum(shares[:-3]) / len(shares[:-3]), sum(shares[-3:]) / 3
    assert late > 2 * early
    monday = _query(settings, "SELECT min(week) FROM theme_weekly")[0][0]
    assert monday.isoweekday() == 1


def test_drift_flags_the_rising_theme(demo_run) -> None:
    settings, _ = demo_run
    flagged = _query(settings, "SELECT DISTINCT theme FROM theme_drift WHERE flag")
    assert ("extra_cost",) in flagged


def test_weekly_report_is_on_disk(demo_run) -> None:
    settings, result = demo_run
    _, week = last_complete_week(TODAY)
    assert result.report_dir == settings.reports_dir / week
    html = (result.report_dir / "report.html").read_text()
    assert "Uke 47" in html and "data:image/svg+xml;base64," in html
    assert "Ekstra kostnader" in html, "the rising theme is in the report, with its Norwegian label"
    assert (result.report_dir / "themes.csv").exists()


def _lake_fingerprint(settings) -> dict[str, int]:
    from themewatch.lake import Lake

    lake = Lake(settings.lake_dir)
    return {
        f"{part.kind}/{part.source}/{part.run_date}": lake.read_table(part).num_rows
        for kind in ("raw", "tagged")
        for part in lake.partitions(kind)
    }


def test_rerunning_the_same_interval_changes_nothing(demo_run) -> None:
    settings, _ = demo_run
    before = _warehouse_fingerprint(settings)
    lake_before = _lake_fingerprint(settings)
    assert lake_before and all(lake_before.values())
    from themewatch.sample_site import serve_sample_site

    with serve_sample_site(settings.data_dir / "sample_site") as base_url:
        env = {"THEMEWATCH_SAMPLE_SITE": base_url, "THEMEWATCH_SOURCES_FILE": str(DEMO_SOURCES_FILE)}
        runs = run_dags(
            settings,
            [("themewatch_ingest", {"run_date": TODAY.isoformat()}), ("themewatch_tag_load", {})],
            extra_env=env,
            log_name="rerun.log",
        )
    assert all(run.ok for run in runs), runs
    assert _warehouse_fingerprint(settings) == before
    assert _lake_fingerprint(settings) == lake_before
