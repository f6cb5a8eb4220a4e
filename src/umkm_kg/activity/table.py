"""The curated Indonesian activity words (``reference/activity_synonyms.csv``) and word splitting.

Each row of the table is a phrase as Dinas lists write it (``kripik``, ``sambel pecel``,
``tenun ikat``) with the KBLI 2020 kelompok it names and why; a phrase listed with several
kelompok names none of them alone (``anyaman`` without its material). A row with an empty
``kbli2020`` is a word that says nothing about the activity (``membuat``, ``produksi``,
``usaha``): it is ignored when matching.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from umkm_kg.errors import UmkmKgError
from umkm_kg.reference.kbli import KELOMPOK, kbli
from umkm_kg.resources import resource_path

SYNONYM_FILE = "activity_synonyms.csv"
_WORD = re.compile(r"[a-z]+")


def words(text: str) -> list[str]:
    """The words of a free text: lower-case ASCII letters, accents folded, digits dropped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


@dataclass(frozen=True)
class Phrase:
    """A curated phrase: its words and the KBLI 2020 kelompok it names."""

    words: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class SynonymTable:
    """The phrases (longest first) and the ignored words of the curated table."""

    phrases: tuple[Phrase, ...]
    ignored: frozenset[str]


@cache
def synonym_table() -> SynonymTable:
    """Read and check ``reference/activity_synonyms.csv`` (every code a KBLI 2020 kelompok)."""
    path = resource_path("reference", SYNONYM_FILE)
    codes: dict[tuple[str, ...], list[str]] = {}
    ignored: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            phrase = tuple(words(row["phrase"]))
            code = (row["kbli2020"] or "").strip()
            if not phrase or not (row.get("rationale") or "").strip():
                raise UmkmKgError(f"{path}, row {number}: a phrase and its rationale are needed")
            if not code:
                ignored.update(phrase)
                continue
            entry = kbli("2020", code)
            if entry is None or entry.level != KELOMPOK:
                raise UmkmKgError(f"{path}, row {number}: '{code}' is not a KBLI 2020 kelompok")
            codes.setdefault(phrase, []).append(code)
    phrases = sorted(
        (Phrase(p, tuple(dict.fromkeys(c))) for p, c in codes.items()),
        key=lambda p: (-len(p.words), p.words),
    )
    return SynonymTable(tuple(phrases), frozenset(ignored))
