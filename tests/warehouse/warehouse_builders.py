"""Builders for warehouse tests: tagged documents written through the real Lake (no mocks)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from themewatch.lake import Lake, Partition
from themewatch.records import Evidence, TaggedDocument, ThemeTag, new_raw_document
from themewatch.settings import get_settings

MONDAY = date(2026, 9, 7)  # an ISO week's Monday (2026-W37)


def rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """All rows of one query on a read-only connection to the warehouse at ``path``."""
    from warehouse.connection import connect

    con = connect(read_only=True, path=path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def tagged(
    post_id: str,
    text: str = "Jeg ventet i telefonkøen i en time.",
    *,
    source: str = "forum-nb",
    themes: Iterable[str] = ("queue_wait",),
    published: datetime | None = None,
    fetched: datetime | None = None,
    edited: datetime | None = None,
    lang: str = "nb",
    taxonomy_version: str = "1",
    url: str | None = None,
) -> TaggedDocument:
    published = published or at(MONDAY)
    raw = new_raw_document(
        source=source,
        platform="phpbb",
        url=url or f"https://forum.example/{source}/{post_id}",
        post_id=post_id,
        text=text,
        salt="test-salt",
        fetched_at=fetched or published + timedelta(days=1),
        author=f"user-{post_id}",
        author_role="customer",
        thread_id="t1",
        thread_title="Kundeservice",
        published_at=published,
        edited_at=edited,
        lang_hint=lang,
    )
    tags = tuple(
        ThemeTag(theme, 1.0, (Evidence(0, text.split(".")[0], theme.split("_")[0]),))
        for theme in themes
    )
    return TaggedDocument(raw, lang, len(text.split()), tags, taxonomy_version, "0.1.0")


def write_partition(docs: list[TaggedDocument], source: str = "forum-nb",
                    run_date: date = MONDAY + timedelta(days=7), run_record: dict | None = None) -> Partition:
    lake = Lake(get_settings().lake_dir)
    lake.write_tagged(source, run_date, docs)
    part = Partition("tagged", source, run_date)
    if run_record is not None:
        lake.write_run_record(part, run_record)
    return part


def run_record(stage: str, source: str, run_date: date, **overrides) -> dict:
    record = {
        "run_id": f"{stage}:{source}:{run_date.isoformat()}",
        "stage": stage,
        "source": source,
        "run_date": run_date.isoformat(),
        "dag_run_id": "manual__1",
        "started_at": "2026-09-14T00:00:01+00:00",
        "finished_at": "2026-09-14T00:01:00+00:00",
        "status": "success",
        "error": None,
        "pages_fetched": 3,
        "pages_not_modified": 1,
        "pages_failed": 0,
        "items_seen": 5,
        "items_stored": 3,
        "items_duplicate": 1,
        "items_rejected": 1,
        "rejected": [{"url": "https://forum.example/x/9", "post_id": "9", "stage": "extract",
                      "reason": "no post body"}],
        "pipeline_version": "0.1.0",
        "taxonomy_version": "1" if stage == "tag" else None,
    }
    record.update(overrides)
    return record


def weekly_corpus(
    weeks: int,
    per_week: int,
    shares: dict[str, float],
    *,
    source: str = "forum-nb",
    lang: str = "nb",
    start: date = date(2026, 3, 2),
    rise: tuple[str, int, float] | None = None,
    seed: int = 0,
) -> list[list[TaggedDocument]]:
    """Weeks of posts where each carries each theme independently with its share;
    ``rise`` = (theme, first week index, factor) multiplies a share from that week on."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out = []
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        docs = []
        for i in range(per_week):
            themes = []
            for theme, share in shares.items():
                if rise and theme == rise[0] and w >= rise[1]:
                    share *= rise[2]
                if rng.random() < share:
                    themes.append(theme)
            published = at(monday + timedelta(days=i % 7), hour=8 + i % 10)
            docs.append(tagged(f"{source}-{w}-{i}", f"Innlegg {w}-{i} om kundeservice.",
                               source=source, themes=themes, published=published, lang=lang))
        out.append(docs)
    return out


def write_weeks(weeks: list[list[TaggedDocument]], source: str = "forum-nb") -> None:
    """One tagged partition per week, dated the Monday after it."""
    for docs in weeks:
        run_date = (docs[0].raw.published_at.date() - timedelta(days=docs[0].raw.published_at.weekday())
                    + timedelta(days=7))
        write_partition(docs, source=source, run_date=run_date)


#: Monday ten weeks before MONDAY: a ten-week corpus from here ends in MONDAY's week.
START_W = MONDAY - timedelta(weeks=9)
