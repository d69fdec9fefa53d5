"""Tag and load: tag raw partitions, load them into DuckDB, refresh trends and drift.

When the taxonomy file has changed since the warehouse was tagged, a sample of recent
posts is first re-tagged under the old and the new version and the per-theme difference
stored (taxonomy_changes), before the new version's tags replace the old ones.

Triggered by the raw lake asset. Each step works on whatever is stale (raw
newer than tagged, tagged not yet loaded), so re-runs and missed triggers
change nothing and lose nothing. Warehouse writes share a one-slot pool.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, dag, task

RAW_LAKE = Asset("themewatch://lake/raw")
WAREHOUSE = Asset("themewatch://warehouse")
WAREHOUSE_POOL = "themewatch_warehouse"


@dag(
    dag_id="themewatch_tag_load",
    schedule=[RAW_LAKE],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["themewatch", "transform", "warehouse"],
    doc_md=__doc__,
)
def themewatch_tag_load():
    @task(pool=WAREHOUSE_POOL)
    def measure_taxonomy_change() -> dict:
        from warehouse.taxonomy import measure_taxonomy_change as run

        return run()

    @task
    def tag_stale_partitions(taxonomy_change: dict) -> list[dict]:
        from transforms.pipeline import tag_stale_partitions as run

        return run()

    @task(pool=WAREHOUSE_POOL)
    def load_warehouse(tagged: list[dict]) -> dict:
        from warehouse.load import load_pending_partitions

        return load_pending_partitions()

    @task(pool=WAREHOUSE_POOL, outlets=[WAREHOUSE])
    def refresh_trends(load_summary: dict) -> dict:
        from warehouse.trends import refresh_trends as run

        return run()

    refresh_trends(load_warehouse(tag_stale_partitions(measure_taxonomy_change())))


themewatch_tag_load()
