"""Files the commands write: checked before any work, written whole or not at all.

:func:`atomic_output` writes into a temporary file beside the target and renames it over the
target only when everything was written, so a failure (bad input found late, a full disk,
Ctrl-C) leaves no partial file and an existing target as it was. A path that cannot be
written is one :class:`~umkm_kg.errors.UmkmKgError` naming it, never a traceback.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from umkm_kg.errors import UmkmKgError


def check_output(path: str | Path) -> Path:
    """``path`` if a file can be written there: its folder exists and it is not a folder."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise UmkmKgError(f"{target}: is a folder; give the name of the file to write")
    if not folder.exists():
        raise UmkmKgError(f"cannot write {target}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise UmkmKgError(f"cannot write {target}: {folder} is a file, not a folder")
    return target


@contextmanager
def atomic_output(path: str | Path, mode: str = "w", **options: object) -> Iterator[IO]:
    """An open temporary file that becomes ``path`` when the ``with`` block ends normally."""
    target = check_output(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise UmkmKgError(f"cannot write {target}: {error.strerror}") from None
    with _replacing(target, temporary):
        _usual_permissions(temporary)
        with os.fdopen(handle, mode, **options) as out:
            yield out


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that takes a file name; it becomes
    ``path`` when the ``with`` block ends normally."""
    target = check_output(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent
        )
        os.close(handle)
    except OSError as error:
        raise UmkmKgError(f"cannot write {target}: {error.strerror}") from None
    with _replacing(target, temporary):
        _usual_permissions(temporary)
        yield Path(temporary)


@contextmanager
def _replacing(target: Path, temporary: str) -> Iterator[None]:
    """Renames ``temporary`` over ``target`` when the block ends normally; otherwise removes
    it, and an ``OSError`` becomes one :class:`UmkmKgError` naming ``target``."""
    try:
        yield
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UmkmKgError(f"cannot write {target}: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _usual_permissions(path: str) -> None:
    """The permissions a new file gets (mkstemp makes it readable by its owner only)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
