"""``umkm-kg version``: print the package version."""

import typer

from umkm_kg import __version__
from umkm_kg.cli_app import app


@app.command()
def version() -> None:
    """Versi umkm-kg / print the umkm-kg version.

    Contoh / example: umkm-kg version
    """
    typer.echo(__version__)
