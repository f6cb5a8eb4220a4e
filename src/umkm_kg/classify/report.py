"""What ``classify`` prints on a console, in one language: the size table (stacked blocks in
a narrow terminal), the rule sets it names, and why a class is missing where criteria
disagree."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from umkm_kg.classify.labels import rule_set_label, size_word, term_label
from umkm_kg.classify.rules import FIGURE_FIELDS
from umkm_kg.console_layout import Column, Records

# record key -> the enterprise figure it judges (its label heads the column)
JUDGED = {f"by_{field}": figure for figure, field in FIGURE_FIELDS.items()}
LEGAL = ("by_net_assets", "by_capital", "by_annual_sales")
WORDS = {
    "id": {
        "title": "Golongan ukuran usaha",
        "enterprise": "usaha",
        "rule_set": "aturan",
        "class": "golongan",
        "conflict": "kriteria tidak sepakat",
        "workers": "BPS",
        "no_class": "golongan tidak ditetapkan",
        "undated": "{n} usaha tanpa tanggal (tanpa pengamatan bertanggal atas angkanya, tanpa "
        "umkm:asOf sentra): tanpa golongan menurut hukum; beri --as-of YYYY-MM-DD",
        "none": "tidak ada usaha",
        "warning": "peringatan",
    },
    "en": {
        "title": "Enterprise size classes",
        "enterprise": "enterprise",
        "rule_set": "rule set",
        "class": "class",
        "conflict": "criteria disagree",
        "workers": "BPS",
        "no_class": "no class decided",
        "undated": "{n} enterprise(s) without a date (no dated observation of its figures, no "
        "sentra umkm:asOf): no legal class; pass --as-of YYYY-MM-DD",
        "none": "no enterprises found",
        "warning": "warning",
    },
}


def size_view(records: Sequence[dict[str, object]], lang: str = "id") -> Group:
    """The records as a table (or blocks), then the rule sets named and the disagreements."""
    words = WORDS[lang]
    headings = [words["enterprise"], words["rule_set"]]
    headings += [term_label(JUDGED[key], lang) for key in (*LEGAL, "by_workers")]
    headings[-1] += f" ({words['workers']})"
    headings.append(words["class"])
    columns = [Column(h, name=i == 0) for i, h in enumerate(headings)]
    view = Records(columns, title=words["title"])
    for record in records:
        sizes = [size_word(record[k], lang) or "-" for k in (*LEGAL, "by_workers", "class")]
        style = None
        if record["conflict"]:  # no class: say why, explained in the notes below
            sizes[-1], style = words["conflict"], "bold yellow"
        view.add_row(str(record["enterprise"]), str(record["rule_set"] or "-"), *sizes, style=style)
    return Group(view, *(Text(line) for line in notes(records, lang)))


def notes(records: Sequence[dict[str, object]], lang: str = "id", bps: bool = True) -> list[str]:
    """What the codes mean: each rule set named in the table, then each disagreement, e.g.
    "A-01: kriteria tidak sepakat: kekayaan bersih (Rp) mikro, hasil penjualan tahunan (Rp)
    kecil; golongan tidak ditetapkan"."""
    words = WORDS[lang]
    keys = sorted({str(r["rule_set"]) for r in records if r["rule_set"]})
    lines = [f"{key} = {rule_set_label(key, lang)}" for key in keys]
    if bps:
        lines.append(f"BPS = {rule_set_label('bps_workers', lang)}")
    for record in records:
        if record["conflict"]:
            found = ", ".join(
                f"{term_label(JUDGED[key], lang)} {size_word(record[key], lang)}"
                for key in LEGAL
                if record[key]
            )
            lines.append(
                f"{record['enterprise']}: {words['conflict']}: {found}; {words['no_class']}"
            )
    return lines
