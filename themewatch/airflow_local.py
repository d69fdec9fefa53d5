"""Run the project's Airflow DAGs on one machine without a scheduler.

``make demo`` and the end-to-end tests use this: Airflow's home (SQLite
metadata DB, logs) lives under the data folder, the DAGs come from the
project's ``dags/``, and each DAG runs in-process through ``dag.test()`` in a
child Python process, because Airflow reads its configuration once, on import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from themewatch.errors import ThemewatchError
from themewatch.settings import PROJECT_ROOT, Settings

DAGS_FOLDER = PROJECT_ROOT / "dags"
POOLS_FILE = PROJECT_ROOT / "config" / "airflow" / "pools.json"


def airflow_environment(settings: Settings, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a child process needs to run our DAGs against ``settings``."""
    home = settings.airflow_home
    env = dict(os.environ)
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS_FOLDER),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__PARALLELISM="4",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home / 'airflow.db'}",
        AIRFLOW__LOGGING__BASE_LOG_FOLDER=str(home / "logs"),
        THEMEWATCH_DATA_DIR=str(settings.data_dir),
        THEMEWATCH_CONFIG_DIR=str(settings.config_dir),
        PYTHONWARNINGS="ignore::DeprecationWarning",
    )
    env.update(extra or {})
    return env


def _airflow_cli(args: list[str], env: dict[str, str], log: Path) -> None:
    airflow = Path(sys.executable).with_name("airflow")
    with log.open("a") as out:
        done = subprocess.run([str(airflow), *args], env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise ThemewatchError(f"'airflow {' '.join(args)}' failed (exit {done.returncode}); see {log}")


def prepare_airflow(settings: Settings, extra_env: dict[str, str] | None = None) -> None:
    """Create or upgrade Airflow's metadata DB and the pools our DAGs use (idempotent)."""
    settings.airflow_home.mkdir(parents=True, exist_ok=True)
    env = airflow_environment(settings, extra_env)
    log = settings.airflow_home / "setup.log"
    _airflow_cli(["db", "migrate"], env, log)
    _airflow_cli(["pools", "import", str(POOLS_FILE)], env, log)


@dataclass(frozen=True)
class DagRunResult:
    dag_id: str
    state: str
    task_states: dict[str, str]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.state == "success"


def run_dags(
    settings: Settings,
    runs: list[tuple[str, dict[str, Any]]],
    *,
    extra_env: dict[str, str] | None = None,
    log_name: str = "dag-runs.log",
) -> list[DagRunResult]:
    """Run each (dag_id, conf) with ``dag.test()``, in order, stopping at the first failed run.

    Airflow's own log output goes to ``<airflow home>/<log_name>``.
    """
    env = airflow_environment(settings, extra_env)
    log = settings.airflow_home / log_name
    result_file = settings.airflow_home / f".{log_name}.json"
    result_file.unlink(missing_ok=True)
    command = [sys.executable, "-m", "themewatch.airflow_local", json.dumps(runs), str(result_file)]
    with log.open("a") as out:
        subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if not result_file.exists():
        raise ThemewatchError(f"the DAG runner stopped before reporting; see {log}")
    return [DagRunResult(**row) for row in json.loads(result_file.read_text())]


def _run_in_this_process(runs: list[tuple[str, dict[str, Any]]], result_file: Path) -> None:
    import time

    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    if bag.import_errors:
        raise SystemExit(f"DAG import errors: {bag.import_errors}")
    results = []
    for dag_id, conf in runs:
        started = time.monotonic()
        dag_run = bag.get_dag(dag_id).test(run_conf=conf)
        states = {
            f"{ti.task_id}[{ti.map_index}]" if ti.map_index >= 0 else ti.task_id: str(ti.state)
            for ti in dag_run.get_task_instances()
        }
        results.append(
            {"dag_id": dag_id, "state": str(dag_run.state), "task_states": states,
             "seconds": round(time.monotonic() - started, 2)}
        )
        result_file.write_text(json.dumps(results))
        if str(dag_run.state) != "success":
            break


if __name__ == "__main__":
    _run_in_this_process(json.loads(sys.argv[1]), Path(sys.argv[2]))
