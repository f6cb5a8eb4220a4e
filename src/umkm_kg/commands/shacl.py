"""``umkm-kg shacl DATA --shapes SHAPES``: any data against any shapes, a standard SHACL report."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError
from umkm_kg.sources import read_graph
from umkm_kg.validation.shacl import ShaclOutcome, UnsupportedShape, validate_graphs


class Engine(StrEnum):
    """The SHACL engines."""

    fast = "fast"
    pyshacl = "pyshacl"


class ReportFormat(StrEnum):
    """Output formats of ``shacl``."""

    ttl = "ttl"
    json = "json"


@app.command()
def shacl(
    data: Annotated[list[Path], typer.Argument(help="RDF files (or a template folder).")],
    shapes: Annotated[
        list[Path], typer.Option("--shapes", help="SHACL shapes file(s) (Turtle, RDF/XML ...).")
    ],
    engine: Annotated[
        Engine, typer.Option("--engine", help="fast (umkm-kg's engine) or pyshacl.")
    ] = Engine.fast,
    output: Annotated[ReportFormat, typer.Option("--format", help="ttl or json.")] = (
        ReportFormat.ttl
    ),
) -> None:
    """Validasi SHACL umum / any data against any SHACL shapes: a sh:ValidationReport.

    Exit 0 when the data conform, 1 when they do not, 2 when the fast engine refuses a shape
    it does not support (use --engine pyshacl) or the input is bad.

    Contoh / example: umkm-kg shacl data.ttl --shapes shapes.ttl --format json
    """
    shapes_graph = read_graph(shapes)
    data_graph = read_graph(data)
    try:
        outcome = validate_graphs(data_graph, shapes_graph, engine.value)
    except UnsupportedShape as error:
        raise UmkmKgError(
            f"the fast engine refuses these shapes: {error} (try --engine pyshacl)"
        ) from None
    typer.echo(_render(outcome, output))
    raise typer.Exit(0 if outcome.conforms else 1)


def _render(outcome: ShaclOutcome, output: ReportFormat) -> str:
    if output == ReportFormat.ttl:
        return outcome.report().serialize(format="turtle")
    return json.dumps(
        {
            "conforms": outcome.conforms,
            "results": [
                {
                    "focusNode": str(r.focus),
                    "resultPath": None if r.path is None else str(r.path),
                    "value": None if r.value is None else str(r.value),
                    "sourceShape": str(r.shape),
                    "sourceConstraintComponent": str(r.component),
                    "resultSeverity": str(r.severity),
                    "resultMessage": [str(m) for m in r.messages],
                }
                for r in sorted(outcome.results, key=lambda r: tuple(map(str, r.key())))
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
