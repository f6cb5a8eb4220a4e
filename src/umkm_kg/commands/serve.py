"""``umkm-kg serve``: a SPARQL endpoint and browser query UI over the store, on 127.0.0.1."""

from __future__ import annotations

import threading
from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app
from umkm_kg.commands.load import StoreOption
from umkm_kg.store import default_store_path
from umkm_kg.store.server import serving


@app.command()
def serve(
    store: StoreOption = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1")] = 7878,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Accept SPARQL updates (needs --token)")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", envvar="UMKM_KG_SERVE_TOKEN", help="Bearer token that writes must carry"
        ),
    ] = None,
) -> None:
    """Serve the store read-only (or with token-guarded writes) until Ctrl-C."""
    location = store or default_store_path()
    console = Console()
    with serving(location, port=port, allow_writes=allow_writes, token=token) as url:
        mode = "writes need 'Authorization: Bearer <token>'" if allow_writes else "read-only"
        console.print(f"SPARQL endpoint {url}/query ({mode}); query UI {url}/ ; Ctrl-C stops")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            console.print("stopped")
