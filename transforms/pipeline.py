"""The tagging stage as plain functions: what the tag/load DAG and ``themewatch tag`` call.

- ``tag_documents(raw_docs)``: RawDocuments -> TaggedDocuments (language detected
  per document with the source's hint as a prior, themes with evidence).
- ``tag_stale_partitions()``: tags every raw lake partition whose tagged
  partition is missing, failed, older than its raw file, or made with another
  taxonomy or pipeline version; writes the tagged partition and a "tag"
  StageRunRecord in which every raw document is stored, skipped as a
  duplicate or rejected with a reason. A second call finds nothing stale.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import themewatch
from themewatch.lake import RAW, TAGGED, Lake, Partition
from themewatch.records import RawDocument, RejectedItem, StageRunRecord, TaggedDocument
from transforms.language import LANGUAGES, OTHER, LanguageIdentifier, default_identifier
from transforms.tagger import Tagger, TagResult, get_tagger
from transforms.taxonomy import Taxonomy
from transforms.text import count_words, normalise, strip_quoted

log = logging.getLogger(__name__)

STAGE = "tag"
#: Longest text tagged as a whole; longer ones are cut here (and say so in the run record).
MAX_TEXT_CHARS = 100_000

_HINT_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn", "swe": "sv", "dan": "da", "eng": "en"}


def normalise_hint(hint: str | None) -> str | None:
    """'nb-NO', 'no', 'sv_SE', 'eng' -> 'nb', 'nb', 'sv', 'en'; anything else -> None."""
    if not hint:
        return None
    code = re.split(r"[-_]", hint.strip().lower(), maxsplit=1)[0]
    code = _HINT_ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def prepare_text(text: str) -> str:
    """What the tagger reads: normalised, without quoted earlier posts."""
    return strip_quoted(normalise(text or ""))[:MAX_TEXT_CHARS]


@dataclass(frozen=True)
class DocumentTagging:
    lang: str
    result: TagResult


def tag_text(
    text: str,
    *,
    lang: str | None = None,
    hint: str | None = None,
    tagger: Tagger | None = None,
    identifier: LanguageIdentifier | None = None,
) -> DocumentTagging:
    """Tag one text: ``lang`` if known, else detected (``hint`` as a prior)."""
    tagger = tagger or get_tagger()
    prepared = prepare_text(text)
    if lang is None:
        lang = (identifier or default_identifier()).identify(prepared, normalise_hint(hint)).lang
    if lang == OTHER or lang not in tagger.matchers:
        return DocumentTagging(lang, TagResult((), count_words(prepared)))
    return DocumentTagging(lang, tagger.tag(prepared, lang))


def _tagged(doc: RawDocument, tagging: DocumentTagging, tagger: Tagger) -> TaggedDocument:
    return TaggedDocument(
        raw=doc,
        lang=tagging.lang,
        n_tokens=tagging.result.n_tokens,
        themes=tagging.result.themes,
        taxonomy_version=tagger.version,
        pipeline_version=themewatch.PIPELINE_VERSION,
    )


def tag_documents(raw_docs: Iterable[RawDocument], taxonomy: Taxonomy | None = None) -> list[TaggedDocument]:
    """Tag documents: one TaggedDocument per RawDocument, in order.

    ``taxonomy`` defaults to the configured file; pass one from ``load_taxonomy_text`` to
    re-tag under an older version (the tags then carry that version).
    """
    tagger = get_tagger(taxonomy)
    identifier = default_identifier()
    return [
        _tagged(doc, tag_text(doc.text, hint=doc.lang_hint, tagger=tagger, identifier=identifier), tagger)
        for doc in raw_docs
    ]


# ----------------------------------------------------------------- lake partitions
def _now() -> datetime:
    return datetime.now(UTC)


def _stale_reason(lake: Lake, raw_part: Partition, raw_docs: list[RawDocument], tagger: Tagger) -> str | None:
    """Why the tagged partition must be (re)made, or None when it is up to date."""
    tagged_part = Partition(TAGGED, raw_part.source, raw_part.run_date)
    if not lake.exists(tagged_part):
        return "not tagged yet"
    record = lake.read_run_record(tagged_part)
    if record is None or record.get("stage") != STAGE:
        return "no tag run record"
    if record.get("status") != "success":
        return "last tag run failed"
    if record.get("taxonomy_version") != tagger.version:
        return f"taxonomy version {record.get('taxonomy_version')} -> {tagger.version}"
    if record.get("pipeline_version") != themewatch.PIPELINE_VERSION:
        return f"pipeline version {record.get('pipeline_version')} -> {themewatch.PIPELINE_VERSION}"
    if record.get("items_seen") != len(raw_docs):
        return "raw partition changed (document count)"
    raw_info = lake.fs.get_file_info(lake.part_path(raw_part))
    started = record.get("started_at")
    if (raw_info.mtime is not None and started
            and raw_info.mtime.astimezone(UTC) > datetime.fromisoformat(started)):
        return "raw partition rewritten after it was tagged"
    table = lake.read_table(tagged_part).select(["doc_id", "content_hash"]).to_pylist()
    have = {(row["doc_id"], row["content_hash"]) for row in table}
    rejected = {item.get("post_id") for item in record.get("rejected", [])}
    want = {(d.doc_id, d.content_hash) for d in raw_docs if d.post_id not in rejected}
    if have != want:
        return "raw partition changed (content)"
    return None


def tag_partition(lake: Lake, raw_part: Partition, *, tagger: Tagger, raw_docs: list[RawDocument] | None = None,
                  dag_run_id: str | None = None, reason: str = "") -> dict[str, Any]:
    """Tag one raw partition, write the tagged partition and its run record; return a summary."""
    started = _now()
    tagged_part = Partition(TAGGED, raw_part.source, raw_part.run_date)
    docs = raw_docs if raw_docs is not None else lake.read_raw(raw_part)
    identifier = default_identifier()
    tagged: list[TaggedDocument] = []
    rejected: list[RejectedItem] = []
    seen: set[str] = set()
    duplicates = 0
    langs: dict[str, int] = {}
    for doc in docs:
        if doc.doc_id in seen:
            duplicates += 1
            continue
        seen.add(doc.doc_id)
        if not prepare_text(doc.text).strip():
            rejected.append(RejectedItem(url=doc.url, post_id=doc.post_id, stage=STAGE,
                                         reason="empty text after removing quoted posts"))
            continue
        try:
            tagging = tag_text(doc.text, hint=doc.lang_hint, tagger=tagger, identifier=identifier)
        except Exception as exc:  # noqa: BLE001 - one bad document must not lose the partition
            rejected.append(RejectedItem(url=doc.url, post_id=doc.post_id, stage=STAGE,
                                         reason=f"tagging failed: {type(exc).__name__}: {exc}"))
            continue
        langs[tagging.lang] = langs.get(tagging.lang, 0) + 1
        tagged.append(_tagged(doc, tagging, tagger))
    lake.write_tagged(raw_part.source, raw_part.run_date, tagged)
    record = StageRunRecord(
        run_id=f"{STAGE}:{raw_part.source}:{raw_part.run_date.isoformat()}",
        stage=STAGE,
        source=raw_part.source,
        run_date=raw_part.run_date.isoformat(),
        dag_run_id=dag_run_id,
        started_at=started.isoformat(),
        finished_at=_now().isoformat(),
        status="success",
        error=None,
        pages_fetched=0,
        pages_not_modified=0,
        pages_failed=0,
        items_seen=len(docs),
        items_stored=len(tagged),
        items_duplicate=duplicates,
        items_rejected=len(rejected),
        rejected=rejected,
        pipeline_version=themewatch.PIPELINE_VERSION,
        taxonomy_version=tagger.version,
    )
    lake.write_run_record(tagged_part, dict(record))
    return {
        "source": raw_part.source,
        "run_date": raw_part.run_date.isoformat(),
        "reason": reason,
        "items_seen": len(docs),
        "items_stored": len(tagged),
        "items_duplicate": duplicates,
        "items_rejected": len(rejected),
        "langs": dict(sorted(langs.items())),
        "n_tagged_with_themes": sum(1 for t in tagged if t.themes),
        "taxonomy_version": tagger.version,
        "status": "success",
    }


def _record_failure(lake: Lake, raw_part: Partition, tagger: Tagger, started: datetime, exc: Exception,
                    dag_run_id: str | None) -> dict[str, Any]:
    tagged_part = Partition(TAGGED, raw_part.source, raw_part.run_date)
    error = f"{type(exc).__name__}: {exc}"
    record = StageRunRecord(
        run_id=f"{STAGE}:{raw_part.source}:{raw_part.run_date.isoformat()}", stage=STAGE,
        source=raw_part.source, run_date=raw_part.run_date.isoformat(), dag_run_id=dag_run_id,
        started_at=started.isoformat(), finished_at=_now().isoformat(), status="failed", error=error,
        pages_fetched=0, pages_not_modified=0, pages_failed=0, items_seen=0, items_stored=0,
        items_duplicate=0, items_rejected=0, rejected=[], pipeline_version=themewatch.PIPELINE_VERSION,
        taxonomy_version=tagger.version,
    )
    lake.write_run_record(tagged_part, dict(record))
    return {"source": raw_part.source, "run_date": raw_part.run_date.isoformat(), "status": "failed",
            "error": error}


def tag_stale_partitions(dag_run_id: str | None = None) -> list[dict[str, Any]]:
    """Tag every stale raw partition of the configured lake; one summary dict per partition processed.

    A partition that cannot be tagged (an unreadable raw file, say) gets a run record with
    status "failed" and a summary with its error, and the others are still tagged: one bad
    file must not hold back every source's load. It is retried on the next call.
    """
    from themewatch.settings import get_settings

    dag_run_id = dag_run_id or os.environ.get("AIRFLOW_CTX_DAG_RUN_ID")
    lake = Lake(get_settings().lake_dir)
    tagger = get_tagger()
    summaries: list[dict[str, Any]] = []
    for raw_part in lake.partitions(RAW):
        started = _now()
        try:
            docs = lake.read_raw(raw_part)
            reason = _stale_reason(lake, raw_part, docs, tagger)
            if reason is None:
                continue
            summaries.append(tag_partition(lake, raw_part, tagger=tagger, raw_docs=docs,
                                           dag_run_id=dag_run_id, reason=reason))
        except Exception as exc:  # noqa: BLE001 - record it and go on with the other partitions
            log.error("tagging %s failed: %s: %s", raw_part.relpath(), type(exc).__name__, exc)
            summaries.append(_record_failure(lake, raw_part, tagger, started, exc, dag_run_id))
    return summaries
