"""Rows of a source table, streamed from a CSV file or a workbook sheet.

CSV: UTF-8 (a byte-order mark is accepted), one of the layout's delimiters, a header row.
Anything else (another encoding, another delimiter, an unclosed quote) is a
:class:`~umkm_kg.errors.DataError` naming the file, row and column. Workbooks are read with
openpyxl in read-only mode, one sheet per table. Row numbers are those a spreadsheet shows:
the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from umkm_kg.errors import DataError

Cell = str | int | float | bool | date | datetime
_OTHER_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma ','", ";": "semicolon ';'", "\t": "tab", "|": "bar '|'"}


@dataclass
class SheetRows:
    """A table's header and its data rows (row number, cells), read lazily."""

    label: str
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]


def read_csv(path: Path, delimiters: tuple[str, ...], known: set[str], key) -> SheetRows:  # noqa: ANN001
    """Open a CSV file; ``known`` header keys (via ``key``) pick the delimiter."""
    label = path.name
    with path.open("rb") as handle:
        first = handle.readline()
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
        raise _quote_error(path, label, delimiter, 1, 1, error) from None
    header[0] = header[0].lstrip("\ufeff")
    return SheetRows(label, header, _csv_rows(reader, path, label, delimiter))


def _decode(raw: bytes, label: str, line: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", "replace")
        raise DataError(
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} at character "
            f"{len(prefix) + 1} of line {line}, near '{prefix[-20:]}')",
            file=label,
            row=line,
            hint="save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)",
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


def _csv_rows(reader, path: Path, label: str, delimiter: str):  # noqa: ANN001, ANN202
    row = 1
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _quote_error(path, label, delimiter, row + 1, start_line, error) from None
        row += 1
        yield row, cells


def _quote_error(path: Path, label: str, delimiter: str, row: int, line: int, error) -> DataError:  # noqa: ANN001
    """A record the CSV reader cannot split, naming the field where it goes wrong."""
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


def read_sheet(path: Path, sheet: str):  # noqa: ANN201
    """Rows of one workbook sheet, or ``None`` when the workbook has no such sheet."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"cannot read the workbook: {error}", file=path.name) from error
    if sheet not in workbook.sheetnames:
        workbook.close()
        return None
    label = f"{path.name} [{sheet}]"
    rows = workbook[sheet].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(cell is None for cell in header):
        workbook.close()
        raise DataError("the sheet is empty: it needs a header row", file=label, row=1)
    width = len(header) - next(i for i, c in enumerate(reversed(header)) if c is not None)

    def data_rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, values in enumerate(rows, start=2):
                yield number, ["" if v is None else v for v in values[:width]]
        finally:
            workbook.close()

    names = ["" if cell is None else str(cell) for cell in header[:width]]
    return SheetRows(label, names, data_rows())
