"""Rows of a source table, streamed from a CSV file or a workbook sheet.

CSV: UTF-8 (a byte-order mark is accepted), one of the layout's delimiters, a header row.
Anything else (another encoding, another delimiter, an unclosed quote, a cell longer than
``csv.field_size_limit()``) is a :class:`~umkm_kg.errors.DataError` naming the file, row and
column; a file in another encoding is reported once, with the encoding when it can be told
(UTF-16 with or without its byte-order mark, Windows-1252/Latin-1). Workbooks are read with
openpyxl in read-only mode, one sheet per table; a formula cell that the workbook saved
without its computed value reads as empty, with a warning naming the cell. Row numbers are
those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from umkm_kg.errors import DataError, excerpt

Cell = str | int | float | bool | date | datetime
_OTHER_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma ','", ";": "semicolon ';'", "\t": "tab", "|": "bar '|'"}
ACCEPTED_ENCODINGS = "UTF-8, with or without a byte-order mark"
_SAVE_AS_UTF8 = "save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)"
_UTF16_MARKS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


@dataclass
class SheetRows:
    """A table's header and its data rows (row number, cells), read lazily."""

    label: str
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    warnings: list[str] = field(default_factory=list)  # filled while the rows are read


def read_csv(path: Path, delimiters: tuple[str, ...], known: set[str], key) -> SheetRows:  # noqa: ANN001
    """Open a CSV file; ``known`` header keys (via ``key``) pick the delimiter."""
    label = path.name
    with path.open("rb") as handle:
        first = handle.readline()
    _refuse_utf16(first, label)
    if not first.strip(b"\r\n\t ,;\xef\xbb\xbf"):
        raise DataError(
            "the file is empty: it needs a header row",
            file=label,
            row=1,
            hint="write the column names on the first row (umkm-kg template DIR writes them)",
        )
    header_line = _decode(first, label, 1).lstrip("\ufeff").rstrip("\r\n")
    delimiter = _pick_delimiter(header_line, delimiters, known, key, label)
    lines = _decoded_lines(path, label)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise _quote_error(path, label, delimiter, 1, 1, error, []) from None
    header[0] = header[0].lstrip("\ufeff")
    return SheetRows(label, header, _csv_rows(reader, path, label, delimiter, header))


def _refuse_utf16(first: bytes, label: str) -> None:
    """A UTF-16 file (with its byte-order mark, or without: NUL bytes between the letters)."""
    if first[:2] in _UTF16_MARKS or b"\x00" in first:
        raise DataError(
            "the file is UTF-16 (two bytes a letter, e.g. Excel's 'Unicode Text'), not UTF-8; "
            f"umkm-kg reads CSV files in {ACCEPTED_ENCODINGS}",
            file=label,
            row=1,
            hint=_SAVE_AS_UTF8,
        )


