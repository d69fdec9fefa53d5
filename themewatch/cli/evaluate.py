"""``themewatch eval --gold FILE``: score the tagger and language ID against labelled units."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from themewatch.errors import InputError

LANG_SOURCES = ("detect", "gold")


def evaluate_command(
    gold: Annotated[
        list[Path], typer.Option("--gold", help="Labelled JSON Lines {id, lang, text, themes}; repeatable")
    ],
    lang_source: Annotated[
        str, typer.Option("--lang-source", help="detect: identify each unit's language (as the "
                          "pipeline does); gold: use the labelled language")
    ] = "detect",
    taxonomy_file: Annotated[
        Path | None, typer.Option("--taxonomy", help="Taxonomy YAML to score (default: the configured one)")
    ] = None,
    langid: Annotated[
        bool, typer.Option("--langid/--no-langid", help="Also score language ID (5+ word units, no hint)")
    ] = True,
    show_errors: Annotated[
        bool, typer.Option("--errors", help="List every unit with a missed or extra theme "
                           "(development sets only: never read a held-out set's errors)")
    ] = False,
) -> None:
    """Print per-theme precision, recall, F1 and support, and micro/macro F1, per language and overall."""
    from transforms.evaluation import (
        evaluate,
        evaluate_langid,
        format_errors,
        format_report,
        load_gold,
    )
    from transforms.tagger import get_tagger
    from transforms.taxonomy import load_taxonomy

    if lang_source not in LANG_SOURCES:
        raise InputError(f"--lang-source: must be one of {', '.join(LANG_SOURCES)}, got {lang_source!r}")
    tagger = get_tagger(load_taxonomy(taxonomy_file) if taxonomy_file else None)
    units = []
    for path in gold:
        units += load_gold(path, known_themes=tagger.theme_ids)
    ids = [u.id for u in units]
    if len(set(ids)) != len(ids):
        raise InputError("the gold files share unit ids: score them separately")
    evaluation = evaluate(units, tagger=tagger, lang_source=lang_source)
    if langid:
        evaluation.langid = evaluate_langid(units)
    names = ", ".join(str(p) for p in gold)
    title = f"{names}: {len(units)} units, taxonomy {tagger.version}, language {lang_source}"
    typer.echo(format_report(evaluation, tagger.theme_ids, title=title))
    if show_errors:
        typer.echo("")
        typer.echo(format_errors(units, evaluation))


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate_command)
