"""Reading the cells of one row: text, values (text and RDF term), and what was noted."""

from __future__ import annotations

from dataclasses import dataclass, field

from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.columns import LITERAL, ColumnReader, RegionCorrected, UnresolvedValue
from umkm_kg.loading.layout import header_key
from umkm_kg.loading.problems import RowProblem, empty
from umkm_kg.loading.result import Rejection
from umkm_kg.loading.values import ValueProblem

# A cell read: its text, its values (text, term) and, for a single literal, its line's tail.
Cell = tuple[str, list[tuple[str, str | None]], str | None]


@dataclass
class RowNotes:
    """What reading one row's cells noted besides its values."""

    unresolved: list[Rejection] = field(default_factory=list)
    dropped: list[Rejection] = field(default_factory=list)
    corrections: list[tuple[ColumnReader, RegionCorrected]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.unresolved) + len(self.dropped) + len(self.corrections)


class Row:
    """One row while it is read and written."""

    __slots__ = (
        "number",
        "notes",
        "parsed",
        "problems",
        "refs",
        "resolved",
        "label",
        "s",
        "subject",
        "tails",
        "texts",
    )

    def __init__(self, number: int, tails: list[str], label: str) -> None:
        self.number, self.label = number, label  # the row's number in its file or sheet
        self.tails = tails  # the row's own lines without their subject, joined by it
        self.texts: dict[str, str] = {}
        self.parsed: dict[str, list[tuple[str, str | None]]] = {}
        self.problems: list[RowProblem] = []
        self.notes = RowNotes()
        self.refs: dict[str, str] = {}  # the first target of each ref column
        self.resolved: dict[str, list[str | None]] = {}
        self.subject = self.s = ""  # the row's node: its IRI, its N-Triples term


def read_cell(reader: ColumnReader, raw: object, row: Row) -> Cell | None:
    """Read one cell: (text, values, line tail of a single literal); ``None`` when it is
    empty or wrong (the problem is added to the row's problems). The common case (one value
    of a text cell) is read here, inline: this runs once per cell."""
    if type(raw) is str:
        text = raw.strip()
        if text and not reader.simple:  # ColumnReader.text, inlined for text cells
            null = len(text) <= reader.null_length and text.lower() in reader.nulls
            text = (
                "" if null else reader.rename.get(header_key(text), text) if reader.rename else text
            )
    else:
        text = reader.text(raw)
    if not text:
        if not reader.default:
            return _no_value(reader, row)
        text = reader.default
    try:
        if reader.single and type(raw) is str:
            value = reader.read(text)
        else:
            return _read_values(reader, text, raw, row)
    except RegionCorrected as corrected:
        return _corrected(reader, corrected, row)
    except ValueProblem as problem:
        return _unread(reader, text, problem, row)
    term = value[1]
    if reader.mode == LITERAL and term is not None:
        return value[0], [value], reader.predicate_part + term + " .\n"
    return value[0], [value], None


def _read_values(reader: ColumnReader, text: str, raw: object, row: Row) -> Cell | None:
    """:func:`read_cell` of a list, of a region read within another column's region, or of
    a workbook value that is not text."""
    items: list[UnresolvedValue] = []
    try:
        if reader.scope_column:
            values = [reader.read_in_scope(text, row.texts.get(reader.scope_column))]
        else:
            values = reader.values(text, raw, items)
    except RegionCorrected as corrected:
        return _corrected(reader, corrected, row)
    except ValueProblem as problem:
        return _unread(reader, text, problem, row)
    if items or len(values) != 1:
        _note_unresolved(reader, items, row)
        return text, values, None
    term = values[0][1]
    if reader.mode == LITERAL and term is not None:
        return values[0][0], values, reader.predicate_part + term + " .\n"
    return values[0][0], values, None


def _no_value(reader: ColumnReader, row: Row) -> None:
    """An empty cell with no default: the row's problem when the column is required."""
    if reader.required:
        row.problems.append(empty(reader))


def _corrected(reader: ColumnReader, corrected: RegionCorrected, row: Row) -> Cell:
    """A region found in the kab/kota of the same name: noted, its code the value."""
    row.notes.corrections.append((reader, corrected))
    return corrected.code, [(corrected.code, None)], None


def _unread(reader: ColumnReader, text: str, problem: ValueProblem, row: Row) -> Cell | None:
    """A value that cannot be read: kept as written (an unresolved name, the column has
    an ``unresolved_property``), the row's problem, or (``bad_optional_cell =
    "drop_cell"``, an optional column) the cell is left out with a note."""
    if isinstance(problem, UnresolvedValue) and reader.unresolved:
        _note_unresolved(reader, [problem], row)
        return text, [(text, nt.literal(text))], None
    if reader.drop_when_bad:
        hint = f" ({problem.hint})" if problem.hint else ""
        reason = f"{problem.reason}{hint}; the cell is left out, the row loads"
        row.notes.dropped.append(Rejection(row.label, row.number, reader.name, reason))
    else:
        row.problems.append(RowProblem(reader.name, problem.reason, problem.hint))
    return None


def _note_unresolved(reader: ColumnReader, items: list[UnresolvedValue], row: Row) -> None:
    for problem in items:
        hint = f" ({problem.hint})" if problem.hint else ""
        row.notes.unresolved.append(
            Rejection(row.label, row.number, reader.name, problem.reason + hint)
        )
