"""Which members of a sentra lack the figures the criteria read, by name, not only how many."""

from __future__ import annotations

from collections import defaultdict

from rdflib.term import Node

from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.sources import Selectable

GAPS = ("noActivity", "noSize", "noTurnover")
GAP_WORDS = {
    "id": {
        "heading": "Anggota tanpa angka",
        "noActivity": "KBLI",
        "noSize": "angka ukuran usaha (tenaga kerja, aset, modal atau penjualan)",
        "noTurnover": "omzet bulanan atau penjualan tahunan",
        "lacking": "tanpa {what}",
    },
    "en": {
        "heading": "Members lacking figures",
        "noActivity": "KBLI",
        "noSize": "size figures (workers, assets, capital or sales)",
        "noTurnover": "monthly turnover or annual sales",
        "lacking": "without {what}",
    },
}


def member_gaps(source: Selectable) -> dict[Node, dict[tuple[str, ...], list[str]]]:
    """Per sentra: the ids of its members that lack figures, by what they lack (sorted)."""
    found: dict[Node, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in source.select(query_text("member-gaps")):
        lacking = tuple(gap for gap in GAPS if row.get(gap) is not None and row[gap].toPython())
        if lacking:
            found[row["sentra"]][lacking].append(str(row.get("id", row["member"])))
    return {
        sentra: {lacking: sorted(ids) for lacking, ids in sorted(groups.items())}
        for sentra, groups in found.items()
    }


def gap_lines(gaps: dict[tuple[str, ...], list[str]], lang: str) -> list[str]:
    """One plain-text line per kind of gap: "without KBLI, ... (3): E-01, E-02, E-03"."""
    words = GAP_WORDS[lang]
    and_word = " dan " if lang == "id" else " and "
    return [
        words["lacking"].format(what=and_word.join(words[gap] for gap in lacking))
        + f" ({len(ids)}): "
        + ", ".join(ids)
        for lacking, ids in gaps.items()
    ]
