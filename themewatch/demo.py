"""The main job on the bundled sample: the whole pipeline, through Airflow, on loopback.

1. write the seeded sample site (forum threads, a blog with comments, call
   transcripts in nb/sv/en over 14 weeks, with one theme rising at the end);
2. serve it on 127.0.0.1;
3. run the real DAGs with ``dag.test()``: ingest -> tag and load -> weekly report;
4. leave ``data/warehouse.duckdb`` and ``data/reports/<ISO week>/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from themewatch.airflow_local import DagRunResult, prepare_airflow, run_dags
from themewatch.errors import ThemewatchError
from themewatch.settings import PROJECT_ROOT, Settings

DEMO_SOURCES_FILE = PROJECT_ROOT / "config" / "sources.demo.yaml"
DEMO_SEED = 7
DEMO_WEEKS = 14


def last_complete_week(today: date) -> tuple[date, str]:
    """The Sunday ending the last complete ISO week before ``today``, and that week's name."""
    sunday = today - timedelta(days=today.isoweekday() % 7 or 7)
    year, week, _ = sunday.isocalendar()
    return sunday, f"{year}-W{week:02d}"


@dataclass(frozen=True)
class DemoResult:
    week: str
    warehouse: Path
    report_dir: Path
    runs: list[DagRunResult]
    seconds: float


def run_demo(
    settings: Settings,
    *,
    today: date | None = None,
    seed: int = DEMO_SEED,
    step: Callable[[str], None] = lambda message: None,
) -> DemoResult:
    """Run the demo end to end; ``step`` is told what is happening, for progress output."""
    from themewatch.sample_site import generate_sample_site, serve_sample_site

    started = time.monotonic()
    today = today or date.today()
    end_date, week = last_complete_week(today)
    site_dir = settings.data_dir / "sample_site"

    step(f"writing the sample site ({DEMO_WEEKS} weeks up to {end_date}, seed {seed}) to {site_dir}")
    summary = generate_sample_site(site_dir, seed=seed, end_date=end_date, weeks=DEMO_WEEKS)
    step(f"  {summary.describe()}")

    step("preparing Airflow (metadata DB and pools under data/airflow)")
    prepare_airflow(settings)

    with serve_sample_site(site_dir) as base_url:
        step(f"serving the sample site on {base_url}")
        extra_env = {"THEMEWATCH_SAMPLE_SITE": base_url, "THEMEWATCH_SOURCES_FILE": str(DEMO_SOURCES_FILE)}
        plan = [
            ("themewatch_ingest", {"run_date": today.isoformat()}),
            ("themewatch_tag_load", {}),
            ("themewatch_weekly_report", {"week": week}),
        ]
        step("running the DAGs: " + " -> ".join(dag_id for dag_id, _ in plan))
        runs = run_dags(settings, plan, extra_env=extra_env, log_name="demo.log")
    for run in runs:
        step(f"  {run.dag_id}: {run.state} in {run.seconds:.1f} s")
    failed = [run for run in runs if not run.ok] or ([] if len(runs) == len(plan) else runs[-1:])
    if failed:
        bad = failed[0]
        tasks = ", ".join(f"{task}={state}" for task, state in bad.task_states.items() if state != "success")
        raise ThemewatchError(
            f"DAG {bad.dag_id} ended {bad.state} ({tasks}); see {settings.airflow_home / 'demo.log'}"
        )
    return DemoResult(
        week=week,
        warehouse=settings.warehouse_path,
        report_dir=settings.reports_dir / week,
        runs=runs,
        seconds=time.monotonic() - started,
    )
