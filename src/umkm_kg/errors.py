"""Errors that the CLI reports as one clear message with exit code 2."""

from __future__ import annotations

import unicodedata
from pathlib import Path

EXCERPT_LENGTH = 80  # characters of a cell that a message shows


def excerpt(text: object, limit: int = EXCERPT_LENGTH) -> str:
    """A cell's text as a message shows it: the first ``limit`` characters and "…" when it is
    longer; control characters (NUL, ESC, line breaks) written as visible escapes, so that a
    cell never reaches the terminal as bytes that move the cursor or change colours."""
    text = str(text)
    cut = text[:limit]
    shown = "".join(
        repr(char)[1:-1] if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in cut
    )
    return shown + ("…" if len(text) > limit else "")


class UmkmKgError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""


class DataError(UmkmKgError):
    """Bad input: names the file, row and column, what was wrong and how to fix it."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.reason = message
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.reason
        if self.hint:
            text += f" ({self.hint})"
        return text


class DataErrors(UmkmKgError):
    """Several data errors found in one pass; nothing was loaded."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        lines = [f"{len(errors)} error(s); nothing was loaded:"] + [f"  - {e}" for e in errors]
        super().__init__("\n".join(lines))
