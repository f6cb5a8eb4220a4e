"""A store folder's generations: all-or-nothing writes, one writer, readers that never block.

The folder holds complete pyoxigraph (RocksDB) stores, ``gen-000N/``, and ``GENERATION``, a
one-line file naming the current one. A writer, holding ``write.lock`` (an exclusive ``flock``
that records its pid and command), builds the next generation beside the current one, syncs
it to disk and only then replaces ``GENERATION`` atomically (temporary file, ``fsync``,
``os.replace``, ``fsync`` of the folder). A generation is never written once it is current.
Readers hold a shared ``flock`` on ``gen-000N.lock`` of the generation they read; a writer
removes every other generation (an older one, or one a killed writer left unfinished) that no
reader holds. A folder written before generations existed (RocksDB's files at its top) is read
as it is, and its first write turns it into a generation.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path

from umkm_kg.errors import UmkmKgError

POINTER = "GENERATION"
WRITE_LOCK = "write.lock"
LEGACY = "."  # the generation of a folder written before generations: the folder itself
FAULT_ENV = "UMKM_KG_STORE_FAULT"  # tests: a stage name at which a writer kills itself
_GENERATION = re.compile(r"gen-(\d{4,})")
_ROCKSDB_FILE = re.compile(
    r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?"
    r"|\d+\.(sst|log|blob|dbtmp)"
)


def stage(name: str) -> None:
    """A named point of a write; ``$UMKM_KG_STORE_FAULT=name`` kills the process there
    (SIGKILL, as ``kill -9`` would), so that tests can stop a write at a chosen moment."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class StoreFolder:
    """The folder of an embedded store and the generations in it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def current(self) -> str | None:
        """The current generation's name, :data:`LEGACY`, or None for a folder with no store."""
        pointer = self.path / POINTER
        try:
            name = pointer.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return LEGACY if (self.path / "CURRENT").is_file() else None
        except NotADirectoryError:
            raise UmkmKgError(f"{self.path} is a file, not a store folder") from None
        except (OSError, UnicodeDecodeError) as error:
            raise UmkmKgError(f"cannot read {pointer}: {error}") from None
        if not _GENERATION.fullmatch(name) or not (self.path / name).is_dir():
            raise UmkmKgError(
                f"{pointer} names {name[:40]!r}, which is not a generation in {self.path}: "
                "the store folder was changed by hand; restore it from a copy or load the "
                "sources again into a new --store folder"
            )
        return name

    def location(self, generation: str) -> Path:
        """The RocksDB folder of ``generation``."""
        return self.path if generation == LEGACY else self.path / generation

    def lock_path(self, generation: str) -> Path:
        """The file readers of ``generation`` hold a shared lock on."""
        return self.path / ("legacy.lock" if generation == LEGACY else f"{generation}.lock")

    def next_name(self) -> str:
        """A generation name above every one in the folder."""
        numbers = [int(m.group(1)) for m in map(_GENERATION.fullmatch, self._names()) if m]
        return f"gen-{max(numbers, default=0) + 1:04d}"

    def create(self) -> list[Path]:
        """Make the folder (and missing parents); returns the folders made, deepest last."""
        made = []
        for folder in reversed([self.path, *self.path.parents]):
            if not folder.exists():
                try:
                    folder.mkdir()
                except FileExistsError:
                    continue
                except OSError as error:
                    raise _unwritable(self.path, error) from None
                made.append(folder)
        if not self.path.is_dir():
            raise UmkmKgError(f"{self.path} is a file, not a store folder")
        return made

    def flip(self, generation: str) -> None:
        """Make ``generation`` (complete and synced) current, atomically and durably."""
        self.lock_path(generation).touch()  # readers on a read-only mount cannot make it
        _sync_tree(self.location(generation))
        stage("synced")
        temporary = self.path / f"{POINTER}.tmp"
        with temporary.open("w", encoding="ascii") as out:
            out.write(generation + "\n")
            out.flush()
            os.fsync(out.fileno())
        stage("pointer-written")
        os.replace(temporary, self.path / POINTER)
        _sync_dir(self.path)
        stage("flipped")

    def remove_stale(self, keep: str | None) -> None:
        """Remove every generation but ``keep`` that no reader holds (a writer only)."""
        (self.path / f"{POINTER}.tmp").unlink(missing_ok=True)
        for name in self._names():
            stale = _GENERATION.fullmatch(name.removesuffix(".lock"))
            if stale and stale.group(0) != keep and (self.path / name).exists():
                self._remove(stale.group(0))
        if keep != LEGACY and (self.path / POINTER).exists() and (self.path / "CURRENT").exists():
            self._remove(LEGACY)

    def remove_all(self, made: list[Path]) -> None:
        """Remove a store that a failed first write created, and the folders it made."""
        for name in self._names():
            if _GENERATION.fullmatch(name.removesuffix(".lock")) or name in (POINTER, WRITE_LOCK):
                _remove_path(self.path / name)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                break  # something else is in it: leave it

    def _remove(self, generation: str) -> None:
        lock = ReaderLock.try_exclusive(self.lock_path(generation))
        if lock is None:
            return  # a reader holds it: the next writer tries again
        try:
            if generation == LEGACY:
                for name in self._names():
                    if _ROCKSDB_FILE.fullmatch(name):
                        (self.path / name).unlink(missing_ok=True)
            else:
                shutil.rmtree(self.location(generation), ignore_errors=True)
            stage("cleaning")
            self.lock_path(generation).unlink(missing_ok=True)
        finally:
            lock.release()

    def _names(self) -> list[str]:
        try:
            return sorted(os.listdir(self.path))
        except FileNotFoundError:
            return []


