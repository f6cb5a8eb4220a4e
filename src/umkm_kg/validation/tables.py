"""Verdicts as rows for spreadsheets and pandas: one row per sentra and criterion, a summary.

Built from the JSON contract (``Validation.to_json``), so every field the contract gains reaches
the CSV, the workbook and ``Validation.to_df()`` too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from umkm_kg.spreadsheet_cells import delimited_row, write_xlsx
from umkm_kg.validation.render import STATUS_WORDS
from umkm_kg.validation.shapes import criteria
from umkm_kg.validation.verdicts import Validation

VERDICT_COLUMNS = (
    "sentra", "label", "sentra_status", "paper_klaster", "criterion", "criterion_label", "group",
    "status", "value", "required", "message",
)  # fmt: skip
SUMMARY_COLUMNS = ("criterion", "criterion_label", "group", "met", "not_met", "unknown")


def verdict_rows(validation: Validation, lang: str = "id") -> list[dict[str, object]]:
    """One row per sentra and criterion, statuses as codes, labels and messages in ``lang``."""
    labels = {c.key: c.label(lang) for c in criteria()}
    rows = []
    for sentra in validation.to_json()["sentra"]:
        for criterion in sentra["criteria"]:
            rows.append(
                {
                    "sentra": sentra["sentra"],
                    "label": sentra["label"],
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
            **{status: tally.get(status, 0) for status in ("met", "not_met", "unknown")},
        }
        for key, tally in counts.items()
    ]


def to_csv(validation: Validation, lang: str = "id") -> str:
    """The verdict rows as CSV (UTF-8 text; formula-like cells neutralised)."""
    lines = [delimited_row(VERDICT_COLUMNS)]
    for row in verdict_rows(validation, lang):
        lines.append(delimited_row(_text(row[c]) for c in VERDICT_COLUMNS))
    return "".join(lines)


def write_workbook(validation: Validation, path: Path, lang: str = "id") -> None:
    """An XLSX workbook: the verdict rows and a summary by criterion."""
    names = {"id": ("putusan", "ringkasan"), "en": ("verdicts", "summary")}[lang]
    write_xlsx(
        path,
        {
            names[0]: (
                VERDICT_COLUMNS,
                [
                    [_word(row[c], c, lang) for c in VERDICT_COLUMNS]
                    for row in verdict_rows(validation, lang)
                ],
            ),
            names[1]: (
                SUMMARY_COLUMNS,
                [[row[c] for c in SUMMARY_COLUMNS] for row in summary_rows(validation, lang)],
            ),
        },
    )


def to_df(validation: Validation, lang: str = "id"):  # noqa: ANN201 - pandas is optional
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
