"""``umkm-kg serve``: the store's pages and SPARQL endpoint, served on 127.0.0.1."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from umkm_kg.cli_app import app
from umkm_kg.commands.load import StoreOption
from umkm_kg.server.run import serve as run_server
from umkm_kg.store import default_store_path


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
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run; then it is stopped")
    ] = 60.0,
    workers: Annotated[
        int, typer.Option("--workers", help="Queries answered at the same time")
    ] = 2,
) -> None:
    """Sajikan penyimpanan / serve the store's pages and SPARQL endpoint on 127.0.0.1.

    Read-only unless started with a token; runs until Ctrl-C, SIGTERM or SIGHUP.

    Contoh / example: umkm-kg serve --store ./umkm-kg-demo/store
    """
    location = store or default_store_path()
    console = Console()

    def ready(url: str) -> None:
        mode = "writes need 'Authorization: Bearer <token>'" if allow_writes else "read-only"
        console.print(
            f"SPARQL endpoint {url}/query ({mode}); pages {url}/ ; Ctrl-C stops", soft_wrap=True
        )

    stopped_by = run_server(
        location,
        port=port,
        allow_writes=allow_writes,
        token=token,
        timeout=timeout,
        workers=workers,
        on_ready=ready,
    )
    console.print(f"stopped ({stopped_by})" if stopped_by else "stopped")
