"""``themewatch search "telefonkø" --theme queue_wait --weeks 4``: find the posts behind a trend."""

from __future__ import annotations

import typer
from rich.text import Text

from themewatch.cli._tables import check_format, emit, iso_week


def search(
    text: str = typer.Argument(..., help="Words to find; each language is searched with its own stemmer."),
    theme: str | None = typer.Option(None, "--theme", "-t", help="Only posts tagged with this theme."),
    weeks: int | None = typer.Option(None, "--weeks", "-w", help="Only the last N weeks (ending at --until)."),
    until: str | None = typer.Option(None, "--until", help="Last ISO week, e.g. 2026-W47 (default: the newest loaded)."),
    source: str | None = typer.Option(None, "--source", "-s", help="Only this source."),
    lang: str | None = typer.Option(None, "--lang", "-l", help="Only this language (nb, nn, sv, da, en)."),
    any_term: bool = typer.Option(False, "--any", help="Match posts with any of the words, not all."),
    limit: int = typer.Option(20, "--limit", "-n", help="Most posts to show."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
) -> None:
    """Full-text search over the warehouse's posts, best matches first."""
    from warehouse.browse import check_theme, week_window
    from warehouse.connection import connect
    from warehouse.fts import search as run_search

    check_format(fmt)
    con = connect(read_only=True)
    try:
        if theme:
            check_theme(con, theme)
        first = last = None
        if weeks is not None or until:
            first, last = week_window(con, 1 if weeks is None else weeks, until) or (None, None)
            first = first if weeks is not None else None
        hits = run_search(con, text, theme=theme, from_week=first, to_week=last, source=source,
                          lang=lang, limit=limit, any_term=any_term)
    finally:
        con.close()
    scope = [f"theme {theme}"] if theme else []
    if last:
        scope.append(f"{iso_week(first) + '..' if first else 'until '}{iso_week(last)}")
    title = f"{len(hits)} post{'s' if len(hits) != 1 else ''} matching {text!r}" + (f" ({', '.join(scope)})" if scope else "")
    if fmt == "table":
        rows = []
        for hit in hits:
            post = Text(hit["snippet"])
            for start, end in hit["spans"]:
                post.stylize("bold yellow", start, end)
            if hit["url"]:
                post.append("\n" + hit["url"], style=f"dim link {hit['url']}")
            rows.append([f"{hit['score']:.2f}", iso_week(hit["week"]) if hit["week"] else "",
                         hit["source"], hit["lang"], ", ".join(hit["themes"] or []), post])
        emit(["score", "week", "source", "lang", "themes", "post"], rows, fmt, title=title,
             wrap={"themes", "post"})
        return
    columns = ["score", "week", "source", "lang", "themes", "doc_id", "url", "published_at", "text"]
    emit(columns, [[hit[c] for c in columns] for hit in hits], fmt)


def register(app: typer.Typer) -> None:
    app.command("search")(search)
