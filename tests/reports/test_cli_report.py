"""``themewatch report`` (themewatch/cli/report.py) run in-process through the real entry point."""

from pathlib import Path

from tests.reports.fixture_warehouse import REPORT_WEEK
from themewatch.cli import main


def test_report_command_renders_the_week(warehouse, data_dir, capsys):
    assert main(["report", "--week", REPORT_WEEK, "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    report = data_dir / "reports" / REPORT_WEEK / "report.html"
    assert f"report:       {report}" in out and "drift review:" in out and "rendered in" in out
    assert "Väntetid och kö" in report.read_text(encoding="utf-8")


def test_no_data_week_says_so(warehouse, capsys):
    assert main(["report", "--week", "2026-W50"]) == 0
    assert "no data for this week" in capsys.readouterr().out


def test_bad_week_and_language_are_one_line_errors(warehouse, capsys):
    assert main(["report", "--week", "2026-47"]) == 2
    err = capsys.readouterr().err
    assert err == "error: week '2026-47': expected an ISO week like 2026-W47\n"
    assert main(["report", "--week", REPORT_WEEK, "--lang", "de"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "--lang" in err


def test_email_without_recipients_is_an_error_after_rendering(warehouse, monkeypatch, capsys):
    monkeypatch.delenv("THEMEWATCH_REPORT_EMAIL_TO", raising=False)
    assert main(["report", "--week", REPORT_WEEK, "--email"]) == 2
    captured = capsys.readouterr()
    assert "report:" in captured.out
    assert captured.err == "error: not e-mailed: no recipients configured " \
                           "(THEMEWATCH_REPORT_EMAIL_TO is empty)\n"


def test_missing_warehouse(data_dir, capsys):
    assert main(["report", "--week", REPORT_WEEK]) == 2
    assert capsys.readouterr().err.startswith(f"error: {Path(data_dir) / 'warehouse.duckdb'}: no warehouse yet")
