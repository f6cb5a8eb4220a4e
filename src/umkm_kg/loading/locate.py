"""Locating a layout's tables in a source and its columns in each table's header.

A source is a folder of CSV files, an ``.xlsx`` workbook or one CSV file; each table present
gets an *opener* (a function returning its :class:`SheetRows`). A header is matched to the
table's columns (names and aliases, case and spacing alike) and becomes one
:class:`ColumnReader` per column.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable
from pathlib import Path

from umkm_kg.errors import DataError, DataErrors, UmkmKgError, excerpt
from umkm_kg.loading.columns import ColumnReader
from umkm_kg.loading.layout import Layout, Table, header_key
from umkm_kg.loading.reader import SheetRows, read_csv, read_sheet

Opener = Callable[[], SheetRows]
_WORKBOOKS = (".xlsx", ".xlsm")


def locate_tables(source: Path, layout: Layout) -> tuple[dict[str, Opener], list[str]]:
    """For each table present in the source, a function opening its rows; and warnings."""
    warnings: list[str] = []
    if source.is_dir():
        openers = _folder_tables(source, layout, warnings)
    elif source.suffix.lower() in _WORKBOOKS:
        openers = _workbook_tables(source, layout)
    elif source.suffix.lower() in (".csv", ".txt"):
        openers = _file_table(source, layout)
    else:
        raise UmkmKgError(f"{source}: not a folder of CSV files, an .xlsx workbook or a .csv file")
    missing = [t for t in layout.tables if t.required and t.name not in openers]
    if missing:
        raise _missing_tables(source, missing)
    return openers, warnings


def _folder_tables(source: Path, layout: Layout, warnings: list[str]) -> dict[str, Opener]:
    """The tables of a folder of CSV files; a CSV file of no table is a warning."""
    openers: dict[str, Opener] = {}
    files = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
    for table in layout.tables:
        found = files.pop(table.file.lower(), None)
        if found:
            openers[table.name] = _csv_opener(found, layout, table)
    layout_files = ", ".join(t.file for t in layout.tables)
    warnings.extend(
        f"{name}: not a file of layout '{layout.name}' ({layout_files}); ignored"
        for name in sorted(files)
        if name.endswith(".csv")
    )
    return openers


def _workbook_tables(source: Path, layout: Layout) -> dict[str, Opener]:
    """The tables of a workbook: one sheet each."""
    openers: dict[str, Opener] = {}
    for table in layout.tables:
        sheet = read_sheet(source, table.sheet)
        if sheet is not None:
            openers[table.name] = lambda sheet=sheet: sheet
    return openers


def _file_table(source: Path, layout: Layout) -> dict[str, Opener]:
    """One CSV file: the table of that file name, or the layout's only table."""
    matching = [t for t in layout.tables if t.file.lower() == source.name.lower()]
    table = matching[0] if matching else layout.tables[0] if len(layout.tables) == 1 else None
    if table is None:
        raise UmkmKgError(
            f"{source}: layout '{layout.name}' has several files "
            f"({', '.join(t.file for t in layout.tables)}); give the folder that holds them"
        )
    return {table.name: _csv_opener(source, layout, table)}


def _missing_tables(source: Path, missing: list[Table]) -> DataErrors:
    """The error of required tables the source does not hold."""
    where = "sheet" if source.suffix.lower() in _WORKBOOKS else "file"
    books = sorted(source.glob("*.xlsx")) if source.is_dir() else []
    hint = (
        f"to load the workbook, give its path ({books[0]})"
        if books
        else "umkm-kg template DIR writes every file of the template"
    )
    return DataErrors(
        [
            DataError(
                f"required {where} '{t.sheet if where == 'sheet' else t.file}' is missing",
                file=source.name,
                hint=hint,
            )
            for t in missing
        ]
    )


def _csv_opener(path: Path, layout: Layout, table: Table) -> Opener:
    known = {header_key(n) for c in table.columns for n in (c.name, *c.aliases)}
    return lambda: read_csv(path, layout.delimiters, known, header_key)


def dependency_order(layout: Layout) -> list[Table]:
    """Tables after the tables their ``ref`` columns point to (declaration order otherwise)."""
    ordered: list[Table] = []
    pending = list(layout.tables)
    while pending:
        for table in pending:
            needs = {t for c in table.columns for t in c.tables} - {table.name}
            if needs <= {t.name for t in ordered}:
                ordered.append(table)
                pending.remove(table)
                break
        else:
            raise UmkmKgError(f"layout '{layout.name}': its tables refer to each other in a cycle")
    return ordered


def checksum(source: Path, files: tuple[str, ...]) -> str:
    """SHA-256 of a file, or of a folder's files that were read (name + content, sorted)."""
    digest = hashlib.sha256()
    paths = [source] if source.is_file() else [source / name for name in files]
    for path in paths:
        if source.is_dir():
            digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def match_header(
    table: Table, sheet: SheetRows, layout: Layout, errors: list[DataError], warnings: list[str]
) -> list[ColumnReader] | None:
    """A reader per column of ``table`` placed by the header of ``sheet``; ``None`` (and the
    problems added to ``errors``) when a column appears twice or a required one is missing.
    Header cells of no column are ``warnings``."""
    positions: dict[str, int] = {}
    unknown: list[str] = []
    by_key = {header_key(n): c for c in table.columns for n in (c.name, *c.aliases)}
    for index, cell in enumerate(sheet.header):
        column = by_key.get(header_key(cell))
        if column is None:
            if cell.strip():
                unknown.append(cell)
            continue
        if column.name in positions:
            errors.append(
                DataError(
                    f"column '{column.name}' appears twice (columns "
                    f"{positions[column.name] + 1} and {index + 1})",
                    file=sheet.label,
                    row=1,
                    column=cell,
                    hint="keep one of them",
                )
            )
            return None
        positions[column.name] = index
    missing = [c for c in table.columns if c.required and c.name not in positions]
    errors.extend(_missing_column(sheet, column.name, unknown) for column in missing)
    warnings.extend(
        f"{sheet.label}, row 1, column '{excerpt(cell)}': not a column of layout "
        f"'{layout.name}'; ignored"
        for cell in unknown
    )
    if missing:
        return None
    return [ColumnReader(c, positions.get(c.name), layout) for c in table.columns]


def _missing_column(sheet: SheetRows, name: str, unknown: list[str]) -> DataError:
    """A required column the header lacks, with the unknown header cell it may be."""
    close = difflib.get_close_matches(
        header_key(name), [header_key(u) for u in unknown], n=1, cutoff=0.6
    )
    hint = f"is '{close[0]}' meant to be '{name}'? " if close else ""
    return DataError(
        f"required column '{name}' is missing",
        file=sheet.label,
        row=1,
        column=name,
        hint=hint + "add the column to the header row",
    )
