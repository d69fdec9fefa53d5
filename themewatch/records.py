"""The record contracts: the seams between pipeline stages (see DESIGN.md).

A ``RawDocument`` is what an extractor yields for one post, comment or
transcript turn. It is built only through :func:`new_raw_document`, which is
where privacy is enforced: author names are salted-hashed and e-mail addresses
and phone numbers are redacted before anything is written anywhere, so no
later stage (or the raw lake) ever sees them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypedDict

from transforms.privacy import hash_author, redact_pii

AuthorRole = Literal["customer", "agent", "unknown"]
AUTHOR_ROLES: tuple[str, ...] = ("customer", "agent", "unknown")


def make_doc_id(source: str, post_id: str) -> str:
    """Stable id of a post: the same source and native post id give the same id on every run."""
    return hashlib.sha256(f"{source}\x1f{post_id}".encode()).hexdigest()[:20]


def _utc(value: datetime | None, name: str) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware (got naive {value.isoformat()})")
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class RawDocument:
    doc_id: str
    source: str
    platform: str
    url: str
    thread_id: str | None
    thread_title: str | None
    post_id: str
    parent_id: str | None
    quoted_ids: tuple[str, ...]
    author_hash: str | None
    author_role: str
    published_at: datetime | None
    edited_at: datetime | None
    editor_hash: str | None
    position: int | None
    text: str
    lang_hint: str | None
    fetched_at: datetime
    content_hash: str

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["quoted_ids"] = list(self.quoted_ids)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> RawDocument:
        values = {name: row.get(name) for name in cls.__slots__}
        values["quoted_ids"] = tuple(values["quoted_ids"] or ())
        return cls(**values)


def new_raw_document(
    *,
    source: str,
    platform: str,
    url: str,
    post_id: str,
    text: str,
    salt: str,
    fetched_at: datetime,
    author: str | None = None,
    author_role: str = "unknown",
    thread_id: str | None = None,
    thread_title: str | None = None,
    parent_id: str | None = None,
    quoted_ids: tuple[str, ...] | list[str] = (),
    published_at: datetime | None = None,
    edited_at: datetime | None = None,
    editor: str | None = None,
    position: int | None = None,
    lang_hint: str | None = None,
) -> RawDocument:
    """Build a RawDocument, hashing names and redacting PII on the way in.

    ``post_id``, ``parent_id`` and ``quoted_ids`` are native ids of the source;
    parent and quoted ids are turned into doc_ids so that links join directly.
    """
    if author_role not in AUTHOR_ROLES:
        raise ValueError(f"author_role must be one of {AUTHOR_ROLES}, got {author_role!r}")
    clean_text = redact_pii(text)
    clean_title = redact_pii(thread_title) if thread_title else thread_title
    edited = _utc(edited_at, "edited_at")
    content_hash = hashlib.sha256(
        f"{clean_text}\x1f{edited.isoformat() if edited else ''}".encode()
    ).hexdigest()[:20]
    return RawDocument(
        doc_id=make_doc_id(source, post_id),
        source=source,
        platform=platform,
        url=url,
        thread_id=thread_id,
        thread_title=clean_title,
        post_id=str(post_id),
        parent_id=make_doc_id(source, parent_id) if parent_id else None,
        quoted_ids=tuple(sorted({make_doc_id(source, q) for q in quoted_ids})),
        author_hash=hash_author(author, salt) if author else None,
        author_role=author_role,
        published_at=_utc(published_at, "published_at"),
        edited_at=edited,
        editor_hash=hash_author(editor, salt) if editor else None,
        position=position,
        text=clean_text,
        lang_hint=lang_hint,
        fetched_at=_utc(fetched_at, "fetched_at"),  # type: ignore[arg-type]
        content_hash=content_hash,
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence_idx: int
    sentence: str
    cue: str


@dataclass(frozen=True, slots=True)
class ThemeTag:
    theme: str
    score: float
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class TaggedDocument:
    """A RawDocument plus what the transforms stage found in it."""

    raw: RawDocument
    lang: str
    n_tokens: int
    themes: tuple[ThemeTag, ...]
    taxonomy_version: str
    pipeline_version: str

    def to_dict(self) -> dict[str, Any]:
        row = self.raw.to_dict()
        row.update(
            lang=self.lang,
            n_tokens=self.n_tokens,
            themes=[
                {"theme": t.theme, "score": t.score, "evidence": [asdict(e) for e in t.evidence]}
                for t in self.themes
            ],
            taxonomy_version=self.taxonomy_version,
            pipeline_version=self.pipeline_version,
        )
        return row


class RejectedItem(TypedDict):
    """One item a stage read but could not use, and why."""

    url: str | None
    post_id: str | None
    stage: str  # "fetch" | "extract" | "tag" | "load"
    reason: str


class StageRunRecord(TypedDict):
    """Accounting of one stage run over one source and run date (``_run.json`` in the lake).

    The counts add up: ``items_seen == items_stored + items_duplicate + items_rejected``.
    The warehouse load copies these into ``runs`` and ``rejected_documents``.
    """

    run_id: str  # "<stage>:<source>:<run_date>"
    stage: str  # "ingest" | "tag"
    source: str
    run_date: str  # YYYY-MM-DD
    dag_run_id: str | None
    started_at: str  # ISO 8601 UTC
    finished_at: str
    status: str  # "success" | "failed"
    error: str | None
    pages_fetched: int
    pages_not_modified: int
    pages_failed: int
    items_seen: int
    items_stored: int
    items_duplicate: int
    items_rejected: int
    rejected: list[RejectedItem]
    pipeline_version: str
    taxonomy_version: str | None
