"""Verdicts as rows for spreadsheets and pandas: one row per sentra and criterion (with its
province and kab/kota, codes and names), summaries by criterion and by region.

Built from the JSON contract (``Validation.to_json``), so every field the contract gains reaches
the CSV, the workbook and ``Validation.to_df()`` too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from umkm_kg.spreadsheet_cells import delimited_row, write_xlsx
from umkm_kg.validation.places import Place, places
from umkm_kg.validation.render import STATUS_WORDS
from umkm_kg.validation.shapes import criteria
from umkm_kg.validation.verdicts import Validation

VERDICT_COLUMNS = (
    "sentra", "label", "province_code", "province", "kab_kota_code", "kab_kota", "sentra_status",
    "paper_klaster", "criterion", "criterion_label", "group", "status", "value", "required",
    "message",
)  # fmt: skip
CRITERION_STATUSES = ("met", "not_met", "unknown")
SENTRA_STATUSES = ("ready", "not_ready", "incomplete")
SUMMARY_COLUMNS = ("criterion", "criterion_label", "group", *CRITERION_STATUSES)
REGION_COLUMNS = ("level", "code", "region", "sentra", *SENTRA_STATUSES)
REGION_CRITERION_COLUMNS = (
    "level", "code", "region", "criterion", "criterion_label", "group", *CRITERION_STATUSES,
)  # fmt: skip
SHEETS = {
    "id": ("putusan", "ringkasan", "wilayah", "wilayah-kriteria"),
    "en": ("verdicts", "summary", "regions", "regions-criteria"),
}


def verdict_rows(validation: Validation, lang: str = "id") -> list[dict[str, object]]:
    """One row per sentra and criterion, statuses as codes, labels and messages in ``lang``."""
    labels = {c.key: c.label(lang) for c in criteria()}
    where = places(validation.source)
    rows = []
    for verdict, sentra in zip(validation.sentra, validation.to_json()["sentra"], strict=True):
        place = where.get(verdict.iri, Place())
        for criterion in sentra["criteria"]:
            rows.append(
                {
                    "sentra": sentra["sentra"],
                    "label": sentra["label"],
                    "province_code": place.province_code,
                    "province": place.province,
                    "kab_kota_code": place.kabkota_code,
                    "kab_kota": place.kabkota,
                    "sentra_status": sentra["status"],
                    "paper_klaster": sentra["paper_klaster"]["status"],
                    "criterion": criterion["criterion"],
                    "criterion_label": labels.get(criterion["criterion"], criterion["criterion"]),
                    "group": criterion.get("group"),
                    "status": criterion["status"],
                    "value": criterion["value"],
                    "required": criterion["required"],
                    "message": criterion["message"][lang],
                }
            )
    return rows


def summary_rows(validation: Validation, lang: str = "id") -> list[dict[str, object]]:
    """Per criterion, how many sentra meet it, do not, or cannot be decided."""
    counts: dict[str, Counter] = {}
    first: dict[str, dict[str, object]] = {}
    for row in verdict_rows(validation, lang):
        counts.setdefault(str(row["criterion"]), Counter())[str(row["status"])] += 1
        first.setdefault(str(row["criterion"]), row)
    return [
        {
            "criterion": key,
            "criterion_label": first[key]["criterion_label"],
            "group": first[key]["group"],
            **{status: tally.get(status, 0) for status in CRITERION_STATUSES},
        }
        for key, tally in counts.items()
    ]


def _regions(row: dict[str, object]) -> list[tuple[str, str, str]]:
    """The regions a verdict row counts in: its province and its kab/kota (level, code, name)."""
    return [
        (level, str(row[f"{column}_code"]), str(row[column]))
        for level, column in (("province", "province"), ("kab_kota", "kab_kota"))
        if row[f"{column}_code"]
    ] or [("", "", "")]


def region_rows(validation: Validation, lang: str = "id") -> list[dict[str, object]]:
    """Per province and per kab/kota: how many sentra, how many ready, not ready, incomplete
    (sentra without a region count under an empty level)."""
    tallies: dict[tuple[str, str, str], Counter] = {}
    for row in verdict_rows(validation, lang):
        if row["criterion"] != criteria()[0].key:  # each sentra once
            continue
        for region in _regions(row):
            tallies.setdefault(region, Counter())[str(row["sentra_status"])] += 1
    return [
        {"level": level, "code": code, "region": name, "sentra": sum(tally.values()),
         **{status: tally.get(status, 0) for status in SENTRA_STATUSES}}
        for (level, code, name), tally in sorted(tallies.items(), key=_region_order)
    ]  # fmt: skip


def region_criterion_rows(validation: Validation, lang: str = "id") -> list[dict[str, object]]:
    """Per province and per kab/kota and per criterion: how many sentra meet it, do not, or
    cannot be decided."""
    tallies: dict[tuple[tuple[str, str, str], str], Counter] = {}
    first: dict[str, dict[str, object]] = {}
    for row in verdict_rows(validation, lang):
        first.setdefault(str(row["criterion"]), row)
        for region in _regions(row):
            tallies.setdefault((region, str(row["criterion"])), Counter())[str(row["status"])] += 1
    order = {c.key: n for n, c in enumerate(criteria())}
    return [
        {"level": level, "code": code, "region": name, "criterion": key,
         "criterion_label": first[key]["criterion_label"], "group": first[key]["group"],
         **{status: tally.get(status, 0) for status in CRITERION_STATUSES}}
        for ((level, code, name), key), tally in sorted(
            tallies.items(), key=lambda item: (_region_order(item[0]), order.get(item[0][1], 0))
        )
    ]  # fmt: skip


def _region_order(item: tuple) -> tuple:
    (level, code, _name) = item[0]
    return (code.split(".")[0], level != "province", code)


def to_csv(validation: Validation, lang: str = "id") -> str:
    """The verdict rows as CSV (UTF-8 text; formula-like cells neutralised)."""
    lines = [delimited_row(VERDICT_COLUMNS)]
    for row in verdict_rows(validation, lang):
        lines.append(delimited_row(_text(row[c]) for c in VERDICT_COLUMNS))
    return "".join(lines)


def write_workbook(validation: Validation, path: Path, lang: str = "id") -> None:
    """An XLSX workbook: the verdict rows, a summary by criterion, one by province and
    kab/kota, and one by region and criterion."""
    names = SHEETS[lang]
    tables = (
        (VERDICT_COLUMNS, verdict_rows), (SUMMARY_COLUMNS, summary_rows),
        (REGION_COLUMNS, region_rows), (REGION_CRITERION_COLUMNS, region_criterion_rows),
    )  # fmt: skip
    sheets = {}
    for name, (columns, rows) in zip(names, tables, strict=True):
        found = rows(validation, lang)
        sheets[name] = (columns, [[_word(row[c], c, lang) for c in columns] for row in found])
    write_xlsx(path, sheets)


def to_df(validation: Validation, lang: str = "id"):  # pandas is optional
    """The verdict rows as a pandas DataFrame (``pip install pandas``)."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError("Validation.to_df() needs pandas: pip install pandas") from error
    return pandas.DataFrame(verdict_rows(validation, lang), columns=list(VERDICT_COLUMNS))


def _word(value: object, column: str, lang: str) -> object:
    if column in ("status", "sentra_status") and isinstance(value, str):
        return STATUS_WORDS[lang].get(value, value)
    return value


def _text(value: object) -> str:
    return "" if value is None else str(value)
