"""``umkm-kg activity TEXT``: candidate KBLI 2020 kelompok for a free-text business activity.

Exit codes: 0 a candidate is accepted; 1 candidates but none accepted (too vague or too weak),
or none at all; 2 bad input.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.activity import MARGIN, SCORE_THRESHOLD, resolve, suggest
from umkm_kg.cli_app import app
from umkm_kg.console_layout import Column, Records
from umkm_kg.errors import UmkmKgError

WORDS = {
    "id": {
        "columns": ("kelompok", "judul", "skor", "kata", "lewat", ""),
        "via": {"synonym": "sinonim", "description": "uraian", "title": "judul"},
        "accepted": "diterima",
        "none": "tidak ada kandidat diterima",
        "empty": "teks kosong",
        "no_match": "tidak ada kata yang dikenal",
        "below_threshold": f"skor di bawah {SCORE_THRESHOLD}",
        "ambiguous": f"terlalu umum: kandidat teratas berselisih kurang dari {MARGIN}",
    },
    "en": {
        "columns": ("kelompok", "title", "score", "words", "via", ""),
        "via": {},
        "accepted": "accepted",
        "none": "no candidate accepted",
        "empty": "empty text",
        "no_match": "no known word",
        "below_threshold": f"score below {SCORE_THRESHOLD}",
        "ambiguous": f"too vague: the top candidates are less than {MARGIN} apart",
    },
}


class ActivityFormat(StrEnum):
    """Output formats of ``activity``."""

    table = "table"
    json = "json"


@app.command()
def activity(
    text: Annotated[str, typer.Argument(help='Free-text activity, e.g. "membuat kain tenun"')],
    limit: Annotated[int, typer.Option("--limit", help="How many candidates to show")] = 5,
    output: Annotated[
        ActivityFormat, typer.Option("--format", help="table or json")
    ] = ActivityFormat.table,
    lang: Annotated[str, typer.Option("--lang", help="Language of the table: id or en")] = "id",
) -> None:
    """Kelompok KBLI dari teks kegiatan / candidate KBLI 2020 kelompok for a free-text activity.

    Scores and matched words; exit 0 when one is accepted, 1 when none is.

    Contoh / example: umkm-kg activity "membuat kain tenun ikat"
    """
    if limit < 1:
        raise UmkmKgError(f"--limit must be at least 1 (got {limit})")
    if lang not in WORDS:
        raise UmkmKgError(f"--lang {lang!r}: use id or en")
    found = suggest(text, limit)
    accepted = resolve(text)
    if output is ActivityFormat.json:
        rows = [
            {
                "kbli": c.code,
                "kbli_version": c.version,
                "iri": str(c.iri),
                "label": c.label,
                "score": c.score,
                "matched": list(c.matched),
                "via": c.via,
                "accepted": accepted.candidate == c,
            }
            for c in found
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_table(text, found, accepted, WORDS[lang])
    raise typer.Exit(0 if accepted.candidate else 1)


def _print_table(text, found, accepted, words) -> None:
    console = Console()
    columns = [Column(h, name=i == 0) for i, h in enumerate(words["columns"])]
    table = Records(columns, title=f"KBLI 2020: {text}")
    table.title_columns = (0, 1)  # stacked: the code and its title on the first line
    for c in found:
        mark = words["accepted"] if accepted.candidate == c else ""
        via = words["via"].get(c.via, c.via)
        table.add_row(c.code, c.label, f"{c.score:.3f}", ", ".join(c.matched), via, mark)
    console.print(table)
    if accepted.candidate is None:
        console.print(f"{words['none']}: {words[accepted.reason]}", highlight=False)
