"""Ingest: fetch every enabled source politely and land its posts in the raw lake.

One mapped task per source, so one source failing does not stop the others;
the summary task runs whatever happened upstream and records failed sources.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, Param, dag, task
from airflow.timetables.trigger import CronTriggerTimetable

RAW_LAKE = Asset("themewatch://lake/raw")


@dag(
    dag_id="themewatch_ingest",
    schedule=CronTriggerTimetable("0 3 * * *", timezone="Europe/Oslo"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    params={"run_date": Param(None, type=["null", "string"], format="date",
                              description="Day the run lands under (default: the run's logical date)")},
    tags=["themewatch", "ingest"],
    doc_md=__doc__,
)
def themewatch_ingest():
    @task
    def list_sources() -> list[str]:
        from extractors.sources import enabled_source_names

        return enabled_source_names()

    @task(retries=1, retry_delay=pendulum.duration(seconds=30), max_active_tis_per_dagrun=4)
    def ingest_source(source_name: str, params=None, ds=None) -> dict:
        from extractors.ingest import ingest_source as run

        return run(source_name, params.get("run_date") or ds)

    @task(trigger_rule="all_done", outlets=[RAW_LAKE])
    def summarise(expected: list[str], summaries: list[dict], params=None, ds=None) -> dict:
        from extractors.ingest import summarise_ingest

        return summarise_ingest(expected, list(summaries), params.get("run_date") or ds)

    names = list_sources()
    summarise(names, ingest_source.expand(source_name=names))


themewatch_ingest()
