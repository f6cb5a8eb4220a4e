"""KBLI (Indonesian standard industrial classification) by version and code.

KBLI 2020 (Peraturan BPS 2/2020) ships with the package. KBLI 2025 (Peraturan BPS 7/2025)
does not: the compilation we have forbids redistributing modified copies, so the package
reads the user's own copy (a folder with ``01_kategori.json`` ... ``05_kelompok.json``) given
by :func:`use_kbli2025` or the ``UMKM_KG_KBLI2025`` environment variable. A code means nothing
without its version (KBLI 2025 reuses codes with other meanings), so every call names one.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.resources import resource_path

VERSIONS = ("2020", "2025")
KELOMPOK = 5  # the level of a kelompok, the most detailed: its code has five digits
KBLI2025_ENV = "UMKM_KG_KBLI2025"
# level -> (file name, key of the parent code) in the KBLI 2025 JSON folder
_KBLI2025_FILES = {
    1: ("01_kategori.json", None),
    2: ("02_golongan_pokok.json", "kategori_code"),
    3: ("03_golongan.json", "golongan_pokok_code"),
    4: ("04_subgolongan.json", "golongan_code"),
    5: ("05_kelompok.json", "subgolongan_code"),
}
_kbli2025_dir: Path | None = None


@dataclass(frozen=True)
class KbliEntry:
    """One KBLI code: section (level 1, a letter) down to kelompok (level 5, five digits)."""

    version: str
    code: str
    title: str
    level: int
    parent: str | None
    description: str = ""


def check_version(version: str | int | None) -> str:
    """The version as a string; a missing or unknown version is an error, never a guess."""
    if version is None or str(version).strip() == "":
        raise UmkmKgError(
            "a KBLI code needs its version: KBLI 2020 and 2025 reuse codes with other meanings "
            "(give kbli_version 2020 or 2025)"
        )
    text = str(version).strip()
    if text not in VERSIONS:
        raise UmkmKgError(f"unknown KBLI version {text!r}: expected one of {', '.join(VERSIONS)}")
    return text


@cache
def _kbli2020() -> dict[str, KbliEntry]:
    path = resource_path("reference", "kbli2020.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["code"]: KbliEntry(
            "2020",
            row["code"],
            row["title"],
            int(row["level"]),
            row["parent"] or None,
            row["description"],
        )
        for row in rows
    }


def use_kbli2025(folder: str | Path) -> int:
    """Read KBLI 2025 from the user's copy (the five JSON files); returns the number of codes."""
    global _kbli2025_dir
    _kbli2025_dir = Path(folder)
    _kbli2025.cache_clear()
    return len(_kbli2025())


@cache
def _kbli2025() -> dict[str, KbliEntry]:
    folder = _kbli2025_dir or (
        Path(os.environ[KBLI2025_ENV]) if KBLI2025_ENV in os.environ else None
    )
    if folder is None:
        raise UmkmKgError(
            "KBLI 2025 is not shipped with umkm-kg (its compilation forbids redistributing "
            "modified copies)",
        )
    entries: dict[str, KbliEntry] = {}
    for level, (name, parent_key) in _KBLI2025_FILES.items():
        path = folder / name
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
            for item in items:
                parent = item[parent_key] if parent_key else None
                entries[item["code"]] = KbliEntry(
                    "2025",
                    item["code"],
                    " ".join(item["title"].split()),
                    level,
                    parent,
                    item.get("description", "").strip(),
                )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise UmkmKgError(
                f"cannot read KBLI 2025 from {path}: {error} (expected the folder of "
                "01_kategori.json ... 05_kelompok.json with code, title, description)"
            ) from error
    return entries


def _table(version: str) -> dict[str, KbliEntry]:
    if version == "2020":
        return _kbli2020()
    try:
        return _kbli2025()
    except UmkmKgError as error:
        if _kbli2025_dir is None and KBLI2025_ENV not in os.environ:
            raise UmkmKgError(
                f"{error}; point {KBLI2025_ENV} at your copy's folder or call "
                "umkm_kg.reference.use_kbli2025(folder)"
            ) from None
        raise


def kbli(version: str | int | None, code: str) -> KbliEntry | None:
    """The KBLI entry of ``code`` in ``version``, or ``None`` when the code does not exist."""
    return _table(check_version(version)).get(code.strip().upper())


def kbli_entries(version: str | int) -> list[KbliEntry]:
    """Every entry of one version, all levels."""
    return list(_table(check_version(version)).values())


def kbli_ancestors(version: str | int, code: str) -> list[KbliEntry]:
    """The broader entries of ``code``, nearest first, up to its section."""
    table = _table(check_version(version))
    chain: list[KbliEntry] = []
    entry = table.get(code.strip().upper())
    while entry and entry.parent:
        entry = table.get(entry.parent)
        if entry:
            chain.append(entry)
    return chain
