"""Writes with the token: SPARQL updates applied by the server process, all or nothing.

An update is applied as a load is (:meth:`umkm_kg.store.EmbeddedStore.update`): into the
store's next generation under its write lock, made current when complete; the query processes
move to it at their next query. An update runs to its end: it has no time limit (only token
holders can send one).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.server.sparql_protocol import BadRequest
from umkm_kg.store.embedded import EmbeddedStore
from umkm_kg.store.federation import refuse_service

MAX_UPDATE_BYTES = 512 << 20


class Writer:
    """The store's updates, one at a time."""

    def __init__(self, location: Path, max_body: int = MAX_UPDATE_BYTES) -> None:
        self.max_body = max_body
        self._store = EmbeddedStore(location)
        self._lock = asyncio.Lock()

    async def apply(self, update: str) -> None:
        """Apply ``update`` to the store, all or nothing."""
        try:
            refuse_service(update)
        except UmkmKgError as error:
            raise BadRequest(400, str(error)) from None
        async with self._lock:
            try:
                await asyncio.to_thread(self._store.update, update)
            except UmkmKgError as error:
                status = 400 if "not valid SPARQL" in str(error) else 500
                raise BadRequest(status, str(error)) from None

    def close(self) -> None:
        """Let go of the store."""
        self._store.close()
