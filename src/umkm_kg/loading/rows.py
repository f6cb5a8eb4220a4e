"""Reading the rows of one table into N-Triples lines.

A row is read cell by cell (each distinct cell of a recurring type once), its references
resolved against the ids of the tables read before, its node named, and its values written:
a single literal while its cell is read, the others once the row's node is known.
"""

from __future__ import annotations

from umkm_kg.errors import excerpt
from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.cells import Row, read_cell
from umkm_kg.loading.columns import (
    LITERAL,
    NODE,
    NOTHING,
    REF,
    ColumnReader,
)
from umkm_kg.loading.layout import Constant, Table
from umkm_kg.loading.nodes import (
    CACHE_SIZE,
    NodeWriter,
    ObjectWriter,
    correction_lines,
    head,
)
from umkm_kg.loading.problems import RowProblem
from umkm_kg.loading.references import resolve
from umkm_kg.loading.result import Rejection
from umkm_kg.loading.state import LoadState
from umkm_kg.loading.templates import Template, first_rendered

# Column types whose values recur (codes, regions, years...): each distinct cell is read once.
_CACHED_TYPES = frozenset({"code", "region", "choice", "codelist", "year", "boolean", "date"})
# What ``load`` reports of each table with a region or KBLI column: its rows, and those with a
# region at kecamatan level (or below) and with an activity concept (a KBLI value of the
# source). Other counts may be added by later stages (see LoadResult.coverage).
COVERAGE = ("rows", "region_kecamatan", "activity_concept")
_KECAMATAN_DOTS = 2


