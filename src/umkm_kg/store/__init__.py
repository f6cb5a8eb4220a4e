"""Stores: the embedded pyoxigraph store on this machine, or any remote SPARQL 1.1 endpoint.

store = open_store()                       # ~/.local/share/umkm-kg/store or $UMKM_KG_STORE
store = open_store("/data/umkm-store")     # another folder
store = open_store(endpoint="http://127.0.0.1:7878/query")
"""

from __future__ import annotations

from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.base import LoadReport, Store
from umkm_kg.store.embedded import STORE_ENV, EmbeddedStore, default_store_path
from umkm_kg.store.remote import RemoteStore
from umkm_kg.store.results import Rows


def open_store(
    path: str | Path | None = None,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    timeout: float = 60.0,
    token: str | None = None,
    wait: float | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Store:
    """The embedded store at ``path`` (default: :func:`default_store_path`), or ``endpoint``.

    ``wait``: seconds a load into the embedded store waits for another writer (default
    ``$UMKM_KG_STORE_WAIT`` or 10)."""
    if endpoint is not None:
        if path is not None:
            raise UmkmKgError("give either a store path or an endpoint URL, not both")
        return RemoteStore(
            endpoint,
            update_endpoint=update_endpoint,
            timeout=timeout,
            token=token,
            user=user,
            password=password,
        )
    return EmbeddedStore(path, wait=wait)


__all__ = [
    "STORE_ENV",
    "EmbeddedStore",
    "LoadReport",
    "RemoteStore",
    "Rows",
    "Store",
    "default_store_path",
    "open_store",
]
