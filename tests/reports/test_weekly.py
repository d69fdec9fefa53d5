import os
import threading
from pathlib import Path

import lxml.html
import pytest

from reports.weekly import REPORT_FILE, REVIEW_FILE, render_weekly_report
from tests.reports.fixture_warehouse import REPORT_WEEK, RISING, alert_id
from themewatch.errors import InputError, WarehouseError


def test_render_writes_the_week_folder_and_says_what_it_wrote(warehouse, data_dir):
    result = render_weekly_report(REPORT_WEEK, "nb")
    folder = data_dir / "reports" / REPORT_WEEK
    assert result["dir"] == str(folder) and result["report"] == str(folder / REPORT_FILE)
    names = {f["name"] for f in result["files"]}
    assert {REPORT_FILE, REVIEW_FILE, "themes.csv", "drift_alerts.csv", "quotes.csv"} <= names
    for f in result["files"]:
        assert Path(f["path"]).stat().st_size == f["bytes"] > 0
    assert result["total_bytes"] == sum(f["bytes"] for f in result["files"])
    assert result["has_data"] and result["n_docs"] > 0 and result["alerts"] == 3 and result["open_alerts"] == 2
    assert 0 < result["render_seconds"] < 60
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(f".{REPORT_WEEK}.") and p.is_dir()]


def test_rerender_replaces_the_folder(warehouse, data_dir):
    first = render_weekly_report(REPORT_WEEK, "nb")
    stale = Path(first["dir"]) / "stale-from-an-old-version.csv"
    stale.write_text("old")
    second = render_weekly_report(REPORT_WEEK, "en")
    assert not stale.exists()
    assert "Weekly report" in Path(second["report"]).read_text(encoding="utf-8")
    leftovers = [p.name for p in (data_dir / "reports").iterdir() if p.is_dir() and p.name.startswith(".")]
    assert leftovers == []


def test_concurrent_renders_of_one_week_leave_one_complete_report(warehouse, data_dir):
    errors: list[BaseException] = []

    def render(lang):
        try:
            render_weekly_report(REPORT_WEEK, lang)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=render, args=(lang,)) for lang in ("nb", "sv", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    folder = data_dir / "reports" / REPORT_WEEK
    html = (folder / REPORT_FILE).read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    assert len(list(folder.glob("*.csv"))) == 13


def test_earlier_open_alerts_link_to_their_own_review_page(warehouse, data_dir):
    render_weekly_report("2026-W46", "nb")
    render_weekly_report(REPORT_WEEK, "nb")
    review = lxml.html.parse(str(data_dir / "reports" / REPORT_WEEK / REVIEW_FILE)).getroot()
    earlier = alert_id(RISING[2], RISING[0], RISING[1])
    hrefs = review.xpath('//section[@id="earlier-open"]//a/@href')
    assert f"../2026-W46/{REVIEW_FILE}#alert-{earlier}" in hrefs
    target = lxml.html.parse(str(data_dir / "reports" / "2026-W46" / REVIEW_FILE)).getroot()
    assert target.xpath(f'//*[@id="alert-{earlier}"]')


def test_week_without_data_renders_rather_than_fails(warehouse):
    result = render_weekly_report("2026-W50", "en")
    assert result["has_data"] is False and result["n_docs"] == 0
    assert "No data for this week" in Path(result["report"]).read_text(encoding="utf-8")


def test_bad_input_is_refused_before_anything_is_written(warehouse, data_dir):
    with pytest.raises(InputError):
        render_weekly_report("2026-47")
    with pytest.raises(InputError):
        render_weekly_report(REPORT_WEEK, "da")
    assert not (data_dir / "reports").exists()


def test_language_defaults_to_the_setting(warehouse, monkeypatch):
    monkeypatch.setenv("THEMEWATCH_REPORT_LANG", "sv")
    result = render_weekly_report(REPORT_WEEK)
    assert result["lang"] == "sv"
    assert "Veckorapport" in Path(result["report"]).read_text(encoding="utf-8")


def test_missing_warehouse(data_dir):
    with pytest.raises(WarehouseError, match="no warehouse yet"):
        render_weekly_report(REPORT_WEEK)


def test_folder_is_readable_by_others(warehouse):
    result = render_weekly_report(REPORT_WEEK, "nb")
    assert os.stat(result["dir"]).st_mode & 0o005 == 0o005