def _decode(raw: bytes, label: str, line: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", "replace")
        try:
            raw.decode("cp1252")
            likely = ", probably Windows-1252/Latin-1 (Excel's plain 'CSV')"
        except UnicodeDecodeError:
            likely = ""
        raise DataError(
            f"the file is not UTF-8{likely}: byte 0x{raw[error.start]:02x} at character "
            f"{len(prefix) + 1} of line {line}, near '{excerpt(prefix[-20:])}'; "
            f"umkm-kg reads CSV files in {ACCEPTED_ENCODINGS}",
            file=label,
            row=line,
            hint=_SAVE_AS_UTF8,
        ) from None


def _decoded_lines(path: Path, label: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield decoder.decode(raw)
            except UnicodeDecodeError:
                _decode(raw, label, number)
                raise  # pragma: no cover - _decode raises first


def _pick_delimiter(line: str, delimiters, known: set[str], key, label: str) -> str:  # noqa: ANN001
    def score(delimiter: str) -> int:
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error:  # reported with its row and field when the file is read
            return 0
        return sum(key(cell) in known for cell in cells)

    best = max(delimiters, key=score)
    if score(best) > 0:
        return best
    other = max(_OTHER_DELIMITERS, key=score)
    if score(other) > 0:
        allowed = " or ".join(_DELIMITER_NAMES.get(d, repr(d)) for d in delimiters)
        raise DataError(
            f"the columns are separated by {_DELIMITER_NAMES[other]}; "
            f"this layout expects {allowed}",
            file=label,
            row=1,
            hint=f"save the file again as CSV separated by {allowed}",
        )
    return best


def _csv_rows(reader, path: Path, label: str, delimiter: str, header: list[str]):  # noqa: ANN001, ANN202
    row = 1
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _quote_error(path, label, delimiter, row + 1, start_line, error, header) from None
        row += 1
        yield row, cells


def _quote_error(
    path: Path, label: str, delimiter: str, row: int, line: int, error, header
) -> DataError:  # noqa: ANN001, E501
    """A record the CSV reader cannot split, naming the field where it goes wrong."""
    if "field larger than field limit" in str(error):
        return _long_cell(path, label, delimiter, row, line, header)
    text = ""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, physical in enumerate(handle, start=1):
            if number == line:
                text = physical
                break
    field_index, quoted = 0, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            field_index += 1
    where = f"field {field_index + 1}"
    if "new-line" in str(error):
        reason = f"a stray line break (carriage return) inside {where}"
        hint = "remove the line break, or put the value in double quotes"
    elif quoted or "end of data" in str(error):
        reason = f"unbalanced quote: a quoted field opened in {where} is never closed"
        hint = 'close the quote, or double a quote inside a quoted value ("")'
    else:
        reason = f"malformed quoting in {where} ({error})"
        hint = 'a quote inside a quoted value is written twice (""); quote the whole value'
    return DataError(reason, file=label, row=row, column=where, hint=hint)


def _long_cell(path: Path, label: str, delimiter: str, row: int, line: int, header) -> DataError:  # noqa: ANN001
    """A cell longer than the CSV reader's limit: which column, how long, read in blocks."""
    limit = csv.field_size_limit()
    field_index, quoted, length = 0, False, 0
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for _ in range(line - 1):
            handle.readline()
        while length <= limit and (block := handle.read(1 << 16)):
            for char in block:
                if char == '"':
                    quoted = not quoted
                elif char == delimiter and not quoted:
                    field_index, length = field_index + 1, 0
                    continue
                length += 1
                if length > limit:
                    break
    where = f"field {field_index + 1}"
    column = header[field_index] if field_index < len(header) else where
    return DataError(
        f"a cell of more than {limit:,} characters in {where} ('{excerpt(column)}'): "
        "longer than any value the template holds",
        file=label,
        row=row,
        column=column,
        hint="is a closing quote missing, or a document pasted into the cell?",
    )


def read_sheet(path: Path, sheet: str):  # noqa: ANN201
    """Rows of one workbook sheet, or ``None`` when the workbook has no such sheet."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"cannot read the workbook: {excerpt(error)}", file=path.name) from None
    if sheet not in workbook.sheetnames:
        workbook.close()
        formulas.close()
        return None
    label = f"{path.name} [{sheet}]"
    rows = workbook[sheet].iter_rows(values_only=True)
    written = formulas[sheet].iter_rows(values_only=True)
    header = next(rows, None)
    next(written, None)
    if header is None or all(cell is None for cell in header):
        workbook.close()
        formulas.close()
        raise DataError("the sheet is empty: it needs a header row", file=label, row=1)
    width = len(header) - next(i for i, c in enumerate(reversed(header)) if c is not None)
    names = ["" if cell is None else str(cell) for cell in header[:width]]
    warnings: list[str] = []

    def data_rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, (values, texts) in enumerate(zip(rows, written, strict=False), start=2):
                cells = ["" if v is None else v for v in values[:width]]
                for index, cell in enumerate(cells):
                    if cell == "" and _is_formula(texts, index):
                        warnings.append(_formula_warning(label, number, names, index, texts))
                yield number, cells
        finally:
            workbook.close()
            formulas.close()

    return SheetRows(label, names, data_rows(), warnings)


def _is_formula(texts: tuple, index: int) -> bool:
    return index < len(texts) and isinstance(texts[index], str) and texts[index].startswith("=")


def _formula_warning(label: str, row: int, names: list[str], index: int, texts: tuple) -> str:
    from openpyxl.utils import get_column_letter

    return (
        f"{label}, row {row}, column '{excerpt(names[index])}' (cell "
        f"{get_column_letter(index + 1)}{row}): the formula {excerpt(texts[index], 40)} was "
        "saved without its value and reads as empty; open the workbook in Excel or "
        "LibreOffice and save it again to store the computed values"
    )
