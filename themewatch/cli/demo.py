"""``themewatch demo``: the whole pipeline on the bundled sample site."""

from __future__ import annotations

from datetime import date

import typer

EXAMPLE_QUERY = (
    "SELECT week, theme, round(100 * sum(n_docs) / sum(n_docs_total), 1) AS pct "
    "FROM theme_weekly WHERE theme = 'extra_cost' GROUP BY ALL ORDER BY week"
)


def demo(
    today: str | None = typer.Option(None, help="Pretend today is this date (YYYY-MM-DD)."),
    seed: int = typer.Option(7, help="Seed of the sample site generator."),
) -> None:
    """Generate the sample site, serve it on 127.0.0.1, run the real DAGs against it."""
    from rich.console import Console

    from themewatch.demo import run_demo
    from themewatch.errors import InputError
    from themewatch.settings import PROJECT_ROOT, get_settings

    console = Console(highlight=False)
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        raise InputError(f"--today: not a date (YYYY-MM-DD): {today!r}") from None
    settings = get_settings()
    result = run_demo(settings, today=day, seed=seed, step=lambda msg: console.print(f"[dim]>[/dim] {msg}"))

    def shown(path):
        return path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path

    console.print(f"\n[bold]Done in {result.seconds:.0f} s.[/bold]")
    console.print(f"Warehouse: {shown(result.warehouse)}")
    console.print(f"Report:    {shown(result.report_dir / 'report.html')}")
    console.print("Try:")
    console.print(f'  .venv/bin/themewatch query "{EXAMPLE_QUERY}"')
    console.print(f"  .venv/bin/duckdb -readonly {shown(result.warehouse)}")


def register(app: typer.Typer) -> None:
    app.command()(demo)
