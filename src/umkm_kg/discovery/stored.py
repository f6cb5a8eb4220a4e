"""The firms a store holds (``discover`` without a source), read with ``firms.rq``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from umkm_kg.classify import Figures
from umkm_kg.discovery.listing import Firm
from umkm_kg.namespaces import ID, SIZE
from umkm_kg.reference.kbli import KELOMPOK

_REGION = str(ID) + "region/"
_KBLI = str(ID) + "kbli/"


def stored_firms(store: str | Path | None = None) -> Iterator[Firm]:
    """Every ``umkm:Enterprise`` of the store as a :class:`Firm` (its deepest region)."""
    from umkm_kg.store import open_store

    query = (Path(__file__).parent / "firms.rq").read_text(encoding="utf-8")
    with open_store(store) as source:
        rows = source.select(query)
    firms: dict[str, Firm] = {}
    for row in rows:
        iri = str(row["firm"])
        firm = firms.get(iri)
        if firm is None:
            firm = firms[iri] = _firm(iri, row)
        region = str(row["region"] or "")
        if region.startswith(_REGION):
            code = region.removeprefix(_REGION)
            if firm.region is None or code.count(".") > firm.region.count("."):
                firm.region = code
        kbli = str(row["kbli"] or "")
        if kbli.startswith(_KBLI) and len(kbli.rsplit("/", 1)[-1]) == KELOMPOK:
            firm.kbli_version, firm.kbli = kbli.removeprefix(_KBLI).split("/", 1)
    yield from sorted(firms.values(), key=lambda f: f.iri or "")


def _firm(iri: str, row: dict) -> Firm:
    band = str(row["band"] or "")
    return Firm(
        id=str(row["id"] or iri.rsplit("/", 1)[-1]),
        file="store",
        row=0,
        name=str(row["name"] or ""),
        text=str(row["text"] or ""),
        figures=Figures(row["assets"], row["capital"], row["sales"], row["workers"]),
        band=band.removeprefix(str(SIZE)) if band.startswith(str(SIZE)) else None,
        iri=iri,
    )
