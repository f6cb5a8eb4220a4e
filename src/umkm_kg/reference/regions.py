"""Kemendagri 2025 regions by code: the shipped table, read lazily on first use.

Four levels: provinsi (``35``), kabupaten/kota (``35.71``), kecamatan (``35.71.01``) and
desa/kelurahan (``35.71.01.1002``). BPS codes come from the 2020 crosswalk (provinsi,
kab/kota, kecamatan) and a name match against BPS 2018 villages (desa); Wikidata QIDs from a
2016 export (provinsi, kab/kota). Codes retired by the 2022 Papua split map to their successors.
"""

from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from umkm_kg.resources import resource_path

LEVEL_NAMES = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
PROVINSI, KABKOTA, KECAMATAN, DESA = 1, 2, 3, 4  # the levels, as Region.level gives them
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_PLAIN = re.compile(r"^(\d{2}|\d{4}|\d{6}|\d{10})$")


@dataclass(frozen=True)
class Region:
    """One region of the Kemendagri 2025 list."""

    code: str
    name: str
    type: str  # provinsi, kabupaten, kota, kecamatan, desa, kelurahan, desa_adat
    bps: str | None = None
    wikidata: str | None = None

    @property
    def level(self) -> int:
        """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
        return self.code.count(".") + 1

    @property
    def parent(self) -> str | None:
        """The code of the region one level up, ``None`` for a province."""
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@dataclass(frozen=True)
class CodeChange:
    """A code retired when a region moved (Papua 2022), with its successor."""

    old_code: str
    new_code: str
    valid_from: date
    source: str


def normalise_code(text: str) -> str | None:
    """``"3571011002"`` or ``" 35.71.01.1002 "`` -> ``"35.71.01.1002"``; not a code -> None."""
    text = text.strip()
    if _DOTTED.match(text):
        return text
    if _PLAIN.match(text):
        return ".".join(p for p in (text[:2], text[2:4], text[4:6], text[6:]) if p)
    return None


def _read_gz(name: str) -> list[list[str]]:
    with gzip.open(resource_path("reference", name), "rt", encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]


@cache
def _table() -> dict[str, Region]:
    bps = dict(_read_gz("bps_bridge_2020.csv.gz"))
    bps.update(_read_gz("bps_villages_2018.csv.gz"))
    qids = dict(_read_gz("wikidata.csv.gz"))
    return {
        code: Region(code, name, kind, bps.get(code), qids.get(code))
        for code, name, kind in _read_gz("regions.csv.gz")
    }


@cache
def _children() -> dict[str, tuple[str, ...]]:
    children: dict[str, list[str]] = {}
    for code in _table():
        if "." in code:
            children.setdefault(code.rsplit(".", 1)[0], []).append(code)
    return {parent: tuple(codes) for parent, codes in children.items()}


@cache
def _changes() -> dict[str, CodeChange]:
    path = resource_path("reference", "code_changes.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["old_code"]: CodeChange(
            row["old_code"], row["new_code"], date.fromisoformat(row["valid_from"]), row["source"]
        )
        for row in rows
    }


@dataclass(frozen=True)
class OtherName:
    """A name people write for a region besides its Kemendagri name: a short name (DKI
    Jakarta, DIY), a former or a later one, with its source (``reference/region_names.csv``)."""

    code: str
    name: str
    kind: str  # short, former, later
    source: str


@cache
def other_names() -> tuple[OtherName, ...]:
    """Every short, former or later name of ``reference/region_names.csv``."""
    path = resource_path("reference", "region_names.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(OtherName(**row) for row in csv.DictReader(handle))


@cache
def _by_bps() -> dict[str, str]:
    return {r.bps: r.code for r in _table().values() if r.bps}


def region(code: str) -> Region | None:
    """The region with this Kemendagri code (dotted or not), or ``None``."""
    normal = normalise_code(code)
    return _table().get(normal) if normal else None


def all_regions() -> list[Region]:
    """Every region of the 2025 list, in code order of the source."""
    return list(_table().values())


def parents(code: str) -> list[Region]:
    """The regions above ``code``, nearest first: desa -> kecamatan, kab/kota, provinsi."""
    found = region(code)
    chain: list[Region] = []
    while found and found.parent:
        found = _table()[found.parent]
        chain.append(found)
    return chain


def children(code: str) -> list[Region]:
    """The regions directly below ``code``."""
    normal = normalise_code(code) or ""
    return [_table()[c] for c in _children().get(normal, ())]


def code_changes() -> list[CodeChange]:
    """All retired-code -> successor pairs (Papua 2022), including province-level splits."""
    return list(_changes().values())


def successor(code: str) -> CodeChange | None:
    """For a code that no longer exists, its successor; for a current code, ``None``.

    Province ``91`` still exists (Papua), so it has no successor although parts of it moved.
    A retired desa code whose own successor is unknown maps through its kecamatan: the change
    returned then names the kecamatan (check ``new_code``'s level).
    """
    normal = normalise_code(code)
    if normal is None or normal in _table():
        return None
    while normal:
        change = _changes().get(normal)
        if change and change.old_code not in _table():
            return change
        normal = normal.rsplit(".", 1)[0] if "." in normal else ""
    return None


def same_name_kabkota(code: str) -> list[Region]:
    """The other kab/kota of the same province with the same name as ``code`` (Kabupaten
    Malang 35.07 and Kota Malang 35.73); empty for a region that is not a kab/kota."""
    return [r for r in _same_names().get(normalise_code(code) or "", ())]


@cache
def _same_names() -> dict[str, tuple[Region, ...]]:
    groups: dict[tuple[str, str], list[Region]] = {}
    for found in _table().values():
        if found.level == KABKOTA:
            name = _KABKOTA_WORD.sub("", found.name).strip().lower()
            groups.setdefault((found.code[:2], name), []).append(found)
    return {
        r.code: tuple(o for o in group if o.code != r.code)
        for group in groups.values()
        if len(group) > 1
        for r in group
    }


_KABKOTA_WORD = re.compile(r"^(kabupaten|kota)\s+(administrasi\s+)?", re.IGNORECASE)


def by_bps(bps_code: str) -> Region | None:
    """The Kemendagri region with this BPS code (where the crosswalk gives one)."""
    code = _by_bps().get(bps_code.strip())
    return _table()[code] if code else None
