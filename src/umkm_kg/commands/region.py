"""``umkm-kg region QUERY``: look a region up by code or name and print it with its parents.

Exit codes: 0 one region found; 1 the name is ambiguous (candidates are printed); 2 nothing
matches (with suggestions where there are close names).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from umkm_kg.cli_app import app
from umkm_kg.console_layout import Column, Records
from umkm_kg.errors import UmkmKgError
from umkm_kg.reference import Region, RegionMatch, lookup, parents
from umkm_kg.reference.region_words import HEADINGS, level_name


class RegionFormat(StrEnum):
    """Output formats of ``region``."""

    table = "table"
    json = "json"


class Language(StrEnum):
    """The language of what ``region`` prints."""

    id = "id"
    en = "en"


def _as_dict(found: Region) -> dict[str, object]:
    return {
        "code": found.code,
        "name": found.name,
        "level": found.level,
        "type": found.type,
        "bps_code": found.bps,
        "wikidata": found.wikidata,
        "parents": [{"code": p.code, "name": p.name, "type": p.type} for p in parents(found.code)],
    }


def _path(found: Region) -> str:
    return " < ".join([found.name] + [p.name for p in parents(found.code)])


def _print_table(match: RegionMatch, lang: str) -> None:
    console = Console()
    words = HEADINGS[lang]
    headings = (words["code"], words["path"], words["type"], "BPS", "QID")
    table = Records([Column(h, name=i == 0) for i, h in enumerate(headings)])
    table.title = words.get(match.status, words["suggestions"])
    for found in match.regions or match.suggestions:
        kind = level_name(found.type, lang)
        table.add_row(found.code, _path(found), kind, found.bps or "", found.wikidata or "")
    console.print(table)
    if match.notes and match.status != "not_found":
        console.print(Text(match.note_in(lang)), highlight=False)
    if match.regions and match.suggestions:  # "Kota Batu": the desa of the same name
        names = "; ".join(f"{r.code} {_path(r)}" for r in match.suggestions[:8])
        more = len(match.suggestions) - 8
        console.print(
            f"{words['also_named']}: {names}" + (f" (+{more})" if more > 0 else ""),
            highlight=False,
        )


@app.command()
def region(
    query: Annotated[
        str, typer.Argument(help="Code or name: 35.71.01.1002, '[71] KOTA KEDIRI', Kab. Kediri")
    ],
    province: Annotated[
        str | None, typer.Option("--province", help="Look only inside this province (e.g. 35).")
    ] = None,
    output: Annotated[
        RegionFormat, typer.Option("--format", help="table or json.")
    ] = RegionFormat.table,
    lang: Annotated[
        Language, typer.Option("--lang", help="id (Indonesian) or en: the language of the output.")
    ] = Language.id,
) -> None:
    """Cari wilayah Kemendagri / look up a Kemendagri region by code or name.

    Contoh / example: umkm-kg region "Kab. Kediri" --lang en
    """
    match = lookup(query, within=province)
    if output is RegionFormat.json:
        typer.echo(
            json.dumps(
                {
                    "query": match.query,
                    "status": match.status,
                    "method": match.method,
                    "note": match.note_in(lang.value),
                    "regions": [_as_dict(r) for r in match.regions],
                    "suggestions": [_as_dict(r) for r in match.suggestions],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif match.status != "not_found" or match.suggestions:
        _print_table(match, lang.value)
    if match.status == "ambiguous":
        raise typer.Exit(1)
    if match.status == "not_found":
        words = HEADINGS[lang.value]
        where = words["in_province"].format(province=province) if province else ""
        raise UmkmKgError(
            words["no_match"].format(query=query) + f"{where}: {match.note_in(lang.value)}"
            f" ({words['how_to_fix']})"
        )


@app.command("reference")
def reference_rdf(
    output: Annotated[Path, typer.Option("-o", "--output", help="N-Triples file to write.")],
    kbli_versions: Annotated[
        list[str] | None,
        typer.Option("--kbli", help="KBLI version(s) to include (default 2020)."),
    ] = None,
    regions: Annotated[
        bool, typer.Option("--regions/--no-regions", help="Include the 91,599 regions.")
    ] = True,
) -> None:
    """Data rujukan sebagai SKOS / the reference regions and KBLI as SKOS (N-Triples).

    Contoh / example: umkm-kg reference -o reference.nt --no-regions
    """
    from umkm_kg.reference.skos import write_reference

    count = write_reference(output, regions=regions, kbli_versions=kbli_versions or ["2020"])
    typer.echo(f"{count} triples -> {output} (load it with: umkm-kg load {output})")
