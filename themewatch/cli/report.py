"""``themewatch report``: render the weekly report of any ISO week (and e-mail it if asked)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class Lang(str, Enum):
    nb = "nb"
    sv = "sv"
    en = "en"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        week: Annotated[str | None, typer.Option(
            "--week", metavar="YYYY-Www",
            help="ISO week to report, e.g. 2026-W47 (default: last week).")] = None,
        lang: Annotated[Lang | None, typer.Option(
            "--lang", help="Language of labels and text (default: THEMEWATCH_REPORT_LANG, else nb).")] = None,
        email: Annotated[bool, typer.Option(
            "--email", help="Also e-mail it to THEMEWATCH_REPORT_EMAIL_TO through the Airflow SMTP "
            "connection.")] = False,
    ) -> None:
        """Render data/reports/<week>/: report.html, drift-review.html and the tables as CSV."""
        from rich.console import Console

        from reports.weekly import render_weekly_report
        from reports.weeks import week_to_report
        from themewatch.errors import InputError

        chosen = week_to_report(week, None)
        err = Console(stderr=True)
        with err.status(f"Rendering the report of {chosen} ..."):
            result = render_weekly_report(chosen, lang.value if lang else None)
        sizes = {f["name"]: f["bytes"] for f in result["files"]}
        note = "" if result["has_data"] else " (no data for this week: the page says so)"
        print(f"report:       {result['report']} ({_size(sizes['report.html'])}){note}")
        print(f"drift review: {result['review']} ({_size(sizes['drift-review.html'])})")
        print(f"{len(result['files'])} files, {_size(result['total_bytes'])}, "
              f"rendered in {result['render_seconds']:.1f} s")
        if email:
            from reports.delivery import send_weekly_report

            sent = send_weekly_report(result)
            if not sent["sent"]:
                raise InputError(f"not e-mailed: {sent['reason']}")
            print(f"e-mailed to {', '.join(sent['to'])} ({len(sent['attachments'])} attachments)")
