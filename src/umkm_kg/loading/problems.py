"""A problem of one row while it is read: which column, what was wrong, how to fix it."""

from __future__ import annotations

from umkm_kg.loading.columns import ColumnReader


class RowProblem(Exception):
    """A problem of one row: column, what was wrong, how to fix it."""

    def __init__(self, column: str | None, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.column, self.reason, self.hint = column, reason, hint


def empty(reader: ColumnReader) -> RowProblem:
    """A required cell left empty."""
    return RowProblem(
        reader.name, f"'{reader.name}' is empty", "this column needs a value in every row"
    )
