"""``umkm-kg convert DATA -o FILE``: a template folder or workbook to Turtle, N-Triples, JSON-LD."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from umkm_kg.cli_app import app
from umkm_kg.cli_progress import QuietOption, shown_progress


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
    quiet: QuietOption = False,
) -> None:
    """Ubah templat isian ke RDF / convert a template folder or workbook to RDF.

    Contoh / example: umkm-kg convert examples/kediri-tenun-ikat -o kediri.ttl
    """
    from umkm_kg.loading.convert import convert as convert_source

    with shown_progress(quiet):
        result = convert_source(data, output, rdf_format, mapping)
    err = Console(stderr=True, highlight=False)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")
    for rejection in result.rejected:
        err.print(f"[yellow]rejected:[/] {escape(str(rejection))}")
    err.print(
        f"{escape(str(output))}: {result.triples} triple, {result.rows_loaded} baris / rows"
        + (f", {len(result.rejected)} ditolak / rejected" if result.rejected else "")
    )
