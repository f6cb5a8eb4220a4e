"""``umkm-kg template DIR``: write the blank, documented data-entry template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from umkm_kg.cli_app import app


@app.command()
def template(
    directory: Annotated[
        Path, typer.Argument(help="Folder tujuan / folder to write the template into.")
    ],
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="Juga buku kerja Excel / also an .xlsx workbook.")
    ] = False,
) -> None:
    """Tulis templat isian kosong / write the blank data-entry template (CSV + codebook).

    Contoh / example: umkm-kg template isian/ --xlsx
    """
    from umkm_kg.loading import write_template

    for path in write_template(directory, workbook=xlsx):
        typer.echo(str(path))
