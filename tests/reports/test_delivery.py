"""E-mail delivery against a real SMTP server (aiosmtpd) on 127.0.0.1, through Airflow's SMTP hook."""

import json
import socket
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from reports.delivery import DeliveryError, send_weekly_report
from reports.weekly import render_weekly_report
from tests.reports.fixture_warehouse import REPORT_WEEK

CONN_ID = "themewatch_test_smtp"


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_smtp_connection(monkeypatch, port: int) -> None:
    monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", json.dumps({
        "conn_type": "smtp", "host": "127.0.0.1", "port": port,
        "extra": {"disable_tls": True, "disable_ssl": True, "from_email": "themewatch@example.org",
                  "retry_limit": 0, "timeout": 10}}))
    monkeypatch.setenv("THEMEWATCH_REPORT_SMTP_CONN_ID", CONN_ID)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture
def rendered(warehouse):
    return render_weekly_report(REPORT_WEEK, "nb")


def test_report_arrives_with_its_attachments(rendered, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    use_smtp_connection(monkeypatch, controller.port)
    monkeypatch.setenv("THEMEWATCH_REPORT_EMAIL_TO", "kundeinnsikt@example.org; leder@example.org")

    result = send_weekly_report(rendered)

    assert result["sent"] and result["to"] == ["kundeinnsikt@example.org", "leder@example.org"]
    [envelope] = inbox.envelopes
    assert envelope.mail_from == "themewatch@example.org"
    assert sorted(envelope.rcpt_tos) == ["kundeinnsikt@example.org", "leder@example.org"]
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"].startswith("Themewatch · Ukerapport · Uke 47 · 16.–22. november 2026")
    assert "Åpne varsler: 2" in message["Subject"]
    body = message.get_body(preferencelist=("html",)).get_content()
    assert "Mest omtalt: Ventetid og kø" in body
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    folder = Path(rendered["dir"])
    assert list(attachments)[:2] == ["report.html", "drift-review.html"]
    assert {name for name in attachments if name.endswith(".csv")} == {p.name for p in folder.glob("*.csv")}
    assert attachments["report.html"] == (folder / "report.html").read_bytes()
    assert attachments["themes.csv"] == (folder / "themes.csv").read_bytes()


def test_no_recipients_means_nothing_is_sent(rendered, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    use_smtp_connection(monkeypatch, controller.port)
    monkeypatch.delenv("THEMEWATCH_REPORT_EMAIL_TO", raising=False)
    result = send_weekly_report(rendered)
    assert result == {"sent": False,
                      "reason": "no recipients configured (THEMEWATCH_REPORT_EMAIL_TO is empty)"}
    assert inbox.envelopes == []


def test_unreachable_server_is_a_one_line_error(rendered, monkeypatch):
    use_smtp_connection(monkeypatch, free_port())  # nothing listens there
    with pytest.raises(DeliveryError) as caught:
        send_weekly_report(rendered, to=["a@example.org"])
    assert CONN_ID in str(caught.value) and "\n" not in str(caught.value)


def test_missing_connection_is_a_one_line_error(rendered, monkeypatch):
    monkeypatch.setenv("THEMEWATCH_REPORT_SMTP_CONN_ID", "no_such_smtp_connection")
    with pytest.raises(DeliveryError, match="no_such_smtp_connection"):
        send_weekly_report(rendered, to=["a@example.org"])
