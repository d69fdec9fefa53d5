"""``themewatch trends --theme queue_wait --weeks 12``: a theme's weekly share in the terminal."""

from __future__ import annotations

import typer

from themewatch.cli._tables import check_format, emit, iso_week

_BARS = " ▏▎▍▌▋▊▉█"


def _bar(value: float | None, top: float, width: int = 12) -> str:
    if not value or not top:
        return ""
    eighths = round(value / top * width * 8)
    return "█" * (eighths // 8) + (_BARS[eighths % 8] if eighths % 8 else "")


def trends(
    theme: str | None = typer.Option(None, "--theme", "-t", help="Theme to show week by week (default: all themes side by side)."),
    weeks: int = typer.Option(12, "--weeks", "-w", help="Number of weeks, ending at --until."),
    until: str | None = typer.Option(None, "--until", help="Last ISO week, e.g. 2026-W47 (default: the newest loaded)."),
    source: str | None = typer.Option(None, "--source", "-s", help="Only this source."),
    lang: str | None = typer.Option(None, "--lang", "-l", help="Only this language."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
) -> None:
    """Weekly theme shares from theme_weekly, with drift alerts."""
    from warehouse.browse import check_theme, theme_matrix, theme_trend, week_window
    from warehouse.connection import connect

    check_format(fmt)
    con = connect(read_only=True)
    try:
        window = week_window(con, weeks, until)
        if window is None:
            typer.echo("the warehouse holds no dated posts yet")
            return
        if theme:
            check_theme(con, theme)
            rows = theme_trend(con, theme, window, source, lang)
        else:
            matrix = theme_matrix(con, window, source, lang)
    finally:
        con.close()
    where = ", ".join(filter(None, [source, lang])) or "all sources"
    span = f"{iso_week(window[0])}..{iso_week(window[1])}"
    if theme:
        if fmt != "table":
            columns = ["week", "n_docs", "n_docs_total", "share", "alerts"]
            emit(columns, [[r[c] for c in columns] for r in rows], fmt)
            return
        top = max((r["share"] or 0 for r in rows), default=0)
        table_rows, previous = [], None
        for r in rows:
            change = "" if r["share"] is None or previous is None else f"{(r['share'] - previous) * 100:+.1f}"
            table_rows.append([iso_week(r["week"]), r["n_docs"], r["n_docs_total"],
                               "" if r["share"] is None else f"{r['share'] * 100:.1f}%", change,
                               _bar(r["share"], top), ", ".join(r["alerts"])])
            previous = r["share"] if r["share"] is not None else previous
        emit(["week", "posts", "of all", "share", "Δ pp", "", "drift alerts"], table_rows, fmt,
             title=f"{theme} · {where} · {span}", wrap={"drift alerts"})
        return
    weeks_shown = sorted({w for shares in matrix.values() for w in shares})
    if fmt != "table":
        emit(["theme", "week", "share"],
             [[t, w, s] for t, shares in matrix.items() for w, s in sorted(shares.items())], fmt)
        return
    emit(["theme"] + [iso_week(w)[5:] for w in weeks_shown],
         [[t] + [f"{shares[w] * 100:.1f}" if w in shares else "" for w in weeks_shown]
          for t, shares in sorted(matrix.items())], fmt,
         title=f"share of posts (%), {where}, {span}", wrap=())


def register(app: typer.Typer) -> None:
    app.command("trends")(trends)
