"""Where each validated sentra lies: its province and kab/kota, by Kemendagri code and name."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import Node

from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.sources import Selectable


@dataclass(frozen=True)
class Place:
    """A sentra's province and kab/kota ("" where its data do not say)."""

    province_code: str = ""
    province: str = ""
    kabkota_code: str = ""
    kabkota: str = ""


def places(source: Selectable) -> dict[Node, Place]:
    """The province and kab/kota of every sentra of ``source`` that has a region."""
    found: dict[Node, dict[str, str]] = {}
    for row in source.select(query_text("places")):
        fields = found.setdefault(row["sentra"], {})
        level = str(row["level"])
        fields[f"{level}_code"] = str(row.get("code", ""))
        fields[level] = str(row.get("name", row.get("code", "")))
    return {sentra: Place(**fields) for sentra, fields in found.items()}
