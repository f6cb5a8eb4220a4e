"""``umkm-kg mappings``: the source layouts in ``loaders/`` that ``load --mapping NAME`` accepts."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from umkm_kg.cli_app import app
from umkm_kg.loading import available_mappings


@app.command()
def mappings() -> None:
    """Daftar tata letak sumber / list the source layouts (load --mapping NAME).

    Contoh / example: umkm-kg mappings
    """
    table = Table(title="Tata letak sumber / Source layouts")
    table.add_column("nama / name")
    table.add_column("judul / title")
    table.add_column("keterangan / description")
    for info in available_mappings():
        table.add_row(
            info.name,
            f"{info.title.id}\n{info.title.en}",
            f"{info.description.id}\n{info.description.en}",
        )
    Console().print(table)
