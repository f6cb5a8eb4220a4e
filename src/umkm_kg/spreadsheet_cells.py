"""Cells that leave umkm-kg for a spreadsheet never run as formulas.

A CSV/TSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (CSV injection); it is written with a leading
``'``, which those programs show as text, and :func:`restore` removes it again when umkm-kg reads
its own file back. XLSX cells are written by :func:`write_xlsx` as strings, never formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` safe for a CSV cell: a leading ``'`` before a formula trigger."""
    return "'" + text if text.startswith(_TRIGGERS) else text


def restore(text: str) -> str:
    """The original of a :func:`neutralise`\\ d cell."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_TRIGGERS) else text


Sheet = tuple[Sequence[str], Iterable[Sequence[object]]]


def write_xlsx(path: Path, sheets: dict[str, Sheet]) -> None:
    """A workbook with one sheet per entry (headers bold, first row frozen, filters on).

    Text is written as text (a cell ``=1+1`` stays the string ``=1+1``); numbers as numbers.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for h in headers]
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(sheet.cell(row=number, column=column), value)
                widths[column - 1] = max(widths[column - 1], min(len(str(value or "")), 60))
        sheet.freeze_panes = "A2"
        if sheet.max_row > 1:
            sheet.auto_filter.ref = sheet.dimensions
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width + 2
    workbook.save(path)


def _put(cell, value: object) -> None:  # noqa: ANN001 - an openpyxl cell
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "ya / yes" if value else "tidak / no"
    elif isinstance(value, int | float | Decimal):
        cell.value = float(value) if isinstance(value, Decimal) else value
        return
    else:
        cell.value = str(value)
    cell.data_type = "s"  # text, even when it starts with "="
