"""``umkm-kg discover SOURCE...``: candidate Sentra IKM hidden in firm listings.

Exit codes: 0 done (whatever was found); 2 bad input (unknown level or mapping, --min-units
below 1, a listing without a region column, an unreadable file).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app
from umkm_kg.cli_progress import QuietOption, shown_progress
from umkm_kg.commands.load import StoreOption
from umkm_kg.discovery import LEVELS, Discovery, Firm, listing_date, read_firms
from umkm_kg.discovery import discover as find
from umkm_kg.discovery.report import as_csv, as_json, print_table, summary_lines
from umkm_kg.errors import UmkmKgError


class DiscoverFormat(StrEnum):
    """Output formats of ``discover``."""

    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


@app.command()
def discover(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Listings (CSV, folder, workbook); none: the firms the store holds"),
    ] = None,
    mapping: Annotated[
        str, typer.Option("--mapping", help="Source layout (umkm-kg mappings)")
    ] = "template",
    store: StoreOption = None,
    level: Annotated[
        str, typer.Option("--level", help="Group by region level: desa, kecamatan or kabkota")
    ] = "kecamatan",
    min_units: Annotated[
        int | None,
        typer.Option("--min-units", help="Minimum IKM units [default: PP 29/2018's, 5]"),
    ] = None,
    output: Annotated[
        DiscoverFormat, typer.Option("--format", help="table, json, csv or html")
    ] = DiscoverFormat.table,
    folder: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write a pre-filled template folder")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="List every group, not only candidates")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Date of the listing (YYYY-MM-DD) [default: its figures' year end]"
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Write the candidates into the store's own named graph")
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the table, counts and HTML: id or en")
    ] = "id",
    activity: Annotated[
        str | None, typer.Option("--activity", help="HTML: the KBLI kelompok of the LQ chart")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Temukan calon Sentra IKM / find candidate Sentra IKM in firm listings (PP 29/2018).

    Where same-activity firms concentrate in one region, with location quotients.

    Contoh / example: umkm-kg discover LISTING.csv --mapping jatim_umkm_binaan --lang en

    Contoh / example: umkm-kg discover LISTING.csv --mapping jatim_umkm_binaan -o usulan/
    """
    _check_choices(level, min_units, lang)
    day = _as_of(as_of, mapping, bool(sources))
    kept: dict[str, Firm] = {}
    firms = _firms(sources or [], mapping, store, save)
    if folder is not None or save:
        firms = _remembered(firms, kept)
    with shown_progress(quiet):
        found = find(firms, level, min_units, day)
    _print_found(found, output, sources or [], lang, activity, every)
    if folder is not None:
        _prefill(found, kept, folder, day, every)
    if save:
        _save(found, kept, sources or [], store, every)


def _check_choices(level: str, min_units: int | None, lang: str) -> None:
    """Refuse an unknown level or language, or --min-units below 1, before reading."""
    if level not in LEVELS:
        raise UmkmKgError(f"unknown level '{level}': expected one of {', '.join(LEVELS)}")
    if min_units is not None and min_units < 1:
        raise UmkmKgError(f"--min-units must be at least 1 (got {min_units})")
    if lang not in ("id", "en"):
        raise UmkmKgError(f"unknown language '{lang}': expected id or en")


def _print_found(
    found: Discovery,
    output: DiscoverFormat,
    sources: list[Path],
    lang: str,
    activity: str | None,
    every: bool,
) -> None:
    """The groups on stdout in ``output``'s format; the summary on stderr beside a format."""
    if output is DiscoverFormat.json:
        typer.echo(as_json(found, every))
    elif output is DiscoverFormat.csv:
        typer.echo(as_csv(found, every), nl=False)
    elif output is DiscoverFormat.html:
        from umkm_kg.discovery.html import html_page

        typer.echo(html_page(found, sources, lang, activity, every))
    else:
        print_table(found, every, lang=lang)
    if output is not DiscoverFormat.table:
        err = Console(stderr=True)
        for line in summary_lines(found, lang):
            err.print(line, highlight=False)


def _prefill(
    found: Discovery, kept: dict[str, Firm], folder: Path, day: datetime.date | None, every: bool
) -> None:
    """A template folder pre-filled with the candidates and their firms."""
    from umkm_kg.discovery.prefill import write_prefilled

    write_prefilled(found, kept, folder, day or datetime.date.today(), every)
    Console(stderr=True).print(f"template: {folder} (README.md)", highlight=False)


def _as_of(text: str | None, mapping: str, listing: bool) -> datetime.date | None:
    if text:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise UmkmKgError(f"--as-of '{text}' is not a date: write YYYY-MM-DD") from None
    return listing_date(mapping) if listing else None


def _firms(sources: list[Path], mapping: str, store: Path | None, iris: bool) -> Iterator[Firm]:
    if sources:
        return itertools.chain.from_iterable(read_firms(p, mapping, iris=iris) for p in sources)
    from umkm_kg.discovery.stored import stored_firms

    return stored_firms(store)


def _remembered(firms: Iterator[Firm], kept: dict[str, Firm]) -> Iterator[Firm]:
    for firm in firms:
        kept.setdefault(firm.id, firm)
        yield firm


def _save(found, kept, sources, store, every) -> None:
    from rdflib import URIRef

    from umkm_kg.discovery.rdf import CANDIDATE_GRAPH, candidate_graph
    from umkm_kg.store import open_store
    from umkm_kg.store.base import now

    iris = {firm_id: URIRef(firm.iri) for firm_id, firm in kept.items() if firm.iri}
    graph = candidate_graph(found, iris, sources, now(), every)
    with open_store(store) as target:
        if not hasattr(target, "add_graph"):
            raise UmkmKgError("--save writes into the embedded store only (give --store PATH)")
        count = target.add_graph(graph, CANDIDATE_GRAPH)
    Console(stderr=True).print(f"<{CANDIDATE_GRAPH}>: {count} triples", highlight=False)
