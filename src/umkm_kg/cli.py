"""Entry point of the ``umkm-kg`` command: a thin layer over the Python API.

Each module in ``umkm_kg.commands`` registers its commands on :data:`umkm_kg.cli_app.app`.
A :class:`~umkm_kg.errors.UmkmKgError` becomes one message on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from rich.console import Console
from rich.markup import escape

from umkm_kg import commands
from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError


def _register_commands() -> None:
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors exit with code 2 and no traceback."""
    _register_commands()
    try:
        app(args=argv, prog_name="umkm-kg")
    except UmkmKgError as error:
        message = escape(str(error))  # data in a message is text, never Rich markup
        console = Console(stderr=True)
        console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
        sys.exit(2)
