"""``umkm-kg convert DATA -o FILE``: a template folder or workbook to Turtle, N-Triples, JSON-LD."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app


@app.command()
def convert(
    data: Annotated[Path, typer.Argument(help="Template folder, .xlsx workbook or CSV file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="RDF file to write.")],
    rdf_format: Annotated[
        str | None,
        typer.Option("--format", help="ttl, nt or jsonld (default: from the extension)."),
    ] = None,
    mapping: Annotated[
        str, typer.Option("--mapping", help="Source layout in loaders/ (umkm-kg mappings).")
    ] = "template",
) -> None:
    """Convert a template folder or workbook to RDF (Turtle, N-Triples or JSON-LD)."""
    from umkm_kg.loading.convert import convert as convert_source

    result = convert_source(data, output, rdf_format, mapping)
    err = Console(stderr=True, highlight=False)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}")
    for rejection in result.rejected:
        err.print(f"[yellow]rejected:[/] {rejection}")
    err.print(
        f"{output}: {result.triples} triples from {result.rows_loaded} rows"
        + (f", {len(result.rejected)} rejected" if result.rejected else "")
    )