class TableRows:
    """Turns the rows of one table into N-Triples lines."""

    def __init__(
        self, run: LoadState, table: Table, readers: list[ColumnReader], label: str
    ) -> None:
        self.run = run
        self.table = table
        self.label = label
        self.ids = run.ids.setdefault(table.name, {})
        self.failed = run.failed.setdefault(table.name, {})
        self.subjects: dict[str, int] = {}
        self.extra = 0  # of the last row: triples beyond one per line entry (see row())
        self.iri = tuple(Template(t) for t in table.iri)
        header = {r.name for r in readers if r.index is not None}
        given = [  # which data the source gave (loaders/README.md, `given`)
            Constant(property=g.property, iri=g.iri)
            for g in table.given
            if g.table in run.present or g.column in header
        ]
        self.head = head(table.types, [*table.constants, *given])
        self.nodes = {r.name: NodeWriter(r) for r in readers if r.mode == NODE}
        self.placed = [r for r in readers if r.index is not None]
        # Columns read per row: a column that writes nothing, cannot fail and names nothing
        # (the owner's gender in a portal file) is not read at all.
        used = _used_names(table, readers)
        self.read = [
            (r, r.index, {} if r.column.type in _CACHED_TYPES else None, r.name in used)
            for r in self.placed
            if r.mode != NOTHING or r.required or r.column.type != "text" or r.name in used
        ]
        # A single literal value is written while its cell is read (row() "tails"); the
        # other columns' values are written once the row's node is known.
        self.writers = [
            r
            for r in readers
            if r.mode not in (NOTHING, LITERAL) or r.split or r.index is None or r.unresolved
        ]
        self.region_columns = [r.name for r in readers if r.column.type == "region"]
        self.kbli_columns = [r.name for r in readers if r.vocabulary == "kbli"]
        self.coverage = (
            run.coverage.setdefault(table.name, dict.fromkeys(COVERAGE, 0))
            if self.region_columns or self.kbli_columns
            else None
        )
        self.plain_nodes = {
            name: node
            for name, node in self.nodes.items()
            if node.plain and node.reader.column.type != "ref" and not node.reader.objects
        }
        self.ref_readers = [r for r in readers if r.mode == REF]
        self.activity = next((r.name for r in readers if r.column.activity_candidates), None)
        self.objects = ObjectWriter(run, readers)
        self.defaults = [  # columns absent from the header but with a default value
            (r.name, r.values(r.default, r.default))
            for r in readers
            if r.index is None and r.default
        ]

    def row(self, number: int, cells: list) -> list[str] | None:
        """The row's lines; ``None`` when it refers to a row that already failed."""
        row = self._read(number, cells)
        if not self._resolve_refs(row):
            return None
        key = self._name(row)
        lines = [row.s.join(row.tails)]
        self.extra = len(row.tails) - 2  # triples beyond one per entry of ``lines``
        self.run.pending_nodes.clear()
        try:
            self._write_values(row, lines)
        except RowProblem:
            if key is not None:
                self.failed[key] = number
            raise
        if key is not None:
            self.ids[key] = (row.subject, number)
        self.subjects[row.subject] = number
        if row.notes.corrections:
            lines.extend(self._corrections(row, cells))
        run = self.run
        run.emitted_nodes |= run.pending_nodes
        run.unresolved.extend(row.notes.unresolved)
        run.dropped.extend(row.notes.dropped)
        self._count_coverage(row.parsed)
        return lines

    def mark_failed(self, number: int, cells: list) -> None:
        """Remember the id of a row that failed, so rows referring to it are not blamed too."""
        key = next((r for r in self.placed if r.name == self.table.key), None)
        if key is not None:
            text = key.text(cells[key.index])
            if text:
                self.failed.setdefault(text, number)

    # -- reading ---------------------------------------------------------------------------

    def _read(self, number: int, cells: list) -> Row:
        """The row's cells read; raises its first problem (the others are reported)."""
        row = Row(number, self.head.copy(), self.label)
        self._read_cells(row, cells)
        parsed, texts = row.parsed, row.texts
        for name, values in self.defaults:
            parsed[name] = values
            texts[name] = values[0][0]
        if row.problems:
            for extra in row.problems[1:]:
                self.run.problem(self.label, number, extra.column, extra.reason, extra.hint)
            raise row.problems[0]
        for reader, corrected in row.notes.corrections:  # the row's kab/kota follows the name
            parsed[reader.scope_column] = [(corrected.scope, None)]
            texts[reader.scope_column] = corrected.scope
        return row

    def _read_cells(self, row: Row, cells: list) -> None:
        texts, parsed, tails, notes = row.texts, row.parsed, row.tails, row.notes
        for reader, index, cache, keep in self.read:
            raw = cells[index]
            cell = key = None
            if cache is not None and type(raw) is str:
                key = (raw, texts.get(reader.scope_column)) if reader.scope_column else raw
                cell = cache.get(key)  # the same cell read before: same text, same values
            if cell is None:
                before = len(notes)
                cell = read_cell(reader, raw, row)
                if cell is None:
                    continue
                if key is not None and len(notes) == before and len(cache) < CACHE_SIZE:
                    cache[key] = cell
            text, values, tail = cell
            if tail is None:
                parsed[reader.name] = values
                texts[reader.name] = text
            else:
                tails.append(tail)
                if keep:
                    texts[reader.name] = text

    # -- naming ----------------------------------------------------------------------------

    def _resolve_refs(self, row: Row) -> bool:
        """Resolve the row's references; False when one points to a row that failed."""
        for reader in self.ref_readers:
            if reader.name in row.parsed:
                targets = resolve(self.run, reader, row.parsed[reader.name])
                if targets is None:
                    return False
                row.resolved[reader.name] = targets
                if targets[0]:
                    row.refs[reader.name] = targets[0]
        return True

    def _name(self, row: Row) -> str | None:
        """Name the row's node (``row.subject``, ``row.s``); returns the row's id. Raises
        when the row repeats an id or a node of a row before."""
        subject = first_rendered(self.iri, row.texts, row.refs)
        if subject is None:
            missing = self.iri[0].missing(row.texts, row.refs)
            raise RowProblem(
                missing[0] if missing else None,
                f"cannot name this row's node: {', '.join(missing)} empty and layout "
                f"'{self.run.layout.name}' gives no default",
                f"fill {', '.join(missing)}",
            )
        key_name = self.table.key
        key = row.texts.get(key_name) if key_name else None
        if key is not None and (key in self.ids or key in self.failed):
            first = self.ids[key][1] if key in self.ids else self.failed[key]
            raise RowProblem(
                key_name,
                f"duplicate {key_name} '{excerpt(key)}': already in row {first}",
                f"give each row its own {key_name}",
            )
        if subject in self.subjects:
            raise RowProblem(
                key_name,
                f"this row describes the same {self.table.name} node as row "
                f"{self.subjects[subject]} ({subject})",
                "merge the two rows, or correct the columns that identify them",
            )
        row.subject, row.s = subject, nt.iri(subject)
        return key

    # -- writing ---------------------------------------------------------------------------

    def _write_values(self, row: Row, lines: list[str]) -> None:
        """Append the lines of the values not written while the cells were read."""
        s, parsed, objects = row.s, row.parsed, self.objects
        for reader in self.writers:
            values = parsed.get(reader.name)
            if not values:
                continue
            if reader.mode == LITERAL and len(values) == 1 and not reader.unresolved:
                lines.append(s + reader.predicate_part + values[0][1] + " .\n")
            elif reader in objects.tails and len(values) == 1 and values[0][1] is None:
                lines.append(s + objects.tail(reader, values[0][0], row.texts, row.refs, lines))
            elif reader.name in self.plain_nodes and len(values) == 1:
                term = values[0][1]
                self.extra += self.plain_nodes[reader.name].write_plain(s, row.subject, term, lines)
                if reader.property and term:  # the value also sits on the row's own node
                    lines.append(s + reader.predicate_part + term + " .\n")
            else:
                self._emit(reader, row, values, lines)
        if self.activity and row.texts.get(self.activity):
            candidate = self.run.activity_lines(row.subject, row.texts[self.activity])
            lines.extend(candidate)
            if candidate and self.coverage is not None:  # the share load reports
                coverage = self.coverage
                coverage["candidate_kelompok"] = coverage.get("candidate_kelompok", 0) + 1

    def _emit(self, reader: ColumnReader, row: Row, values: list, lines: list[str]) -> None:
        """The lines of a column's values in the general case (lists, refs, nodes...)."""
        s, mode = row.s, reader.mode
        targets = row.resolved.get(reader.name)
        for position, (text, term) in enumerate(values):
            if mode == REF or (mode == NODE and reader.column.type == "ref"):
                target = targets[position]
                if target is None:
                    lines.append(f"{s} {reader.unresolved} {nt.literal(text)} .\n")
                    continue
                term = nt.iri(target)
            elif reader.objects and term is not None:  # an unresolved region, kept as written
                lines.append(f"{s} {reader.unresolved} {term} .\n")
                continue
            elif reader.objects:
                term = nt.iri(self.objects.iri(reader, text, row.texts, row.refs, lines))
            elif term is not None and term[0] == "<":
                self.objects.fixed_node(term, lines)
            if mode == NODE:
                node = self.nodes[reader.name]
                self.extra += node.write(s, row.subject, (text, term), (row.texts, row.refs), lines)
                if reader.property and term:  # the value also sits on the row's own node
                    lines.append(f"{s} {reader.property} {term} .\n")
            elif reader.property:
                lines.append(_value_line(reader, s, term))

    def _corrections(self, row: Row, cells: list) -> list[str]:
        """A ``umkm:Correction`` node per region linked elsewhere than the row wrote, and
        the note ``load`` reports."""
        lines = []
        for reader, corrected in row.notes.corrections:
            scope = next(r for r in self.placed if r.name == reader.scope_column)
            written = f"{scope.name}: {cells[scope.index]}; {reader.name}: {cells[reader.index]}"
            self.run.corrections.append(
                Rejection(self.label, row.number, reader.name, corrected.reason)
            )
            lines += correction_lines(row.subject, reader, corrected, written, self.run.layout.name)
        return lines

    def _count_coverage(self, parsed: dict[str, list[tuple[str, str | None]]]) -> None:
        """Count the row in the shares ``load`` reports: a region at kecamatan level or
        below, an activity concept (a KBLI value)."""
        coverage = self.coverage
        if coverage is None:
            return
        coverage["rows"] += 1
        if any(
            # a resolved code (35.71.01: kecamatan), not a name kept as written
            term is None and text.count(".") >= _KECAMATAN_DOTS
            for name in self.region_columns
            for text, term in parsed.get(name, ())
        ):
            coverage["region_kecamatan"] += 1
        if any(parsed.get(name) for name in self.kbli_columns):
            coverage["activity_concept"] += 1


def _value_line(reader: ColumnReader, s: str, term: str) -> str:
    """The line of a value on the row's node (the value's node first for an inverse)."""
    predicate = reader.property
    if reader.unresolved and term[0] == '"':  # a value kept as written
        predicate = reader.unresolved
    if reader.inverse:
        return f"{term} {predicate} {s} .\n"
    return f"{s} {predicate} {term} .\n"


def _used_names(table: Table, readers: list[ColumnReader]) -> set[str]:
    """Columns whose text something else reads: the key, IRI templates, region scopes."""
    templates = [*table.iri, *(t for r in readers for t in r.column.object)]
    templates += [t for r in readers if r.column.node for t in r.column.node.iri]
    used = {v for t in templates for v in Template(t).variables}
    used |= {r.scope_column for r in readers if r.scope_column}
    used |= {r.name for r in readers if r.column.activity_candidates}
    return used | ({table.key} if table.key else set())
