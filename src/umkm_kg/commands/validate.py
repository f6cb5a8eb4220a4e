"""``umkm-kg validate DATA...``: is each sentra ready to be grown into a cluster?"""

from __future__ import annotations

import datetime
import io
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from umkm_kg.cli_app import app
from umkm_kg.cli_progress import QuietOption, shown_progress
from umkm_kg.commands.load import EndpointOption, StoreOption
from umkm_kg.errors import UmkmKgError
from umkm_kg.output_files import atomic_output, check_output
from umkm_kg.store import open_store
from umkm_kg.validation import Validation, validate_opened, validate_sources
from umkm_kg.validation.html import to_html
from umkm_kg.validation.render import (
    SEVERITY_WORDS,
    VerdictView,
    summary,
    to_json,
    to_markdown,
    to_turtle,
)
from umkm_kg.validation.tables import to_csv, write_workbook

NO_SENTRA = {
    "id": "Tidak ada sentra dalam data ini (mis. daftar usaha saja): tidak ada yang dinilai. "
    "Cari calon sentra di antara usahanya dengan: umkm-kg discover",
    "en": "No sentra in these data (e.g. a listing of firms only): nothing to judge. "
    "Find candidate sentra among its firms with: umkm-kg discover",
}


class ReportFormat(StrEnum):
    """Output formats of ``validate``."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    ttl = "ttl"
    csv = "csv"
    xlsx = "xlsx"


class Language(StrEnum):
    """Language of messages and headings (Indonesian first)."""

    id = "id"
    en = "en"


class Engine(StrEnum):
    """SHACL engine: the fast Oxigraph path, or pySHACL (the reference)."""

    fast = "fast"
    pyshacl = "pyshacl"


@app.command("validate")
def validate_command(
    data: Annotated[
        list[Path] | None,
        typer.Argument(help="Template folder or workbook, or RDF files.", exists=True),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="table, json, markdown, html (one offline file), ttl, csv (a row per sentra "
            "and criterion) or xlsx (with a summary sheet; needs -o).",
        ),
    ] = ReportFormat.table,
    lang: Annotated[Language, typer.Option("--lang", help="id (Indonesian) or en.")] = Language.id,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (YYYY-MM-DD) for every sentra instead of its as_of."),
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="fast or pyshacl.")] = Engine.fast,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    quiet: QuietOption = False,
) -> None:
    """Prasyarat klaster / check each sentra against the cluster prerequisites.

    Exit 0 all ready, 1 any not ready, 2 bad data.

    Contoh / example: umkm-kg validate examples/kediri-tenun-ikat --lang en

    Contoh / example: umkm-kg validate DATA --format xlsx -o putusan.xlsx
    """
    if report_format is ReportFormat.xlsx and output is None:
        raise UmkmKgError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    day = _date(as_of)
    if output is not None:
        check_output(output)
    validation = _validation(data, store, endpoint, day, engine.value, quiet)
    _write_report(validation, report_format, output, lang.value)
    if not validation.sentra and not validation.unusable:
        Console(stderr=True, highlight=False).print(NO_SENTRA[lang.value])
    raise typer.Exit(validation.exit_code)


def _validation(
    data: list[Path] | None,
    store: Path | None,
    endpoint: str | None,
    day: datetime.date | None,
    engine: str,
    quiet: bool,
) -> Validation:
    """Validate DATA, or what a store or endpoint holds (progress on stderr meanwhile)."""
    if data and (store is not None or endpoint is not None):
        raise UmkmKgError("give DATA or --store/--endpoint, not both")
    if data:
        with shown_progress(quiet):
            return validate_sources(data, as_of=day, engine=engine)
    if store is None and endpoint is None:
        raise UmkmKgError("no data given: name DATA (template or RDF) or --store/--endpoint")
    if store is not None and not store.is_dir():
        raise UmkmKgError(f"no store at {store} (load data first: umkm-kg load DATA --store)")
    with open_store(store, endpoint=endpoint) as source:
        if source.notice:
            typer.echo(f"note: {source.notice}", err=True)
        with shown_progress(quiet):
            return validate_opened(source, as_of=day, engine=engine)


def _write_report(
    validation: Validation, report_format: ReportFormat, output: Path | None, lang: str
) -> None:
    """The report on stdout (a table, or the text of ``report_format``) or into ``output``."""
    if report_format is ReportFormat.table and output is None:
        print_verdicts(Console(highlight=False), validation, lang)
        return
    if report_format is ReportFormat.xlsx:
        write_workbook(validation, output, lang)
    else:
        text = _render(validation, report_format, lang)
        if output is None:
            typer.echo(text, nl=False)
            return
        with atomic_output(output, encoding="utf-8") as handle:
            handle.write(text)
    Console(stderr=True, highlight=False).print(f"{output}: {summary(validation.sentra, lang)}")


def print_verdicts(console: Console, validation: Validation, lang: str) -> None:
    """The verdicts as a table (stacked blocks in a narrow terminal), the summary and the
    data errors, each line within the console's width."""
    console.print(VerdictView(validation, lang))
    console.print(summary(validation.sentra, lang))
    for problem in validation.data_errors:
        details = f"{problem.focus} {problem.path or ''} {problem.value or ''}"
        severity = SEVERITY_WORDS[lang].get(problem.severity, problem.severity)
        console.print(f"[red]{severity}[/]: {escape(details)}: {escape(problem.message[lang])}")


def _render(validation: Validation, report_format: ReportFormat, lang: str) -> str:
    if report_format is ReportFormat.json:
        return to_json(validation) + "\n"
    if report_format is ReportFormat.markdown:
        return to_markdown(validation, lang)
    if report_format is ReportFormat.html:
        return to_html(validation, lang)
    if report_format is ReportFormat.ttl:
        return to_turtle(validation)
    if report_format is ReportFormat.csv:
        return to_csv(validation, lang)
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(VerdictView(validation, lang))  # blocks where even 160 columns are too few
    return console.export_text()


def _date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise UmkmKgError(f"--as-of {text!r} is not a date; write it as YYYY-MM-DD") from error
