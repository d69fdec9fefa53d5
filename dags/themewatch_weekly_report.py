"""Weekly report: every Monday morning, the report of the ISO week that just ended.

Missed Mondays are caught up; a re-run for the same week replaces that week's
report. The sensor waits until the warehouse holds data loaded after the
week's end, so the report never renders a half-loaded week. The e-mail step
sends the report through the Airflow SMTP connection (THEMEWATCH_REPORT_SMTP_CONN_ID)
to THEMEWATCH_REPORT_EMAIL_TO, and is skipped when no recipients are configured.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.trigger import CronTriggerTimetable

WAREHOUSE_POOL = "themewatch_warehouse"


@dag(
    dag_id="themewatch_weekly_report",
    schedule=CronTriggerTimetable("0 6 * * 1", timezone="Europe/Oslo"),
    start_date=pendulum.datetime(2026, 11, 2, tz="Europe/Oslo"),
    catchup=True,
    max_active_runs=1,
    params={"week": Param(None, type=["null", "string"], pattern=r"^\d{4}-W\d{2}$",
                          description="ISO week to report, e.g. 2026-W47 (default: the week before the run)")},
    tags=["themewatch", "report"],
    doc_md=__doc__,
)
def themewatch_weekly_report():
    @task
    def choose_week(params=None, logical_date=None) -> str:
        from reports.weeks import week_to_report

        return week_to_report(params.get("week"), logical_date)

    @task.sensor(poke_interval=600, timeout=36 * 3600, mode="reschedule")
    def wait_for_week_loaded(week: str) -> bool:
        from warehouse.freshness import week_is_loaded

        return week_is_loaded(week)

    @task
    def render_report(week: str) -> dict:
        from reports.weekly import render_weekly_report

        return render_weekly_report(week)

    @task
    def email_report(report: dict) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from reports.delivery import send_weekly_report

        result = send_weekly_report(report)
        if not result["sent"]:
            raise AirflowSkipException(result["reason"])
        return result

    week = choose_week()
    wait = wait_for_week_loaded(week)
    report = render_report(week)
    wait >> report
    email_report(report)


themewatch_weekly_report()
