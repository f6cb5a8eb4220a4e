"""``umkm-kg query NAME`` / ``umkm-kg query --file my.rq``: answer a question from the store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from umkm_kg.catalogue import get_query, read_query_text
from umkm_kg.cli_app import app
from umkm_kg.commands.load import EndpointOption, StoreOption, TokenOption
from umkm_kg.errors import UmkmKgError
from umkm_kg.output_files import check_output
from umkm_kg.spreadsheet_cells import write_xlsx
from umkm_kg.store import Rows, Store, default_store_path, open_store
from umkm_kg.store.embedded import read_only_notice
from umkm_kg.store.federation import refuse_service
from umkm_kg.store.limited import LimitedStore
from umkm_kg.store.results import compact

FORMATS = ("table", "csv", "tsv", "json", "xlsx")


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["region=id:region/35", ...]`` -> ``{"region": "id:region/35"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise UmkmKgError(
                f"--param {pair!r}: write NAME=VALUE (e.g. --param region=id:region/35)"
            )
        params[name.strip()] = value
    return params


def render(rows: Rows, output_format: str) -> str | Table:
    """The rows as a Rich table or as CSV, TSV or JSON text."""
    if output_format == "csv":
        return rows.to_delimited(",")
    if output_format == "tsv":
        return rows.to_delimited("\t")
    if output_format == "json":
        return rows.to_json()
    table = Table(caption=f"{len(rows)} row(s)")
    for variable in rows.variables:
        table.add_column(variable, overflow="fold")  # fold long IRIs, never cut them
    for row in rows:
        table.add_row(*(Text(compact(row[v])) for v in rows.variables))  # text, never markup
    return table


def _query_text(name: str | None, file: Path | None) -> str:
    if file is None:
        return get_query(name).text
    if not file.is_file():
        raise UmkmKgError(f"{file}: no such query file")
    return read_query_text(file)


@app.command()
def query(
    name: Annotated[
        str | None, typer.Argument(help="A catalogue question (umkm-kg queries)")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Your own .rq file instead")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE, repeatable")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json or xlsx (needs -o)")
    ] = "table",
    output_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the xlsx workbook here.")
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    token: TokenOption = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconds the query may run; then it is stopped (exit 2)"),
    ] = 300.0,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service", help="Let the query use federated SERVICE (requests to other hosts)"
        ),
    ] = False,
) -> None:
    """Answer a catalogue question, or run your own SPARQL file, over the store.

    The query runs in a child process that is stopped after --timeout seconds or on Ctrl-C.
    """
    if output_format not in FORMATS:
        raise UmkmKgError(f"--format {output_format!r}: use one of {', '.join(FORMATS)}")
    if output_format == "xlsx" and output_path is None:
        raise UmkmKgError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    if output_path is not None:
        check_output(output_path)
    if (name is None) == (file is None):
        raise UmkmKgError("give a question NAME or --file my.rq (umkm-kg queries lists the names)")
    params = parse_params(param or [])
    text = _query_text(name, file)  # the query file is checked before the store
    if store is not None and not store.is_dir():
        raise UmkmKgError(
            f"no store at {store} (load data first: umkm-kg load DATA --store {store})"
        )
    if timeout <= 0:
        raise UmkmKgError("--timeout must be a positive number of seconds")
    if not allow_service:
        refuse_service(text, hint="--allow-service permits it")
    if endpoint is not None and store is not None:
        raise UmkmKgError("give either a store path or an endpoint URL, not both")
    source: Store = (
        open_store(endpoint=endpoint, timeout=timeout, token=token)
        if endpoint is not None
        else LimitedStore(store or default_store_path(), timeout=timeout, allow_service=True)
    )
    notice = None if endpoint is not None else read_only_notice(store or default_store_path())
    if notice:
        typer.echo(f"note: {notice}", err=True)
    with source:
        rows = source.query_file(file, **params) if file else source.query(name, **params)
    if output_format == "xlsx":
        write_xlsx(output_path, {name or file.stem: (rows.variables, _cells(rows))})
        return
    output = render(rows, output_format)
    if isinstance(output, str):
        typer.echo(output, nl=not output.endswith("\n"))
    else:
        Console().print(output)


def _cells(rows: Rows) -> list[list[object]]:
    """Each row's values as spreadsheet cells: numbers stay numbers, terms become their text."""
    return [
        [
            v if isinstance(v, int | float | Decimal) and not isinstance(v, bool) else compact(v)
            for v in (row[name] for name in rows.variables)
        ]
        for row in rows
    ]
