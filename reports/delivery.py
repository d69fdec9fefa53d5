"""E-mailing the weekly report through Airflow's SMTP connection (optional).

The body is the report's summary and theme table (mail clients block the
inline chart images of the full page); ``report.html``, ``drift-review.html``
and the CSVs travel as attachments. With no recipients configured
(``THEMEWATCH_REPORT_EMAIL_TO`` empty) nothing is sent and the caller is told
why, so the DAG can skip the step cleanly.
"""

from __future__ import annotations

import smtplib
from pathlib import Path
from typing import Any

from reports.formatting import format_week_span
from reports.strings import strings
from reports.weekly import EMAIL_FILE, REPORT_FILE, REVIEW_FILE
from reports.weeks import parse_week
from themewatch.errors import ThemewatchError
from themewatch.settings import get_settings


class DeliveryError(ThemewatchError):
    """The report could not be e-mailed (SMTP connection missing, refused, or rejected)."""


def email_subject(report: dict[str, Any]) -> str:
    t = strings(report["lang"])
    monday = parse_week(report["week"])
    subject = f"Themewatch · {t.report} · {t.week.format(number=monday.isocalendar()[1])} · " \
              f"{format_week_span(monday, report['lang'])}"
    if report.get("open_alerts"):
        subject += f" · {t.open_alerts}: {report['open_alerts']}"
    return subject


def attachments(folder: Path) -> list[Path]:
    """The files sent with the report: both pages, then the CSVs by name."""
    return [folder / REPORT_FILE, folder / REVIEW_FILE] + sorted(folder.glob("*.csv"))


def send_weekly_report(report: dict[str, Any], to: list[str] | None = None,
                       conn_id: str | None = None) -> dict[str, Any]:
    """Send a rendered report (the dict ``render_weekly_report`` returned) to its recipients."""
    settings = get_settings()
    recipients = list(to) if to is not None else settings.report_email_to
    if not recipients:
        return {"sent": False, "reason": "no recipients configured (THEMEWATCH_REPORT_EMAIL_TO is empty)"}
    conn_id = conn_id or settings.report_smtp_conn_id
    folder = Path(report["dir"])
    body_path = folder / EMAIL_FILE
    if not body_path.exists():
        raise DeliveryError(f"{folder}: no rendered report to send (render the week first)")
    files = attachments(folder)
    subject = email_subject(report)

    from airflow.providers.common.compat.sdk import AirflowException
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    try:
        with SmtpHook(smtp_conn_id=conn_id) as hook:
            hook.send_email_smtp(to=recipients, subject=subject,
                                 html_content=body_path.read_text(encoding="utf-8"),
                                 files=[str(path) for path in files])
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"e-mail through Airflow connection {conn_id!r} failed: {exc}") from None
    except AirflowException as exc:  # connection missing or misconfigured
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DeliveryError(f"e-mail through Airflow connection {conn_id!r}: {first}") from None
    return {"sent": True, "to": recipients, "subject": subject, "conn_id": conn_id,
            "attachments": [path.name for path in files],
            "bytes": sum(path.stat().st_size for path in files)}
