"""``umkm-kg queries``: list the catalogue of questions with their parameters."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from umkm_kg.catalogue import load_catalogue, resolve_default
from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError


@app.command()
def queries(
    output_format: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """List the catalogue of questions (Indonesian and English) with their parameters."""
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
                                "description": p.description,
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
    table = Table("name", "pertanyaan / question", "parameters", show_lines=True)
    for q in catalogue.values():
        params = "\n".join(
            f"{p.name} ({p.type}{_default(p.default)}): {p.description}" for p in q.parameters
        )
        text = (
            f"[bold]{q.title['id']}[/]: {q.description['id']}\n"
            f"[dim][bold]{q.title['en']}[/]: {q.description['en']}[/]"
        )
        table.add_row(q.name, text, params or "-")
    Console().print(table)


def _default(default: str | None) -> str:
    """`` = value`` for the listing; a resolved default shows the key it stands for today."""
    if not default:
        return ""
    resolved = resolve_default(default)
    return f" = {default}" if resolved == default else f" = {default} ({resolved})"
