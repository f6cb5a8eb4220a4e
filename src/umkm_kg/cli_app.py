"""The Typer application that command modules in ``umkm_kg.commands`` register on."""

import typer

app = typer.Typer(
    name="umkm-kg",
    help="Knowledge graph of Indonesian UMKM sentra and clusters: link, validate, query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Knowledge graph of Indonesian UMKM sentra and clusters: link, validate, query."""
