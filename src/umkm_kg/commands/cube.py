"""``umkm-kg cube TABLE...``: aggregate statistics tables as W3C Data Cube observations.

Each table is read with the cube mapping (``loaders/cube/``) whose ``file`` matches its name,
or ``--mapping NAME``; written to ``-o FILE`` (N-Triples) and/or loaded into the store, one
named graph per table. Exit 2 on bad input (file, row and column named); nothing is loaded.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app
from umkm_kg.commands.load import StoreOption
from umkm_kg.cube import convert_table, mapping_for
from umkm_kg.errors import UmkmKgError


@app.command()
def cube(
    tables: Annotated[
        list[Path],
        typer.Argument(help="CSV tables (e.g. ../shared/data/umkm/jatim_opendata/*.csv)"),
    ],
    mapping: Annotated[str | None, typer.Option("--mapping", help="Cube mapping name")] = None,
    store: StoreOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the observations (N-Triples)")
    ] = None,
) -> None:
    """Tabel statistik sebagai Data Cube / aggregate tables as Data Cube observations.

    One observation per region, sub-sector and year; -o writes N-Triples, --store loads them.

    Contoh / example: umkm-kg cube ../shared/data/umkm/jatim_opendata/*.csv --store ./store
    """
    converted: list[tuple[Path, list[str], int, str]] = []
    for path in tables:
        if not path.is_file():
            raise UmkmKgError(f"{path}: no such file")
        found = mapping_for(path, mapping)
        lines, count = convert_table(path, found)
        converted.append((path, lines, count, found.name))
    console = Console()
    if output is not None:
        with output.open("w", encoding="utf-8") as out:
            for _, lines, _, _ in converted:
                out.writelines(lines)
        console.print(f"{output}: {sum(c for _, _, c, _ in converted)} observations")
        if store is None:
            return
    from umkm_kg.store import open_store

    with open_store(store) as target, tempfile.TemporaryDirectory() as scratch:
        for path, lines, count, name in converted:
            rdf = Path(scratch) / f"{path.stem}.nt"
            rdf.write_text("".join(lines), encoding="utf-8")
            report = target.load(rdf, name=f"cube-{path.stem}")
            console.print(
                f"{path.name} ({name}): {count} observations into <{report.graph}>",
                highlight=False,
            )
