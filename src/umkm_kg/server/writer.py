"""Writes with the token: SPARQL updates applied by the server process, the store's only writer.

After each update the query processes are moved to a fresh checkpoint of the store. An update
runs to its end: it has no time limit (only token holders can send one).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.server.sparql_protocol import BadRequest
from umkm_kg.server.store_access import Checkpoints, open_for_writing
from umkm_kg.store.federation import refuse_service

MAX_UPDATE_BYTES = 512 << 20


class Writer:
    """The store opened read-write, with the checkpoints its readers open."""

    def __init__(self, location: Path, max_body: int = MAX_UPDATE_BYTES) -> None:
        self.max_body = max_body
        self._store = open_for_writing(location)
        self.checkpoints = Checkpoints(self._store, location)
        self._lock = asyncio.Lock()

    async def apply(self, update: str) -> None:
        """Apply ``update`` (one transaction in Oxigraph), then take a new checkpoint."""
        try:
            refuse_service(update)
        except UmkmKgError as error:
            raise BadRequest(400, str(error)) from None
        async with self._lock:
            try:
                await asyncio.to_thread(self._store.update, update)
            except SyntaxError as error:
                raise BadRequest(400, f"the update is not valid SPARQL: {error}") from None
            except (OSError, ValueError) as error:
                raise BadRequest(500, f"the update failed: {error}") from None
            await asyncio.to_thread(self.checkpoints.take)

    def close(self) -> None:
        """Flush the store and remove the checkpoints."""
        self._store.flush()
        self.checkpoints.close()
        del self._store
