"""``umkm-kg classify DATA...``: the size class of every enterprise (golongan ukuran usaha)."""

from __future__ import annotations

import datetime
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.classify import EnterpriseSize, classify_graph, rule_set_in_force, rule_sets
from umkm_kg.classify.report import WORDS, size_view
from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError
from umkm_kg.rdf_formats import is_rdf_file
from umkm_kg.sources import read_graph
from umkm_kg.spreadsheet_cells import delimited_row, write_xlsx

COLUMNS = (
    "enterprise",
    "rule_set",
    "by_net_assets",
    "by_capital",
    "by_annual_sales",
    "by_workers",
    "class",
    "conflict",
)


class Language(StrEnum):
    """Language of the table and messages (Indonesian first)."""

    id = "id"
    en = "en"


class OutputFormat(StrEnum):
    """Output formats of ``classify``."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def classify(
    data: Annotated[
        list[Path], typer.Argument(help="Template folder or workbook, or RDF files.", exists=True)
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date (YYYY-MM-DD) whose legal rule set applies; default: each sentra's as_of.",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, json, csv or xlsx (needs -o).")
    ] = OutputFormat.table,
    output_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the xlsx workbook here.")
    ] = None,
    mapping: Annotated[
        str, typer.Option("--mapping", help="Source layout of DATA (umkm-kg mappings)")
    ] = "template",
    lang: Annotated[
        Language, typer.Option("--lang", help="id (Indonesian) or en: the table's language.")
    ] = Language.id,
) -> None:
    """Golongan ukuran usaha / each enterprise's size class under the rule set in force.

    Also BPS's class by workers; where the legal criteria disagree no class is set and the
    table says which criteria gave which class.

    Contoh / example: umkm-kg classify examples/kediri-tenun-ikat --lang en

    Contoh / example: umkm-kg classify DATA --format xlsx -o ukuran.xlsx
    """
    if output is OutputFormat.xlsx and output_path is None:
        raise UmkmKgError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    day = parse_as_of(as_of) if as_of is not None else None
    results = classify_graph(read_graph(data, mapping), as_of=day)
    by_iri = all(is_rdf_file(path) for path in data)  # template data: its enterprise_id
    records = [
        r.record(str(r.enterprise) if by_iri else r.identifier or str(r.enterprise))
        for r in results
    ]
    _warn_undated(results, lang.value)
    if output is OutputFormat.json:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif output is OutputFormat.csv:
        typer.echo(to_csv(records), nl=False)
    elif output is OutputFormat.xlsx:
        rows = [[record[column] for column in COLUMNS] for record in records]
        write_xlsx(output_path, {"ukuran usaha (sizes)": (COLUMNS, rows)})
    else:
        Console(highlight=False).print(size_view(records, lang.value))


def parse_as_of(text: str) -> datetime.date:
    """The ``--as-of`` date; an error unless a legal rule set was in force on it."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise UmkmKgError(
            f"--as-of {text!r} bukan tanggal / is not a date: write YYYY-MM-DD, e.g. 2024-06-30"
        ) from None
    if rule_set_in_force(day) is None:
        first = min(r.in_force_from for r in rule_sets() if r.in_force_from)
        raise UmkmKgError(
            f"--as-of {day}: belum ada kriteria ukuran usaha yang berlaku / no legal size rule "
            f"set was in force then; the first one applies from {first}"
        )
    return day


def to_csv(records: list[dict[str, object]]) -> str:
    """CSV text with the JSON keys as header; empty cells for null, true/false for booleans;
    no cell runs as a formula in a spreadsheet (:mod:`umkm_kg.spreadsheet_cells`)."""
    lines = [delimited_row(COLUMNS)]
    lines += [delimited_row(_cell(record[column]) for column in COLUMNS) for record in records]
    return "".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _warn_undated(results: list[EnterpriseSize], lang: str) -> None:
    console = Console(stderr=True, highlight=False)
    words = WORDS[lang]
    undated = sum(1 for r in results if r.as_of is None)
    if undated:
        console.print(f"[yellow]{words['warning']}:[/] {words['undated'].format(n=undated)}")
    if not results:
        console.print(f"[yellow]{words['warning']}:[/] {words['none']}")
