"""The mapping engine: a source (template folder, workbook or CSV file) + a layout -> N-Triples.

Rows are streamed; each row's triples are written as N-Triples lines to a temporary file, so
memory grows with the number of ids (for references and duplicate checks), not with the data.
Tables are read in dependency order (a table whose ``ref`` columns point to another is read
after it). Policy ``fail``: any error and nothing is produced (:class:`DataErrors`, each error
naming file, row and column); ``reject_row``: bad rows are rejected with their reasons and the
rest loads. Errors in the file as a whole (encoding, delimiter, missing column) always fail.

The work is shared by :mod:`~umkm_kg.loading.locate` (tables in the source, columns in a
header), :mod:`~umkm_kg.loading.rows` (a table's rows into lines) and
:mod:`~umkm_kg.loading.nodes` (the nodes those lines describe).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from umkm_kg.errors import DataError, DataErrors, UmkmKgError, excerpt
from umkm_kg.loading.layout import Table, get_layout
from umkm_kg.loading.locate import Opener, checksum, dependency_order, locate_tables, match_header
from umkm_kg.loading.nodes import expand_node_iri
from umkm_kg.loading.problems import RowProblem
from umkm_kg.loading.reader import SheetRows
from umkm_kg.loading.result import LoadResult, Rejection, SourceInfo
from umkm_kg.loading.rows import COVERAGE, TableRows
from umkm_kg.loading.state import LoadState
from umkm_kg.output_files import check_output
from umkm_kg.progress import reporter

__all__ = [
    "COVERAGE",
    "MAX_ERRORS",
    "LoadResult",
    "Rejection",
    "SourceInfo",
    "expand_node_iri",
    "load_source",
]

MAX_ERRORS = 100
_FLUSH_EVERY = 1024


def load_source(
    path: str | Path, mapping: str | Path = "template", *, output: str | Path | None = None
) -> LoadResult:
    """Read a source with a layout and write its triples as N-Triples.

    ``path``: a folder of CSV files, an ``.xlsx`` workbook, or one CSV file. ``mapping``: a
    layout name in ``loaders/`` or a path to a ``.toml`` file. ``output``: where to write the
    N-Triples (replaced only on success); by default a temporary file that lives as long as
    the result (use it as a context manager, or call :meth:`LoadResult.close`). Raises
    :class:`DataErrors` and writes nothing when the layout's policy is ``fail`` and anything
    is wrong.
    """
    layout = get_layout(mapping)
    source = Path(path)
    if not source.exists():
        raise UmkmKgError(f"{source}: no such file or folder")
    if output is not None:
        check_output(output)
    tables, warnings = locate_tables(source, layout)
    target = Path(output) if output else None
    directory = target.parent if target else None
    handle, temporary = tempfile.mkstemp(suffix=".nt", prefix="umkm-kg-", dir=directory)
    run = LoadState(layout)
    run.present = set(tables)
    run.warnings.extend(warnings)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            _load_tables(run, tables, out)
        _check_outcome(run, source)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    final = Path(temporary)
    if target:
        os.replace(temporary, target)
        final = target
    return _result(run, source, final, temporary=target is None)


def _load_tables(run: LoadState, tables: dict[str, Opener], out: TextIO) -> None:
    """Write the rows of each table present, in dependency order, to ``out``."""
    run.out = out
    for table in dependency_order(run.layout):
        opener = tables.get(table.name)
        if opener is not None:
            try:
                _load_table(run, table, opener())
            except DataError as error:  # the file as a whole is unreadable
                run.errors.append(error)
                run.unreadable.add(table.name)  # rows referring to it are not blamed
        if len(run.errors) >= MAX_ERRORS:
            break
    run.flush()


def _check_outcome(run: LoadState, source: Path) -> None:
    """Raise the load's errors, or that the source held no data rows."""
    if len(run.errors) >= MAX_ERRORS:
        run.errors.append(DataError(f"stopped after {MAX_ERRORS} errors; fix these and load again"))
    if run.errors:
        raise DataErrors(run.errors)
    if not run.rows_loaded and not run.rejected:
        raise DataErrors(
            [
                DataError(
                    "the source has no data rows",
                    file=source.name,
                    hint="fill at least one row (the header row alone loads nothing)",
                )
            ]
        )


def _result(run: LoadState, source: Path, final: Path, *, temporary: bool) -> LoadResult:
    files = tuple(sorted(run.files))
    info = SourceInfo(
        source.resolve(), checksum(source, files), run.layout.name, datetime.now(UTC), files
    )
    return LoadResult(
        final,
        run.rows_loaded,
        run.rejected,
        info,
        run.warnings,
        run.rows_by_table,
        run.triples,
        run.unresolved,
        run.dropped,
        run.corrections,
        run.coverage,
        run.activity.written,
        temporary=temporary,
    )


def _load_table(run: LoadState, table: Table, sheet: SheetRows) -> None:
    """Write the rows of one table (its file or sheet)."""
    run.files.add(sheet.label.split(" [")[0])
    readers = match_header(table, sheet, run.layout, run.errors, run.warnings)
    if readers is None:
        return
    rows = TableRows(run, table, readers, sheet.label)
    loaded = 0
    progress = reporter()
    progress.stage(f"read {sheet.label}")
    for number, cells in _data_rows(run, sheet):
        try:
            lines = rows.row(number, cells)
        except RowProblem as problem:
            run.problem(sheet.label, number, problem.column, problem.reason, problem.hint)
            rows.mark_failed(number, cells)
            if len(run.errors) >= MAX_ERRORS:
                return
            continue
        if lines is None:
            continue
        run.buffer.extend(lines)
        run.triples += len(lines) + rows.extra
        loaded += 1
        if loaded % _FLUSH_EVERY == 0:
            run.flush()
            progress.advance(loaded)
    progress.advance(loaded)
    run.rows_loaded += loaded
    run.rows_by_table[table.name] = loaded
    run.warnings.extend(sheet.warnings)


def _data_rows(run: LoadState, sheet: SheetRows) -> Iterator[tuple[int, list]]:
    """The sheet's rows that hold data, as wide as its header (blank rows and blank
    trailing fields dropped; a row of another width is the row's problem)."""
    width = len(sheet.header)
    for number, cells in sheet.rows:
        if len(cells) != width:
            if not any(cells):
                continue
            if len(cells) > width and not any(str(c).strip() for c in cells[width:]):
                cells = cells[:width]
            else:
                _width_problem(run, sheet, number, cells)
                continue
        elif not any(cells):
            continue  # a blank row
        yield number, cells


def _width_problem(run: LoadState, sheet: SheetRows, number: int, cells: list) -> None:
    """A row with too many or too few fields: its values may have shifted, never guess."""
    width = len(sheet.header)
    if len(cells) > width:
        column = f"field {width + 1}"
        reason = (
            f"the row has {len(cells)} fields but the header has {width}: "
            f"extra value '{excerpt(cells[width])}'"
        )
        hint = 'a value that contains a comma must be in double quotes, e.g. "2,5 juta"'
    else:
        column = sheet.header[len(cells)]
        reason = f"the row has {len(cells)} fields but the header has {width}"
        hint = "every row needs one field per column (empty fields still need their comma)"
    run.problem(sheet.label, number, column, reason, hint)
