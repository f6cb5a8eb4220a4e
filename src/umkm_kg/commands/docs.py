"""``umkm-kg docs``: write the HTML documentation of the ontology."""

from pathlib import Path
from typing import Annotated

import typer

from umkm_kg.cli_app import app
from umkm_kg.docs import DEFAULT_OUTPUT, write_docs


@app.command()
def docs(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Folder to write index.html and umkm-kg.ttl into."),
    ] = DEFAULT_OUTPUT,
) -> None:
    """Dokumentasi ontologi / write the ontology's HTML documentation (pyLODE).

    Contoh / example: umkm-kg docs -o ontology-docs
    """
    page = write_docs(output)
    typer.echo(f"Dokumentasi ontologi / ontology documentation: {page}")
