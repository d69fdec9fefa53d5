"""DAG integrity and policy: team law, in the spirit of Astronomer's project template.

Every DAG file parses, does no work at import time, and follows the rules
that keep runs idempotent and the warehouse single-writer.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from themewatch.airflow_local import DAGS_FOLDER, POOLS_FILE

EXPECTED_TASKS = {
    "themewatch_ingest": {"list_sources", "ingest_source", "summarise"},
    "themewatch_tag_load": {"measure_taxonomy_change", "tag_stale_partitions", "load_warehouse", "refresh_trends"},
    "themewatch_weekly_report": {"choose_week", "wait_for_week_loaded", "render_report"},
}
WAREHOUSE_WRITERS = {
    ("themewatch_tag_load", "measure_taxonomy_change"),
    ("themewatch_tag_load", "load_warehouse"),
    ("themewatch_tag_load", "refresh_trends"),
}
HEAVY_MODULES = ("duckdb", "nltk", "lingua", "pyarrow", "matplotlib", "extractors", "transforms", "warehouse", "reports")


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_FOLDER))


def test_every_dag_file_parses(dagbag) -> None:
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == set(EXPECTED_TASKS)


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_TASKS))
def test_dag_has_the_expected_tasks(dagbag, dag_id: str) -> None:
    dag = dagbag.dags[dag_id]
    expected = EXPECTED_TASKS[dag_id]
    assert expected <= set(dag.task_ids), f"missing tasks: {expected - set(dag.task_ids)}"


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_TASKS))
def test_dag_follows_team_policy(dagbag, dag_id: str) -> None:
    dag = dagbag.dags[dag_id]
    assert dag.tags and "themewatch" in dag.tags
    assert dag.doc_md, "every DAG explains itself"
    assert dag.max_active_runs == 1, "runs of one DAG must not race each other"
    assert dag.start_date is not None


def test_schedules(dagbag) -> None:
    from airflow.timetables.trigger import CronTriggerTimetable

    ingest = dagbag.dags["themewatch_ingest"].timetable
    assert isinstance(ingest, CronTriggerTimetable)
    assert (ingest._expression, ingest._timezone.name) == ("0 3 * * *", "Europe/Oslo")
    tag_load = dagbag.dags["themewatch_tag_load"].timetable
    assert [a.uri for a in tag_load.asset_condition.objects] == ["themewatch://lake/raw"]
    report = dagbag.dags["themewatch_weekly_report"]
    assert isinstance(report.timetable, CronTriggerTimetable)
    assert (report.timetable._expression, report.timetable._timezone.name) == ("0 6 * * 1", "Europe/Oslo")
    assert report.catchup, "missed Mondays are caught up"


def test_warehouse_writers_share_the_one_slot_pool(dagbag) -> None:
    pools = json.loads(POOLS_FILE.read_text())
    assert pools["themewatch_warehouse"]["slots"] == 1
    for dag_id in EXPECTED_TASKS:
        for task in dagbag.dags[dag_id].tasks:
            assert task.pool in set(pools) | {"default_pool"}, f"{dag_id}.{task.task_id}: unknown pool {task.pool}"
            if (dag_id, task.task_id) in WAREHOUSE_WRITERS:
                assert task.pool == "themewatch_warehouse"


def test_raw_lake_asset_links_ingest_to_tag_load(dagbag) -> None:
    summarise = dagbag.dags["themewatch_ingest"].get_task("summarise")
    assert [a.uri for a in summarise.outlets] == ["themewatch://lake/raw"]


@pytest.mark.parametrize("dag_file", sorted(p.name for p in DAGS_FOLDER.glob("*.py")))
def test_dag_file_does_no_work_at_import(dag_file: str) -> None:
    """Parsing imports only Airflow: no stage code, no network, no warehouse."""
    probe = (
        "import json, runpy, socket, sys\n"
        "def refuse(*a, **k): raise RuntimeError('network used at DAG parse time')\n"
        "socket.socket.connect = refuse\n"
        f"runpy.run_path({str(DAGS_FOLDER / dag_file)!r})\n"
        f"print(json.dumps(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
