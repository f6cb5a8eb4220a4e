"""The Typer application that command modules in ``umkm_kg.commands`` register on."""

from typing import Annotated

import typer

from umkm_kg import __version__

app = typer.Typer(
    name="umkm-kg",
    help="Graf pengetahuan sentra dan klaster UMKM / knowledge graph of Indonesian UMKM sentra "
    "and clusters: link, validate, query.\n\n"
    "Every command explains itself: umkm-kg COMMAND --help.\n\n"
    "Contoh / example: umkm-kg demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Versi / print the version and exit.",
        ),
    ] = False,
) -> None:
    """The options every command shares (the app's help text is given above)."""
