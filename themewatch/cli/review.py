"""``themewatch review``: record a quality reviewer's verdict on a drift alert or emerging phrase."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class Verdict(str, Enum):
    real = "real"
    taxonomy = "taxonomy"
    noise = "noise"


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review(
        alert: Annotated[str, typer.Option(
            "--alert", metavar="ID",
            help="Alert or phrase id from the drift review page (a unique prefix will do).")],
        verdict: Annotated[Verdict, typer.Option(
            "--verdict", help="real: customers really write more/less about it; taxonomy: the theme's "
            "definition caused it; noise: nothing to act on.")],
        note: Annotated[str, typer.Option("--note", help="Why: what you saw in the posts.")] = "",
        reviewer: Annotated[str | None, typer.Option(
            "--reviewer", help="Who decides (default: THEMEWATCH_REVIEWER, else your login).")] = None,
    ) -> None:
        """Record a verdict in drift_reviews; the next report shows the alert as decided."""
        from reports.review import record_review

        done = record_review(alert, verdict.value, note, reviewer)
        what = (f"{done['theme']} on {done['source']}" if done["kind"] == "alert"
                else f"phrase \"{done['phrase']}\" ({done['lang']})")
        again = f" (supersedes {done['earlier_reviews']} earlier)" if done["earlier_reviews"] else ""
        print(f"recorded {done['verdict']} for {done['alert_id']}: {what}, {done['week']}, "
              f"by {done['reviewer']}{again}")
        print(f"re-render to see it now: themewatch report --week {done['week']}")
