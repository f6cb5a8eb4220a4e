"""``umkm-kg mappings``: the source layouts in ``loaders/`` that ``load --mapping NAME`` accepts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app
from umkm_kg.console_layout import Column, Records
from umkm_kg.errors import UmkmKgError
from umkm_kg.loading import available_mappings

HEADINGS = {"id": ("nama", "judul", "keterangan"), "en": ("name", "title", "description")}
TITLES = {"id": "Tata letak sumber", "en": "Source layouts"}


@app.command()
def mappings(
    lang: Annotated[str, typer.Option("--lang", help="Language of the table: id or en")] = "id",
) -> None:
    """Daftar tata letak sumber / list the source layouts (load --mapping NAME).

    Contoh / example: umkm-kg mappings --lang en
    """
    if lang not in HEADINGS:
        raise UmkmKgError(f"--lang {lang!r}: use id or en")
    columns = [Column(h, name=i == 0) for i, h in enumerate(HEADINGS[lang])]
    table = Records(columns, title=TITLES[lang], min_table_width=120)
    for info in available_mappings():
        table.add_row(info.name, getattr(info.title, lang), getattr(info.description, lang))
    Console().print(table)