class ReaderLock:
    """A ``flock`` on one generation's lock file: shared by its readers, exclusive to remove it."""

    def __init__(self, descriptor: int | None) -> None:
        self._descriptor = descriptor

    @classmethod
    def shared(cls, folder: StoreFolder) -> tuple[str | None, ReaderLock]:
        """The current generation, locked shared; a lock file that cannot be made (a read-only
        folder, which no writer can change either) is done without."""
        for _ in range(1000):
            generation = folder.current()
            if generation is None:
                return None, cls(None)
            descriptor = _open_lock(folder.lock_path(generation))
            if descriptor is not None:
                fcntl.flock(descriptor, fcntl.LOCK_SH)
            if folder.current() == generation:  # not flipped and removed meanwhile
                return generation, cls(descriptor)
            cls(descriptor).release()
        raise UmkmKgError(f"the store at {folder.path} changed too often to be opened")

    @classmethod
    def try_exclusive(cls, path: Path) -> ReaderLock | None:
        """The lock, exclusive, when no reader holds it; else None."""
        descriptor = _open_lock(path)
        if descriptor is None:
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return None
        return cls(descriptor)

    def release(self) -> None:
        """Unlock (closing the file releases the ``flock``)."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


class WriterLock:
    """The store's one writer: an exclusive ``flock`` on ``write.lock`` with its pid and command."""

    def __init__(self, folder: StoreFolder, wait: float) -> None:
        self.folder = folder
        self.wait = wait
        self._descriptor: int | None = None

    def __enter__(self) -> WriterLock:
        path = self.folder.path / WRITE_LOCK
        deadline = time.monotonic() + self.wait
        while True:
            try:
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except FileNotFoundError:  # a failed first load removed the folder meanwhile
                self.folder.create()
                continue
            except OSError as error:
                raise _unwritable(self.folder.path, error) from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                if time.monotonic() >= deadline:
                    raise _busy(self.folder.path, path, self.wait) from None
                time.sleep(0.1)
                continue
            if _same_file(descriptor, path):
                break
            os.close(descriptor)  # removed by a failed first load while we waited
        holder = {"pid": os.getpid(), "command": " ".join(sys.argv)[:300]}
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(holder).encode() + b"\n", 0)
        self._descriptor = descriptor
        return self

    def __exit__(self, *exc: object) -> None:
        if self._descriptor is not None:
            os.ftruncate(self._descriptor, 0)
            os.close(self._descriptor)
            self._descriptor = None


def _busy(store: Path, lock: Path, wait: float) -> UmkmKgError:
    try:
        holder = json.loads(lock.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        holder = {}
    pid = holder.get("pid", "unknown")
    command = holder.get("command") or "unknown command"
    return UmkmKgError(
        f"the store at {store} is being written by another process (pid {pid}: {command}); "
        f"waited {wait:g} s for it. Run this again when it has finished, wait longer with "
        f"--wait SECONDS, or stop that process (kill {pid}): its unfinished write is then "
        "discarded and the store keeps what it held before"
    )


def _unwritable(store: Path, error: OSError) -> UmkmKgError:
    return UmkmKgError(
        f"cannot write to the store at {store}: {error.strerror or error}; load into another "
        "--store folder (a store here can still be queried: it is opened read-only)"
    )


def _open_lock(path: Path) -> int | None:
    """The lock file opened (created when missing and possible), or None when it cannot be."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _sync_tree(folder: Path) -> None:
    """``fsync`` every file of ``folder`` and the folder itself."""
    for entry in folder.iterdir():
        if entry.is_file():
            descriptor = os.open(entry, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
