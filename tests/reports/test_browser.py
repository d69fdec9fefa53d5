"""The rendered report in a real browser: Debian's headless Chromium driven by Playwright.

Opens report.html and drift-review.html from disk with networking of no use
(every request that is not file: or data: fails the test), checks every chart
image decodes, no console errors or page errors, follows one alert link to its
posts, and saves full-page screenshots under test-output/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reports.weekly import render_weekly_report
from tests.reports.fixture_warehouse import REPORT_WEEK

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run tools/ensure-chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900}, device_scale_factor=1)
        try:
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.on("request", lambda r: problems.append(f"network request: {r.url}")
                    if not r.url.startswith(("file:", "data:")) else None)
            yield page, problems
        finally:
            context.close()


def chart_states(page) -> list[dict]:
    return page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => ({alt: i.alt, complete: i.complete, width: i.naturalWidth,"
               " shown: i.getBoundingClientRect().width}))")


def screenshot(page, test_output: Path, name: str, record_property) -> Path:
    path = test_output / name
    page.screenshot(path=str(path), full_page=True)
    record_property("screenshot", str(path))
    print(f"screenshot: {path}")
    return path


def test_report_opens_offline_with_every_chart(warehouse, browser_page, test_output, record_property):
    page, problems = browser_page
    result = render_weekly_report(REPORT_WEEK, "nb")
    page.goto(Path(result["report"]).as_uri())
    page.wait_for_load_state("load")

    charts = chart_states(page)
    assert len(charts) == 2  # the twelve small multiples in one figure, and the movers
    for chart in charts:
        assert chart["complete"] and chart["width"] > 0 and chart["shown"] > 200, chart
    assert page.title().startswith("Ukerapport · Uke 47")
    assert page.locator("#themes tbody tr").count() == 12
    assert problems == []
    shot = screenshot(page, test_output, f"report-{REPORT_WEEK}.png", record_property)
    assert shot.stat().st_size > 50_000

    # the posts behind an alert are one click away
    link = page.locator("#alerts tbody tr").first.locator("a").first
    href = link.get_attribute("href")
    assert href.startswith("drift-review.html#alert-")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href)
    card = page.locator("#" + href.split("#", 1)[1])
    assert card.is_visible() and card.locator("blockquote").count() >= 2

    review_charts = chart_states(page)
    assert len(review_charts) >= 5  # three alerts, two phrases with posts, one taxonomy diff
    for chart in review_charts:
        if chart["shown"]:  # charts inside a closed <details> are not laid out
            assert chart["complete"] and chart["width"] > 0, chart
        else:
            assert chart["complete"], chart
    assert problems == []
    screenshot(page, test_output, f"drift-review-{REPORT_WEEK}.png", record_property)


def test_no_data_page_in_the_browser(warehouse, browser_page, test_output, record_property):
    page, problems = browser_page
    result = render_weekly_report("2026-W50", "en")
    page.goto(Path(result["report"]).as_uri())
    assert "No data for this week" in page.inner_text("main")
    assert chart_states(page) == [] and problems == []


def test_chromium_helper_script_is_idempotent():
    script = Path(__file__).resolve().parents[2] / "tools" / "ensure-chromium.sh"
    if not CHROMIUM.exists() or shutil.which("bash") is None:
        pytest.skip("chromium not installed here")
    import subprocess

    done = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
