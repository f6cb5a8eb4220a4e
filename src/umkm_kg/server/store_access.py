"""How the server reaches the store: the only module of the server that opens it.

The store is a folder of generations (:mod:`umkm_kg.store.generations`): a load, or an update
this server applies with the token, writes the next generation and makes it current when it is
complete, so the generation a query process reads is never written to. The server keeps a
reader's hold on every generation that a running query reads, and moves to the current one at
each request: data loaded while it runs are served from the next request on.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.embedded import EmbeddedStore
from umkm_kg.store.generations import StoreFolder


def open_read_only(path: str | Path) -> ox.Store:
    """One generation's RocksDB folder, opened read-only (by a query process)."""
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as error:
        raise UmkmKgError(f"cannot open the store at {path} read-only: {error}") from None


class Views:
    """The generation queries read now, and the earlier ones that running queries still read."""

    def __init__(self, location: Path) -> None:
        self._location = location
        self._folder = StoreFolder(location)
        self._current = EmbeddedStore.open_read_only(location)
        self._held: list[EmbeddedStore] = []

    def current(self) -> Path:
        """The folder of the current generation (moving to a newer one if a write made it)."""
        if self._folder.current() != self._current.generation:
            self._held.append(self._current)
            self._current = EmbeddedStore.open_read_only(self._location)
        location = self._current.location
        assert location is not None  # open_read_only refuses an empty store
        return location

    def release(self, in_use: set[Path]) -> None:
        """Let go of the earlier generations that no running query reads."""
        still = [store for store in self._held if store.location in in_use]
        for store in self._held:
            if store not in still:
                store.close()
        self._held = still

    def close(self) -> None:
        """Let go of every generation."""
        for store in [*self._held, self._current]:
            store.close()
        self._held = []
