"""Warehouse speed at scale: theme_weekly over 10 million document-theme rows, and the load path.

    .venv/bin/python benchmarks/bench_warehouse.py                 # 10M theme rows (~4 min)
    .venv/bin/python benchmarks/bench_warehouse.py --docs 400000   # a quick look

Builds a warehouse in a temporary folder (or --keep DIR) through the real migrations:
documents spread over two years, 8 sources, 5 languages and the 12 themes of taxonomy v1
(about 2.5 themes per post, so 4M posts give 10M document-theme rows). Then times, as
medians of --repeat runs from a fresh read-only connection:

* what analysts run against theme_weekly (a stored table),
* the same numbers aggregated live from document_themes (what a plain view would cost),
* rebuilding theme_weekly/theme_monthly (done inside every load's transaction),
* refresh_trends (drift, examples) over the whole history,
* the load path end to end on --load-docs posts written through the Lake, and a re-run.

Time depends on the machine (2 cores here); compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

THEMES = ["queue_wait", "no_response", "blame_shifting", "broken_promise", "rude_staff", "incompetence",
          "runaround", "extra_cost", "not_listening", "customer_abuse", "compensation", "praise"]

ANALYST_QUERIES = {
    "one theme, all weeks, pooled share": """
        SELECT week, sum(n_docs) / sum(n_docs_total) AS share
        FROM theme_weekly WHERE theme = 'queue_wait' GROUP BY week ORDER BY week""",
    "last 12 weeks, theme x source": """
        SELECT week, source, theme, sum(n_docs) AS n, sum(n_docs_total) AS total
        FROM theme_weekly WHERE week >= (SELECT max(week) FROM theme_weekly) - INTERVAL 11 WEEK
        GROUP BY ALL ORDER BY ALL""",
    "whole table, theme x language": """
        SELECT theme, lang, sum(n_docs) / sum(n_docs_total) AS share FROM theme_weekly GROUP BY ALL""",
}
LIVE_EQUIVALENT = """
    WITH totals AS (SELECT week, source, lang, count(*) AS n_docs_total FROM documents GROUP BY ALL),
         counts AS (SELECT week, source, lang, theme, count(*) AS n_docs FROM document_themes GROUP BY ALL)
    SELECT c.week, c.source, c.lang, c.theme, c.n_docs, t.n_docs_total, c.n_docs / t.n_docs_total AS share
    FROM counts c JOIN totals t USING (week, source, lang)"""


def _median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clock = time.perf_counter()
        run()
        times.append(time.perf_counter() - clock)
    return statistics.median(times)


def build(path: Path, docs: int, themes_per_doc: float) -> dict:
    from warehouse.connection import write_session
    from warehouse.trends import materialise_theme_counts

    share = themes_per_doc / len(THEMES)
    first = date(2024, 12, 2)
    clock = time.perf_counter()
    with write_session(path) as con:
        con.execute("SELECT setseed(0.42)")
        con.execute(f"""
            INSERT INTO documents (doc_id, source, platform, url, post_id, author_role, published_at, week, month,
                                   lang, n_tokens, text, content_hash, taxonomy_version, pipeline_version,
                                   fetched_at, loaded_at, run_date, version_key, row_hash)
            SELECT printf('%020d', i), 'source-' || CAST(floor(random() * 8) AS INTEGER), 'phpbb',
                   'https://forum.example/t/' || i, CAST(i AS VARCHAR), 'customer', ts,
                   date_trunc('week', ts)::DATE, date_trunc('month', ts)::DATE,
                   ['nb', 'nb', 'sv', 'sv', 'en', 'da', 'nn'][1 + CAST(floor(random() * 7) AS INTEGER)],
                   40, 'innlegg ' || i, md5(CAST(i AS VARCHAR)), '1', '0.1.0', ts + INTERVAL 1 DAY, now(),
                   (ts + INTERVAL 1 DAY)::DATE, 'v', md5(CAST(i AS VARCHAR))
            FROM (SELECT range AS i,
                         TIMESTAMPTZ '{first.isoformat()} 00:00:00+00' + to_seconds(CAST(floor(random() * 104 * 7 * 86400) AS BIGINT)) AS ts
                  FROM range({docs}))""")
        con.execute(f"""
            INSERT INTO document_themes (doc_id, theme, score, evidence, taxonomy_version, week, month, source, lang)
            SELECT d.doc_id, t.theme, 1.0, [{{'sentence_idx': 0, 'sentence': 'x', 'cue': 'y'}}], '1',
                   d.week, d.month, d.source, d.lang
            FROM documents d CROSS JOIN (SELECT unnest(?) AS theme) t
            WHERE random() < {share}""", [THEMES])
        con.execute("INSERT INTO loads VALUES ('bench', now(), now(), 'success', 0, ?, 0, 0, 0, 0, now())", [docs])
        build_seconds = time.perf_counter() - clock
        clock = time.perf_counter()
        materialise_theme_counts(con, "bench")
        materialise_seconds = time.perf_counter() - clock
        rows = con.execute("SELECT count(*) FROM document_themes").fetchone()[0]
        weekly_rows = con.execute("SELECT count(*) FROM theme_weekly").fetchone()[0]
    return {"theme_rows": rows, "theme_weekly_rows": weekly_rows, "build_seconds": build_seconds,
            "materialise_seconds": materialise_seconds}


def time_queries(path: Path, repeat: int) -> dict:
    from warehouse.connection import connect

    out = {}
    for name, sql in {**ANALYST_QUERIES, "live GROUP BY over document_themes (no stored table)": LIVE_EQUIVALENT}.items():
        def run(sql=sql):
            con = connect(read_only=True, path=path)
            try:
                con.execute(sql).fetchall()
            finally:
                con.close()
        out[name] = _median_seconds(run, repeat)
    return out


def time_load(data_dir: Path, n_docs: int) -> dict:
    os.environ["THEMEWATCH_DATA_DIR"] = str(data_dir)
    from themewatch.lake import Lake
    from themewatch.records import Evidence, TaggedDocument, ThemeTag, new_raw_document
    from themewatch.settings import get_settings
    from warehouse.load import load_pending_partitions

    lake = Lake(get_settings().lake_dir)
    start = datetime(2026, 6, 1, tzinfo=UTC)
    per_partition = max(1, n_docs // 20)
    for p in range(20):
        docs = []
        for i in range(p * per_partition, (p + 1) * per_partition):
            published = start + timedelta(hours=i % (24 * 70))
            raw = new_raw_document(source=f"source-{p % 4}", platform="phpbb", url=f"https://forum.example/{i}",
                                   post_id=str(i), text=f"Ventet i telefonkøen i {i % 90} minutter, ingen svarte.",
                                   salt="bench", fetched_at=published + timedelta(days=1), published_at=published,
                                   lang_hint="nb")
            themes = tuple(ThemeTag(t, 1.0, (Evidence(0, "Ventet i telefonkøen", "telefonkø"),))
                           for k, t in enumerate(THEMES) if (i + k) % 5 == 0)
            docs.append(TaggedDocument(raw, "nb", 10, themes, "1", "0.1.0"))
        lake.write_tagged(f"source-{p % 4}", date(2026, 8, 1) + timedelta(days=p), docs)
    first = load_pending_partitions()
    clock = time.perf_counter()
    again = load_pending_partitions()
    return {"docs": per_partition * 20, "first_seconds": first["seconds"], "compute_seconds": first["compute_seconds"],
            "write_seconds": first["write_seconds"], "rerun_status": again["status"],
            "rerun_seconds": time.perf_counter() - clock}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4_000_000, help="documents (x ~2.5 theme rows each)")
    parser.add_argument("--themes-per-doc", type=float, default=2.5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load-docs", type=int, default=100_000, help="posts through the real load path")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="themewatch-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    path = root / "bench.duckdb"
    path.unlink(missing_ok=True)
    built = build(path, args.docs, args.themes_per_doc)
    print(f"## theme_weekly over {built['theme_rows']:,} document-theme rows ({args.docs:,} posts, "
          f"{built['theme_weekly_rows']:,} theme_weekly rows; file {path.stat().st_size / 2**20:.0f} MiB; "
          f"{os.cpu_count()} cores)\n")
    print("| query | median seconds |\n|---|---|")
    for name, seconds in time_queries(path, args.repeat).items():
        print(f"| {name} | {seconds:.3f} |")
    print(f"| rebuild theme_weekly + theme_monthly (inside each load) | {built['materialise_seconds']:.3f} |")

    from warehouse.trends import refresh_trends
    clock = time.perf_counter()
    refreshed = refresh_trends(path)
    print(f"| refresh_trends: drift + examples over {refreshed['drift_cells']:,} cells | "
          f"{time.perf_counter() - clock:.3f} (write window {refreshed['write_seconds']:.3f}) |")
    clock = time.perf_counter()
    from warehouse.connection import write_session
    with write_session(path):
        pass
    print(f"| an empty swap write session (copy + rename of the file) | {time.perf_counter() - clock:.3f} |")

    if args.load_docs:
        load = time_load(root / "load", args.load_docs)
        print(f"\n## Load path: {load['docs']:,} posts in 20 lake partitions\n")
        print(f"first load {load['first_seconds']:.2f} s (reading + staging {load['compute_seconds']:.2f} s, "
              f"write session {load['write_seconds']:.2f} s incl. full-text index); "
              f"re-run: {load['rerun_status']} in {load['rerun_seconds']:.2f} s")
    if not args.keep:
        for file in sorted(root.rglob("*"), reverse=True):
            file.unlink() if file.is_file() else file.rmdir()
        root.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
