"""``umkm-kg queries``: list the catalogue of questions with their parameters."""

from __future__ import annotations

import json
from collections.abc import Iterable

import typer
from rich.console import Console
from rich.text import Text

from umkm_kg.catalogue import CatalogueQuery, load_catalogue, resolve_default
from umkm_kg.cli_app import app
from umkm_kg.console_layout import Column, Records
from umkm_kg.errors import UmkmKgError


@app.command()
def queries(
    output_format: str = typer.Option("table", "--format", help="table or json"),
    lang: str = typer.Option("id", "--lang", help="Language of the table: id or en"),
) -> None:
    """Katalog pertanyaan / list the catalogue of questions with their parameters.

    The table shows each question in one language (--lang); JSON has both.

    Contoh / example: umkm-kg queries --lang en
    """
    catalogue = load_catalogue()
    if output_format == "json":
        typer.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "title": q.title,
                        "description": q.description,
                        "parameters": [
                            {
                                "name": p.name,
                                "type": p.type,
                                "default": p.default,
                                "description": {"id": p.description_id, "en": p.description},
                            }
                            for p in q.parameters
                        ],
                    }
                    for q in catalogue.values()
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if output_format != "table":
        raise UmkmKgError(f"--format {output_format!r}: use table or json")
    if lang not in ("id", "en"):
        raise UmkmKgError(f"--lang {lang!r}: use id or en")
    Console().print(catalogue_view(catalogue.values(), lang))


def catalogue_view(questions: Iterable[CatalogueQuery], lang: str) -> Records:
    """One row per question (its name, title and description, parameters); in a terminal
    narrower than 120 columns, one block per question."""
    headings = {"id": ("nama", "pertanyaan", "parameter"), "en": ("name", "question", "parameters")}
    view = Records([Column(h, name=i == 0) for i, h in enumerate(headings[lang])])
    view.min_table_width = 120
    for q in questions:
        params = "\n".join(
            f"{p.name} ({p.type}{_default(p.default)}): {p.describe(lang)}" for p in q.parameters
        )
        text = Text.assemble((q.title[lang], "bold"), f": {q.description[lang]}")
        view.add_row(q.name, text, params or "-")
    return view


def _default(default: str | None) -> str:
    """`` = value`` for the listing; a resolved default shows the key it stands for today."""
    if not default:
        return ""
    resolved = resolve_default(default)
    return f" = {default}" if resolved == default else f" = {default} ({resolved})"
