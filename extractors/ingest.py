"""Ingest orchestration: what the DAG's tasks call.

``ingest_source(name, run_date)`` crawls one source and lands its new and
changed posts in ``raw/source=<name>/run_date=<day>/`` with the accounting in
``_run.json``; only then is the source's state advanced. ``summarise_ingest``
records every source whose task failed upstream and returns totals.

Accounting: every post seen is stored (new, edited, or already stored under
this run date), a duplicate (stored by an earlier run, unchanged), or rejected
with a reason; every page that failed is one rejected item of stage "fetch".
So ``items_seen == items_stored + items_duplicate + items_rejected``.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

from extractors.adapters import adapter_for
from extractors.http import Fetcher, FetchPolicy
from extractors.run import Run
from extractors.sources import SourceConfig, get_source
from extractors.state import SourceState
from themewatch import PIPELINE_VERSION
from themewatch.errors import FetchError, ThemewatchError
from themewatch.lake import RAW, Lake, Partition
from themewatch.records import RawDocument, StageRunRecord
from themewatch.settings import get_settings

log = logging.getLogger(__name__)

__all__ = ["ingest_source", "summarise_ingest"]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _record(source: str, run_date: str, started: str, status: str, error: str | None,
            run: Run | None = None, stored: int = 0, duplicate: int = 0) -> StageRunRecord:
    rejected = list(run.rejected) if run else []
    return StageRunRecord(
        run_id=f"ingest:{source}:{run_date}", stage="ingest", source=source, run_date=run_date,
        dag_run_id=None, started_at=started, finished_at=_now(), status=status, error=error,
        pages_fetched=run.pages_fetched if run else 0,
        pages_not_modified=run.pages_not_modified if run else 0,
        pages_failed=run.pages_failed if run else 0,
        items_seen=stored + duplicate + len(rejected), items_stored=stored,
        items_duplicate=duplicate, items_rejected=len(rejected), rejected=rejected,
        pipeline_version=PIPELINE_VERSION, taxonomy_version=None)


def make_fetcher(source: SourceConfig, state: SourceState) -> Fetcher:
    settings = get_settings()
    policy = FetchPolicy.from_environment(settings.user_agent, source.rate_limit)
    return Fetcher(policy, allowed_hosts=source.hosts or None, cache_dir=state.cache_dir)


def collect(source: SourceConfig, run_date: str, state: SourceState,
            fetcher: Fetcher | None) -> tuple[Run, dict[str, RawDocument], int]:
    """Crawl the source; returns the run, the documents to store (by doc_id), duplicates."""
    run = Run(source=source, fetcher=fetcher, salt=get_settings().author_salt())
    to_store: dict[str, RawDocument] = {}
    duplicate = 0
    seen_this_run: set[str] = set()
    for document in adapter_for(source.platform).iter_documents(source, run):
        if document.doc_id in seen_this_run:
            duplicate += 1
            continue
        seen_this_run.add(document.doc_id)
        verdict = state.judge(document.doc_id, document.content_hash, run_date)
        if verdict == "duplicate":
            duplicate += 1
        else:
            to_store[document.doc_id] = document
    return run, to_store, duplicate


def ingest_source(source_name: str, run_date: str) -> dict[str, Any]:
    """Fetch one source and land new/changed posts under ``run_date`` (YYYY-MM-DD)."""
    day = date.fromisoformat(run_date)
    started = _now()
    settings = get_settings()
    lake = Lake(settings.lake_dir)
    partition = Partition(RAW, source_name, day)
    run: Run | None = None
    try:
        source = get_source(source_name)
        state = SourceState.load(settings.state_dir / source.name)
        fetcher = make_fetcher(source, state) if source.start_urls else None
        try:
            run, to_store, duplicate = collect(source, run_date, state, fetcher)
        finally:
            if fetcher is not None:
                fetcher.close()
        if run.pages_failed and not (run.pages_fetched or run.pages_not_modified):
            raise FetchError(run.errors[0] if len(run.errors) == 1 else
                             f"{source.name}: every page failed ({run.pages_failed}); first: {run.errors[0]}")
        if lake.exists(partition):
            kept = {d.doc_id: d for d in lake.read_raw(partition)}
            for doc_id, document in list(to_store.items()):
                old = kept.get(doc_id)
                if old is not None and old.content_hash == document.content_hash:
                    to_store[doc_id] = old  # re-run of the same day: keep the row as it was
            kept.update(to_store)
            rows = list(kept.values())
        else:
            rows = list(to_store.values())
        rows.sort(key=lambda d: (d.thread_id or "", d.position if d.position is not None else -1,
                                 d.post_id))
        lake.write_raw(source.name, day, rows)
        record = _record(source.name, run_date, started, "success", None, run,
                         stored=len(to_store), duplicate=duplicate)
        lake.write_run_record(partition, dict(record))
        state.commit({d.doc_id: d.content_hash for d in to_store.values()}, run_date,
                     run.thread_marks)
    except ThemewatchError as exc:
        lake.write_run_record(partition, dict(_record(source_name, run_date, started, "failed",
                                                      str(exc), run)))
        raise
    except Exception as exc:
        lake.write_run_record(partition, dict(_record(source_name, run_date, started, "failed",
                                                      f"{type(exc).__name__}: {exc}", run)))
        raise
    summary = {
        "source": source.name, "run_date": run_date, "status": "success",
        "pages_fetched": record["pages_fetched"], "pages_not_modified": record["pages_not_modified"],
        "pages_failed": record["pages_failed"], "items_seen": record["items_seen"],
        "items_stored": record["items_stored"], "items_duplicate": record["items_duplicate"],
        "items_rejected": record["items_rejected"], "requests": fetcher.stats.requests if fetcher else 0,
    }
    log.info("ingest %s %s: %s", source.name, run_date, summary)
    return summary


def summarise_ingest(expected: list[str], summaries: list[dict], run_date: str) -> dict[str, Any]:
    """Totals of a DAG run; a failed StageRunRecord for each source with no summary."""
    lake = Lake(get_settings().lake_dir)
    day = date.fromisoformat(run_date)
    done = {s.get("source") for s in summaries if s}
    failed = []
    for name in expected:
        if name in done:
            continue
        failed.append(name)
        partition = Partition(RAW, name, day)
        existing = lake.read_run_record(partition)
        if existing and existing.get("status") == "failed":
            continue  # the task wrote its own failure record, with the real error
        lake.write_run_record(partition, dict(_record(
            name, run_date, _now(), "failed",
            "ingest task failed upstream and returned no summary (see the task log)")))
    totals = {key: sum(int(s.get(key, 0)) for s in summaries if s)
              for key in ("pages_fetched", "pages_not_modified", "pages_failed", "items_seen",
                          "items_stored", "items_duplicate", "items_rejected")}
    return {"run_date": run_date, "sources": len(expected), "succeeded": sorted(done - {None}),
            "failed": failed, **totals}
