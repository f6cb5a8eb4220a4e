"""Resolving a row's references: the ids of ``ref`` columns against the rows of the tables
read before (their ids, the rows that failed, the files that could not be read)."""

from __future__ import annotations

from umkm_kg.errors import excerpt
from umkm_kg.loading.columns import ColumnReader
from umkm_kg.loading.problems import RowProblem
from umkm_kg.loading.state import LoadState


def resolve(run: LoadState, reader: ColumnReader, values: list) -> list[str | None] | None:
    """The node each value of a ref column names (``None`` for an id kept as written);
    ``None`` when one names a row that failed. Raises the row's problem otherwise."""
    targets: list[str | None] = []
    tables = reader.column.tables
    ids = run.ids
    for text, _ in values:
        if len(tables) == 1:
            found = ids.get(tables[0], {}).get(text)
            if found:
                targets.append(found[0])
                continue
        hits = [ids[t][text][0] for t in tables if text in ids.get(t, {})]
        if len(hits) > 1:
            raise RowProblem(
                reader.name,
                f"id '{excerpt(text)}' names rows of several tables ({', '.join(tables)})",
                "make the ids unique across those files",
            )
        if hits:
            targets.append(hits[0])
        elif _unknown_id(run, reader, text):
            targets.append(None)
        else:
            return None
    return targets


def _unknown_id(run: LoadState, reader: ColumnReader, text: str) -> bool:
    """An id no row of the column's tables has: True when it is kept as written, False
    when its row failed (that row's problem is enough); else the row's problem."""
    tables = reader.column.tables
    if any(t in run.unreadable for t in tables):
        return False  # that file's own error says what is wrong
    failed = [t for t in tables if text in run.failed.get(t, {})]
    if failed:
        if run.reject:
            raise RowProblem(
                reader.name,
                f"refers to {failed[0]} '{excerpt(text)}', which was rejected "
                f"(row {run.failed[failed[0]][text]})",
            )
        return False  # under 'fail', that row already reported its error
    if reader.unresolved:
        return True
    files = " or ".join(run.layout.table(t).file for t in tables)
    raise RowProblem(
        reader.name,
        f"unknown id '{excerpt(text)}': no such row in {files}",
        f"add the row to {files}, or correct the id",
    )
