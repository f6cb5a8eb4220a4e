"""Exported cells that a spreadsheet never runs as formulas (CSV/TSV injection).

A spreadsheet opening a CSV or TSV file reads a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or their full-width forms) as a formula:
``=HYPERLINK(...)`` or ``+cmd|' /C calc'!A0`` would run on the analyst's machine.
:func:`neutralise` writes such a cell with a leading ``'``, which spreadsheets show as text and
hide; :func:`restore` takes it off again when a reviewed file is read back, so that
``restore(neutralise(text)) == text`` for every text. A plain number (``-5``, ``+2.5e3``) cannot
run and stays as it is, so that exported figures stay numbers. A text that already starts with
quotes before such a character gets one more quote, which keeps the round trip exact.

Workbooks do not need the quote: :func:`write_xlsx` and :func:`set_text` store text in an
openpyxl cell as a string, never as a formula (openpyxl makes every text starting with ``=`` a
formula); numbers stay numbers.

Our own rule rather than the ``defusedcsv`` package: that package leaves tab and carriage
return alone, rewrites ``|`` to ``\\|`` (which cannot be undone exactly), has no way back for a
reviewed file, and wraps only ``csv.writer``, while the same rule serves CSV, TSV, SSSOM and
workbook cells here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from umkm_kg.output_files import atomic_path

TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
_QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _runs_as_formula(text: str) -> bool:
    """Whether ``text`` after any leading quotes starts like a formula (and is no number)."""
    core = text.lstrip(_QUOTE)
    return bool(core) and core[0] in TRIGGERS and not _NUMBER.fullmatch(core)


def neutralise(text: str) -> str:
    """``text`` as an exported cell: a leading ``'`` where a spreadsheet would run it."""
    return _QUOTE + text if _runs_as_formula(text) else text


def restore(text: str) -> str:
    """The original of a cell that :func:`neutralise` wrote (other text is left as it is)."""
    if text.startswith(_QUOTE) and _runs_as_formula(text[1:]):
        return text[1:]
    return text


def set_text(cell: Any, text: str) -> None:
    """Store ``text`` in an openpyxl cell as a string, even when it starts with ``=``."""
    cell.value = text
    cell.data_type = "s"


def delimited_row(cells: Iterable[str], delimiter: str = ",") -> str:
    """One CSV (or TSV) line of neutralised cells, ending in ``\\n``. A cell holding the
    delimiter, a quote or a line break (``\\r`` too, which ``csv.writer`` leaves bare when
    lines end in ``\\n``) is quoted, so that every reader sees the same rows."""
    return delimiter.join(_quoted(neutralise(cell), delimiter) for cell in cells) + "\n"


def _quoted(cell: str, delimiter: str) -> str:
    if delimiter in cell or any(char in cell for char in '"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


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
    with atomic_path(path) as temporary:  # a missing folder is one message, no partial file
        workbook.save(temporary)


def _put(cell, value: object) -> None:  # an openpyxl cell
    if value is None:
        return
    if isinstance(value, bool):
        set_text(cell, "ya / yes" if value else "tidak / no")
    elif isinstance(value, int | float | Decimal):
        cell.value = float(value) if isinstance(value, Decimal) else value
        return
    else:
        set_text(cell, str(value))
