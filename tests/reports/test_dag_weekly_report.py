"""The weekly report DAG (dags/themewatch_weekly_report.py): wiring, schedule, and the e-mail step."""

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "themewatch_weekly_report.py"))
    assert bag.import_errors == {}
    return bag.dags["themewatch_weekly_report"]


def test_wiring(dag):
    assert set(dag.task_ids) == {"choose_week", "wait_for_week_loaded", "render_report", "email_report"}
    assert dag.get_task("render_report").upstream_task_ids == {"choose_week", "wait_for_week_loaded"}
    assert dag.get_task("email_report").upstream_task_ids == {"render_report"}
    assert dag.catchup and dag.max_active_runs == 1


def test_monday_morning_in_oslo(dag):
    timetable = dag.timetable
    assert timetable.summary == "0 6 * * 1"
    assert str(timetable._timezone.name) == "Europe/Oslo"


def test_week_parameter_is_validated(dag):
    param = dag.params.get_param("week")
    assert param.schema["pattern"] == r"^\d{4}-W\d{2}$"


def test_the_dag_file_only_wires(dag):
    source = (PROJECT_ROOT / "dags" / "themewatch_weekly_report.py").read_text()
    top_level_imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert all(not line.startswith(("from reports", "from warehouse", "import duckdb")) for line in top_level_imports)


@pytest.mark.e2e
def test_a_real_run_renders_the_week_and_skips_e_mail_without_recipients(warehouse, data_dir, monkeypatch):
    """Runs once warehouse.freshness (the warehouse engineer's sensor function) is in the tree."""
    pytest.importorskip("warehouse.freshness", reason="warehouse.freshness is not merged yet")
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.db import initdb
    from airflow.utils.state import DagRunState, TaskInstanceState

    monkeypatch.delenv("THEMEWATCH_REPORT_EMAIL_TO", raising=False)
    initdb()
    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "themewatch_weekly_report.py"))
    run = bag.dags["themewatch_weekly_report"].test(run_conf={"week": "2026-W47"})
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert run.state == DagRunState.SUCCESS, states
    assert states["render_report"] == TaskInstanceState.SUCCESS
    assert states["email_report"] == TaskInstanceState.SKIPPED
    assert (data_dir / "reports" / "2026-W47" / "report.html").exists()
