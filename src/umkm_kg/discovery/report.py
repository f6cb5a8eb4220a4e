"""What ``discover`` prints: the JSON contract, CSV, and a console table."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from umkm_kg.console_layout import Column, Records
from umkm_kg.discovery.groups import Discovery, Group
from umkm_kg.reference import region
from umkm_kg.validation.render import STATUS_WORDS

REASONS = {
    "empty": ("teks kegiatan kosong", "no activity text"),
    "no_match": ("tidak ada kata yang dikenal", "no known word"),
    "below_threshold": ("skor di bawah ambang", "score below the threshold"),
    "ambiguous": ("terlalu umum", "too vague"),
    "code_without_version": ("kode KBLI tanpa versi", "KBLI code without its version"),
}


def candidate_record(group: Group, level: str) -> dict[str, object]:
    """One candidate as the JSON contract has it (docs/discovery.md)."""
    return {
        "candidate": group.id,
        "region_code": group.region,
        "region_level": level,
        "region_name": region_name(group.region),
        "kbli": group.kbli,
        "kbli_version": group.kbli_version,
        "activity_label": group.label,
        "status": group.status,
        "industry": group.industry,
        "ikm_units": {"min": group.ikm_min, "max": group.ikm_max},
        "large_firms": sum(m.size == "large" for m in group.members),
        "firms": [m.id for m in group.members],
        "merged": [duplicate for duplicate, _ in group.merged],
        "merged_into": {duplicate: kept for duplicate, kept in group.merged},
        "evidence": {m.id: list(m.words) for m in group.members},
        "location_quotient": group.lq,
        "location_quotient_counts": group.lq_counts,
    }


def region_name(code: str) -> str:
    found = region(code)
    return found.name if found else ""


def as_json(found: Discovery, every: bool = False) -> str:
    """The candidates as the JSON list other tools rely on."""
    rows = [candidate_record(g, found.level) for g in found.candidates(every)]
    return json.dumps(rows, ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "candidate", "region_code", "region_level", "region_name", "kbli", "kbli_version",
    "activity_label", "status", "ikm_min", "ikm_max", "large_firms", "firms", "merged",
    "location_quotient", "e_ri", "e_r", "E_i", "E",
)  # fmt: skip


def as_csv(found: Discovery, every: bool = False) -> str:
    """One row per candidate, then one ``unresolved`` row per region; cells never formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for group in found.candidates(every):
        r = candidate_record(group, found.level)
        counts = group.lq_counts
        writer.writerow(
            _safe(v)
            for v in (
                r["candidate"], r["region_code"], r["region_level"], r["region_name"],
                r["kbli"], r["kbli_version"], r["activity_label"], r["status"],
                group.ikm_min, group.ikm_max, r["large_firms"], ";".join(r["firms"]),
                ";".join(r["merged"]), "" if group.lq is None else group.lq,
                counts.get("e_ri"), counts.get("e_r"), counts.get("E_i"), counts.get("E"),
            )
        )  # fmt: skip
    for code, reasons in sorted(found.unresolved_activity.items()):
        text = "; ".join(f"{k}: {n}" for k, n in sorted(reasons.items()))
        writer.writerow(
            ["unresolved", code, found.level, region_name(code), "", "", text, "unresolved"]
            + [""] * (len(CSV_COLUMNS) - 8)
        )
    return out.getvalue()


def _safe(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


SUMMARY = {
    "id": (
        "{read} baris dibaca; {merged} duplikat digabung; {groups} kelompok di tingkat {level}",
        "kegiatan tak terpecahkan: {unresolved} usaha di {regions} wilayah",
        "tanpa wilayah tingkat {level}: {no_region} usaha",
    ),
    "en": (
        "{read} rows read; {merged} duplicates merged; {groups} groups at {level} level",
        "unresolved activity: {unresolved} firms in {regions} regions",
        "no region at {level} level: {no_region} firms",
    ),
}
TABLE_WORDS = {
    "id": {
        "title": "Kandidat Sentra IKM ({level})",
        "columns": ("kandidat", "wilayah", "KBLI", "status", "unit IKM", "LQ", "usaha (kata)"),
        "code": "kode",
        "merged": "digabung",
        "unresolved": "Kegiatan tak terpecahkan",
        "unresolved_columns": ("wilayah", "usaha", "alasan"),
        "lq": "LQ = location quotient: pangsa kegiatan ini di wilayah dibanding di provinsi",
    },
    "en": {
        "title": "Candidate Sentra IKM ({level})",
        "columns": ("candidate", "region", "KBLI", "status", "IKM units", "LQ", "firms (words)"),
        "code": "code",
        "merged": "merged",
        "unresolved": "Unresolved activity",
        "unresolved_columns": ("region", "firms", "reasons"),
        "lq": "LQ = location quotient: the activity's share in the region against the province",
    },
}


def summary_lines(found: Discovery, lang: str = "id") -> list[str]:
    """Counts of what was read, merged and left ungrouped, in ``lang``."""
    counts = {
        "read": found.firms_read,
        "merged": found.duplicates,
        "groups": len(found.groups),
        "level": found.level,
        "unresolved": sum(sum(c.values()) for c in found.unresolved_activity.values()),
        "regions": len(found.unresolved_activity),
        "no_region": sum(found.no_region.values()),
    }
    return [line.format(**counts) for line in SUMMARY[lang]]


def print_table(
    found: Discovery, every: bool = False, console: Console | None = None, lang: str = "id"
) -> None:
    """The candidates, the unresolved lines per region and the counts, on the console (a
    table, or one block per candidate in a narrow terminal)."""
    console = console or Console()
    words = TABLE_WORDS[lang]
    columns = [Column(h, name=i <= 1) for i, h in enumerate(words["columns"])]  # id and name
    table = Records(columns, title=words["title"].format(level=found.level), caption=words["lq"])
    for group in found.candidates(every):
        evidence = ", ".join(
            f"{m.id} ({' '.join(m.words) or words['code']})" for m in group.members
        )
        merged = "; ".join(f"{d} = {k}" for d, k in group.merged)
        table.add_row(
            group.id,
            f"{group.region} {region_name(group.region)}",
            f"{group.kbli} {group.label}",
            STATUS_WORDS[lang].get(group.status, group.status),
            f"{group.ikm_min}-{group.ikm_max}",
            "" if group.lq is None else f"{group.lq:.2f}",
            evidence + (f"; {words['merged']}: {merged}" if merged else ""),
        )
    console.print(table)
    if found.unresolved_activity:
        headings = words["unresolved_columns"]
        lines = Records([Column(h, name=i == 0) for i, h in enumerate(headings)])
        lines.title = words["unresolved"]
        index = 0 if lang == "id" else 1
        for code, reasons in sorted(found.unresolved_activity.items()):
            why = ", ".join(f"{REASONS[k][index]}: {n}" for k, n in sorted(reasons.items()))
            lines.add_row(f"{code} {region_name(code)}", str(sum(reasons.values())), why)
        console.print(lines)
    for line in summary_lines(found, lang):
        console.print(line, highlight=False)
