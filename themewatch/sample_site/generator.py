"""Generate the whole sample site into a folder, with its ground truth.

Stages: plan every platform's skeleton (who writes when, quotes, edits), assign themes
(with the planted extra_cost trend), compose texts, then render each platform and write
``robots.txt``, a landing page and ``_truth/`` (units.jsonl, summary.json; not linked
and not served). Every random choice comes from ``random.Random`` streams seeded with
strings derived from ``seed``, and nothing reads the clock, so the same seed and
end_date give byte-identical files (and identical modification times).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from random import Random

from themewatch.errors import ThemewatchError
from themewatch.sample_site.model import RISING_THEME, THEMES, SiteSummary, Thread, Unit
from themewatch.sample_site.phrasebank import load_bank
from themewatch.sample_site.platforms import ipb, phpbb, transcripts, wordpress, wp_rest
from themewatch.sample_site.render import SiteWriter, render, texturize
from themewatch.sample_site.schedule import Window
from themewatch.sample_site.texts import compose_unit
from themewatch.sample_site.themes import assign_themes

TRUTH_DIR = "_truth"
MIN_WEEKS = 4
PLATFORM_ORDER = ("ipb", "phpbb", "wordpress", "transcript")
ROBOTS = """User-agent: *
Disallow: /forum/login/
Disallow: /forum/search/
Disallow: /phpbb/ucp.php
Disallow: /phpbb/search.php
Disallow: /phpbb/posting.php
Disallow: /phpbb/memberlist.php
Disallow: /blogg/wp-admin/
Disallow: /blogg/*?replytocom=
Allow: /blogg/wp-admin/admin-ajax.php
"""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class SampleSiteError(ThemewatchError):
    """The sample site cannot be written as asked (bad window, foreign output folder)."""


def _prepare_out_dir(out_dir: Path) -> None:
    """Start from an empty folder; only a previous sample site (it has _truth/) is cleared."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / TRUTH_DIR / "units.jsonl").is_file():
            raise SampleSiteError(f"{out_dir} is not empty and holds no earlier sample site; "
                                  "give an empty or new folder")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)


def _compose(threads: list[Thread], rng: Random) -> None:
    for thread in threads:
        avoid: set[str] = set()
        opener = thread.units[0].author
        for unit in thread.units:
            given = {"user": opener, "me": unit.extra.get("first", "")}
            compose_unit(unit, rng, given, avoid)
            for quote in unit.quotes:
                if quote.partial:
                    sentences = [s for p in quote.target.paragraphs for s in _SENTENCE_END.split(p)]
                    quote.excerpt = rng.choice(sentences)


def _title(thread: Thread, rng: Random, used: set[str]) -> str:
    bank = load_bank(thread.lang)
    opener = thread.units[0]
    themes = [t for t in opener.themes if bank.has(f"title.{t}")]
    key = f"title.{rng.choice(themes)}" if themes else "title.neutral"
    if key == f"title.{RISING_THEME}" and opener.extra.get("new_fee"):
        key += "_new"
    return bank.pick(key, rng, used)


def _truth_row(unit: Unit, thread: Thread) -> dict:
    return {
        "platform": unit.platform, "source": unit.source, "kind": unit.kind, "post_id": unit.post_id,
        "thread_id": thread.thread_id, "thread_title": thread.title, "position": unit.position,
        "parent_id": unit.parent.post_id if unit.parent is not None else None,
        "url": unit.url, "page_url": unit.page_url, "api_url": unit.extra.get("api_url"),
        "lang": unit.lang, "published_at": unit.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "author": unit.author, "author_role": unit.role, "author_group": unit.group or None,
        "themes": list(unit.themes), "quoted_ids": [q.target.post_id for q in unit.quotes],
        "edited": unit.edited_at is not None,
        "edited_at": unit.edited_at.strftime("%Y-%m-%dT%H:%M:%SZ") if unit.edited_at else None,
        "editor": unit.editor, "deleted": unit.deleted, "has_pii": unit.has_pii, "text": unit.text,
    }


def _summary(out_dir: Path, seed: int, window: Window, threads: list[Thread], rising_from: date,
             start_urls: dict[str, tuple[str, ...]], files: int, legacy_url: str | None) -> SiteSummary:
    units = [u for t in threads for u in t.units]
    by_week_theme: dict[date, Counter] = {m: Counter() for m in window.mondays}
    live_by_week: Counter = Counter()
    by_pl: dict[str, Counter] = defaultdict(Counter)
    for u in units:
        by_pl[u.platform][u.lang] += 1
        if not u.deleted:
            week = window.week_of(u.published_at)
            live_by_week[week] += 1
            by_week_theme[week].update(u.themes)
    share = {t: {m: round(by_week_theme[m][t] / live_by_week[m], 4) if live_by_week[m] else 0.0
                 for m in window.mondays} for t in THEMES}
    return SiteSummary(
        out_dir=str(out_dir), seed=seed, end_date=window.end_date, weeks=window.mondays,
        units_total=len(units),
        units_by_platform={p: sum(by_pl[p].values()) for p in PLATFORM_ORDER},
        units_by_lang=dict(sorted(Counter(u.lang for u in units).items())),
        units_by_platform_lang={p: dict(sorted(by_pl[p].items())) for p in PLATFORM_ORDER},
        units_by_theme={t: sum(by_week_theme[m][t] for m in window.mondays) for t in THEMES},
        units_by_week={m: sum(1 for u in units if window.week_of(u.published_at) == m) for m in window.mondays},
        theme_counts_by_week={m: {t: by_week_theme[m][t] for t in THEMES} for m in window.mondays},
        theme_share_by_week=share, start_urls=start_urls, rising_theme=RISING_THEME,
        rising_from=rising_from, files_written=files, legacy_charset_url=legacy_url,
    )


def generate_sample_site(out_dir: Path, *, seed: int = 7, end_date: date, weeks: int = 14) -> SiteSummary:
    """Write the sample site for ``weeks`` ISO weeks ending with the week of ``end_date``."""
    out_dir = Path(out_dir)
    if weeks < MIN_WEEKS:
        raise SampleSiteError(f"weeks={weeks}: the sample site needs at least {MIN_WEEKS} weeks "
                              "(three of them carry the rising theme)")
    window = Window.of(end_date, weeks)
    plans = {
        "ipb": ipb.plan(Random(f"{seed}:ipb"), window),
        "phpbb": phpbb.plan(Random(f"{seed}:phpbb"), window),
        "wordpress": wordpress.plan(Random(f"{seed}:wordpress"), window),
        "transcript": transcripts.plan(Random(f"{seed}:transcripts"), window),
    }
    threads = [t for name in PLATFORM_ORDER for t in plans[name]]
    rising_from = assign_themes(threads, window, Random(f"{seed}:themes"))
    _compose(threads, Random(f"{seed}:texts"))
    title_rng = Random(f"{seed}:titles")
    for name in ("ipb", "phpbb", "wordpress"):
        used: set[str] = set()
        for thread in sorted(plans[name], key=lambda t: int(t.thread_id)):
            thread.title = _title(thread, title_rng, used)
            if name == "wordpress":
                thread.title = texturize(thread.title)
    transcripts.finish(plans["transcript"], Random(f"{seed}:timing"))

    _prepare_out_dir(out_dir)
    writer = SiteWriter(out_dir)
    wordpress.prepare(plans["wordpress"])
    start_urls = {
        "forum": tuple(ipb.build(plans["ipb"], window, writer)),
        "phpbb": tuple(phpbb.build(plans["phpbb"], window, writer)),
        "blogg": tuple(wordpress.build(plans["wordpress"], window, writer)),
        "blogg_api": tuple(wp_rest.build(plans["wordpress"], window.end, writer)),
        "samtaler": tuple(transcripts.build(plans["transcript"], window, writer)),
    }
    writer.write("/robots.txt", ROBOTS, mtime=window.end)
    writer.write("/", render("landing.html.j2", sources=start_urls), mtime=window.end)

    truth = out_dir / TRUTH_DIR
    truth.mkdir()
    ordered = sorted(threads, key=lambda t: (PLATFORM_ORDER.index(t.platform), t.units[0].published_at, t.thread_id))
    lines = [json.dumps(_truth_row(u, t), ensure_ascii=False, sort_keys=True) for t in ordered for u in t.units]
    (truth / "units.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = _summary(out_dir, seed, window, threads, rising_from, start_urls, writer.files + 2,
                       phpbb.legacy_page_url(plans["phpbb"]))
    (truth / "summary.json").write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    for path in (truth / "units.jsonl", truth / "summary.json"):
        os.utime(path, (window.end.timestamp(), window.end.timestamp()))
    return summary
