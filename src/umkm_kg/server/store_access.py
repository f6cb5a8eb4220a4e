"""How the server reaches the store: the only module of the server that opens it.

Readers (the query processes) open a store folder read-only; with writes allowed, this process
is the store's single writer and the readers open checkpoints of it (RocksDB hard-link
snapshots: a reader must not open a folder another process writes to).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from umkm_kg.errors import UmkmKgError


def open_read_only(path: str | Path) -> ox.Store:
    """The store at ``path``, opened read-only (several processes may do so at once)."""
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise UmkmKgError(f"cannot open the store at {path} read-only: {error}") from None


def open_for_writing(path: str | Path) -> ox.Store:
    """The store at ``path`` opened read-write: this process becomes its single writer."""
    try:
        return ox.Store(str(path))
    except OSError as error:
        raise UmkmKgError(
            f"cannot open the store at {path}: {error} "
            "(is another umkm-kg process, e.g. 'umkm-kg load', using it?)"
        ) from None


class Checkpoints:
    """Read-only snapshots of a store this process writes, for the query processes to open.

    ``take()`` after each write makes a new one (hard links in ``.NAME.serve-checkpoints-*``
    beside the store folder, so cheap); ``release()`` removes those no query reads any more,
    ``close()`` all of them, and a later writing server those a killed one left.
    """

    def __init__(self, store: ox.Store, location: Path) -> None:
        self._store: ox.Store | None = store
        prefix = f".{location.name}.serve-checkpoints-"
        for stale in location.parent.glob(prefix + "*"):  # left by a server killed with -9
            shutil.rmtree(stale, ignore_errors=True)  # (this process holds the store's lock)
        try:
            self._folder = Path(tempfile.mkdtemp(prefix=prefix, dir=location.parent))
        except OSError:
            self._folder = Path(tempfile.mkdtemp(prefix="umkm-kg-serve-checkpoints-"))
        self._count = 0
        self.current = self.take()

    def take(self) -> Path:
        """A new checkpoint of the store as it is now; it becomes :attr:`current`."""
        self._count += 1
        target = self._folder / f"checkpoint-{self._count}"
        self._store.flush()
        self._store.backup(str(target))
        self.current = target
        return target

    def release(self, in_use: set[Path]) -> None:
        """Remove every checkpoint but the current one and those in ``in_use``."""
        for folder in self._folder.iterdir():
            if folder != self.current and folder not in in_use:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Remove all checkpoints and let go of the store."""
        shutil.rmtree(self._folder, ignore_errors=True)
        self._store = None
