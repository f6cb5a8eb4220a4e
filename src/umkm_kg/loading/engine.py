"""The mapping engine: a source (template folder, workbook or CSV file) + a layout -> N-Triples.

Rows are streamed; each row's triples are written as N-Triples lines to a temporary file, so
memory grows with the number of ids (for references and duplicate checks), not with the data.
Tables are read in dependency order (a table whose ``ref`` columns point to another is read
after it). Policy ``fail``: any error and nothing is produced (:class:`DataErrors`, each error
naming file, row and column); ``reject_row``: bad rows are rejected with their reasons and the
rest loads. Errors in the file as a whole (encoding, delimiter, missing column) always fail.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from umkm_kg.activity.statements import CandidateWriter
from umkm_kg.errors import DataError, DataErrors, UmkmKgError, excerpt
from umkm_kg.iris import slug
from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.columns import (
    DATATYPES,
    LITERAL,
    NODE,
    NOTHING,
    OBJECT,
    REF,
    ColumnReader,
    RegionCorrected,
    UnresolvedValue,
)
from umkm_kg.loading.layout import Constant, FixedNode, Layout, Table, get_layout, header_key
from umkm_kg.loading.reader import SheetRows, read_csv, read_sheet
from umkm_kg.loading.templates import Template, expand, first_rendered
from umkm_kg.loading.values import (
    ValueProblem,
    decimal_lexical,
    parse_money,
    parse_number,
    parse_year,
)
from umkm_kg.loading.vocabularies import check_kbli, kbli_nodes, region_nodes
from umkm_kg.namespaces import ID, bind_prefixes
from umkm_kg.output_files import check_output
from umkm_kg.progress import reporter

MAX_ERRORS = 100
_RDF_TYPE = nt.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_FLUSH_EVERY = 1024
_CACHE_SIZE = 50_000
# A cell read: its text, its values (text, term) and, for a single literal, its line's tail.
_Cell = tuple[str, list[tuple[str, str | None]], str | None]
# Column types whose values recur (codes, regions, years...): each distinct cell is read once.
_CACHED_TYPES = frozenset({"code", "region", "choice", "codelist", "year", "boolean", "date"})
# What ``load`` reports of each table with a region or KBLI column: its rows, and those with a
# region at kecamatan level (or below) and with an activity concept (a KBLI value of the
# source). Other counts may be added by later stages (see LoadResult.coverage).
COVERAGE = ("rows", "region_kecamatan", "activity_concept")
_UMKM = "https://w3id.org/umkm-kg/ontology#"
_CORRECTION = nt.iri(_UMKM + "correction")
_CORRECTION_CLASS = nt.iri(_UMKM + "Correction")
_WRITTEN = nt.iri(_UMKM + "writtenValue")
_COMMENT = nt.iri("http://www.w3.org/2000/01/rdf-schema#comment")
_LABEL = nt.iri("http://www.w3.org/2000/01/rdf-schema#label")
_SOURCE = nt.iri("http://purl.org/dc/terms/source")


@dataclass(frozen=True)
class Rejection:
    """A row left out under policy ``reject_row``, and why."""

    file: str
    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        column = f", column '{self.column}'" if self.column else ""
        return f"{self.file}, row {self.row}{column}: {self.reason}"


@dataclass(frozen=True)
class SourceInfo:
    """Where a load came from: path, checksum of what was read, layout, time."""

    path: Path
    sha256: str
    mapping: str
    loaded_at: datetime
    files: tuple[str, ...]


@dataclass
class LoadResult:
    """The outcome of :func:`load_source`: an N-Triples file and what went into it."""

    ntriples_path: Path
    rows_loaded: int
    rejected: list[Rejection]
    source: SourceInfo
    warnings: list[str] = field(default_factory=list)
    rows_by_table: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    unresolved: list[Rejection] = field(default_factory=list)  # names kept as written
    dropped: list[Rejection] = field(default_factory=list)  # bad optional cells left out
    corrections: list[Rejection] = field(default_factory=list)  # regions linked elsewhere
    # table -> {"rows": n, "region_kecamatan": n, "activity_concept": n} (COVERAGE)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)
    activity_candidates: int = 0  # rows whose free-text activity got a KBLI 2020 candidate
    temporary: bool = False
    _graph: Graph | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # A temporary file lives as long as its result: deleted by close(), or when the result
        # is garbage-collected, or at exit; never left behind in the temp folder.
        self._cleanup = (
            weakref.finalize(self, _delete, self.ntriples_path) if self.temporary else None
        )

    def graph(self) -> Graph:
        """The loaded triples as an rdflib Graph (parsed once; for small data)."""
        if self._graph is None:
            graph = Graph()
            bind_prefixes(graph)
            from umkm_kg.store.terms import parse_ntriples  # linear in the length of a literal

            parse_ntriples(graph, self.ntriples_path)
            self._graph = graph
        return self._graph

    def close(self) -> None:
        """Delete the N-Triples file when it is a temporary one (an ``output`` file stays)."""
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> LoadResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _delete(path: Path) -> None:
    path.unlink(missing_ok=True)


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
    tables, warnings = _locate_tables(source, layout)
    target = Path(output) if output else None
    directory = target.parent if target else None
    handle, temporary = tempfile.mkstemp(suffix=".nt", prefix="umkm-kg-", dir=directory)
    run = _Run(layout)
    run.present = set(tables)
    run.warnings.extend(warnings)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            run.out = out
            for table in _dependency_order(layout):
                opener = tables.get(table.name)
                if opener is not None:
                    try:
                        run.load_table(table, opener())
                    except DataError as error:  # the file as a whole is unreadable
                        run.errors.append(error)
                        run.unreadable.add(table.name)  # rows referring to it are not blamed
                if len(run.errors) >= MAX_ERRORS:
                    break
            run.flush()
        if len(run.errors) >= MAX_ERRORS:
            run.errors.append(
                DataError(f"stopped after {MAX_ERRORS} errors; fix these and load again")
            )
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
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    final = Path(temporary)
    if target:
        os.replace(temporary, target)
        final = target
    files = tuple(sorted(run.files))
    info = SourceInfo(
        source.resolve(), _checksum(source, files), layout.name, datetime.now(UTC), files
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
        temporary=target is None,
    )


def _locate_tables(source: Path, layout: Layout) -> tuple[dict, list[str]]:
    """For each table present in the source, a function opening its rows; and warnings."""
    openers: dict = {}
    warnings: list[str] = []
    known = {t.name: _known_headers(t) for t in layout.tables}
    delimiters = layout.delimiters
    if source.is_dir():
        files = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
        for table in layout.tables:
            found = files.pop(table.file.lower(), None)
            if found:
                openers[table.name] = _csv_opener(found, delimiters, known[table.name])
        for name in sorted(files):
            if name.endswith(".csv"):
                layout_files = ", ".join(t.file for t in layout.tables)
                warnings.append(
                    f"{name}: not a file of layout '{layout.name}' ({layout_files}); ignored"
                )
    elif source.suffix.lower() in (".xlsx", ".xlsm"):
        for table in layout.tables:
            sheet = read_sheet(source, table.sheet)
            if sheet is not None:
                openers[table.name] = lambda sheet=sheet: sheet
    elif source.suffix.lower() in (".csv", ".txt"):
        matching = [t for t in layout.tables if t.file.lower() == source.name.lower()]
        table = matching[0] if matching else layout.tables[0] if len(layout.tables) == 1 else None
        if table is None:
            raise UmkmKgError(
                f"{source}: layout '{layout.name}' has several files "
                f"({', '.join(t.file for t in layout.tables)}); give the folder that holds them"
            )
        openers[table.name] = _csv_opener(source, delimiters, known[table.name])
    else:
        raise UmkmKgError(f"{source}: not a folder of CSV files, an .xlsx workbook or a .csv file")
    missing = [t for t in layout.tables if t.required and t.name not in openers]
    if missing:
        where = "sheet" if source.suffix.lower() in (".xlsx", ".xlsm") else "file"
        books = sorted(source.glob("*.xlsx")) if source.is_dir() else []
        hint = (
            f"to load the workbook, give its path ({books[0]})"
            if books
            else "umkm-kg template DIR writes every file of the template"
        )
        raise DataErrors(
            [
                DataError(
                    f"required {where} '{t.sheet if where == 'sheet' else t.file}' is missing",
                    file=source.name,
                    hint=hint,
                )
                for t in missing
            ]
        )
    return openers, warnings


def _csv_opener(path: Path, delimiters: tuple[str, ...], known: set[str]):  # noqa: ANN202
    return lambda: read_csv(path, delimiters, known, header_key)


def _known_headers(table: Table) -> set[str]:
    return {header_key(n) for c in table.columns for n in (c.name, *c.aliases)}


def _dependency_order(layout: Layout) -> list[Table]:
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


def _checksum(source: Path, files: tuple[str, ...]) -> str:
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


def _constant(constant) -> tuple[str, str]:  # noqa: ANN001
    predicate = nt.iri(expand(constant.property))
    if constant.iri:
        return predicate, nt.iri(expand(constant.iri))
    datatype = expand(constant.datatype) if constant.datatype else None
    return predicate, nt.literal(str(constant.value), datatype, constant.lang)


class _RowProblem(Exception):
    """A problem of one row: column, what was wrong, how to fix it."""

    def __init__(self, column: str | None, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.column, self.reason, self.hint = column, reason, hint


class _Run:
    """State of one load: id maps, errors, counts, the output buffer."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.reject = layout.policy == "reject_row"
        self.out = None
        self.buffer: list[str] = []
        self.errors: list[DataError] = []
        self.rejected: list[Rejection] = []
        self.unresolved: list[Rejection] = []
        self.dropped: list[Rejection] = []
        self.corrections: list[Rejection] = []
        self.coverage: dict[str, dict[str, int]] = {}
        self.drop_bad_optional = layout.bad_optional_cell == "drop_cell"
        self.fixed_nodes = {expand_node_iri(n.iri): _fixed_lines(n) for n in layout.nodes}
        self.warnings: list[str] = []
        self.files: set[str] = set()
        self.rows_loaded = 0
        self.rows_by_table: dict[str, int] = {}
        self.triples = 0
        self.ids: dict[str, dict[str, tuple[str, int]]] = {}
        self.failed: dict[str, dict[str, int]] = {}
        self.unreadable: set[str] = set()  # tables whose file could not be read to its end
        self.emitted_nodes: set[str] = set()
        self.pending_nodes: set[str] = set()
        self.present: set[str] = set()  # the tables the source holds
        self.activity = CandidateWriter(datetime.now(UTC))
        self.progress = reporter()

    def activity_lines(self, subject: str, text: str) -> list[str]:
        """The activity candidate of a row's free text, with its KBLI node the first time."""
        code, lines = self.activity.lines(subject, text)
        if code:
            for iri, node_lines in kbli_nodes("2020", code).items():
                if iri not in self.emitted_nodes and iri not in self.pending_nodes:
                    self.pending_nodes.add(iri)
                    lines.extend(node_lines)
        return lines

    def flush(self) -> None:
        if self.buffer and not self.errors:
            self.out.write("".join(self.buffer))
        self.buffer.clear()

    def problem(self, label: str, row: int, column: str | None, reason: str, hint=None) -> None:  # noqa: ANN001
        if self.reject:
            text = reason + (f" ({hint})" if hint else "")
            self.rejected.append(Rejection(label, row, column, text))
        else:
            self.errors.append(DataError(reason, file=label, row=row, column=column, hint=hint))

    def load_table(self, table: Table, sheet: SheetRows) -> None:
        self.files.add(sheet.label.split(" [")[0])
        readers = self._match_header(table, sheet)
        if readers is None:
            return
        rows = _TableRows(self, table, readers, sheet.label)
        width = len(sheet.header)
        loaded = 0
        self.progress.stage(f"read {sheet.label}")
        for number, cells in sheet.rows:
            if len(cells) != width:
                if not any(cells):
                    continue
                if len(cells) > width and not any(str(c).strip() for c in cells[width:]):
                    cells = cells[:width]
                else:
                    self._width_problem(sheet, number, cells, width)
                    continue
            elif not any(cells):
                continue  # a blank row
            try:
                lines = rows.row(number, cells)
            except _RowProblem as problem:
                self.problem(sheet.label, number, problem.column, problem.reason, problem.hint)
                rows.mark_failed(number, cells)
                if len(self.errors) >= MAX_ERRORS:
                    return
                continue
            if lines is None:
                continue
            self.buffer.extend(lines)
            self.triples += len(lines) + rows.extra
            loaded += 1
            if loaded % _FLUSH_EVERY == 0:
                self.flush()
                self.progress.advance(loaded)
        self.progress.advance(loaded)
        self.rows_loaded += loaded
        self.rows_by_table[table.name] = loaded
        self.warnings.extend(sheet.warnings)

    def _match_header(self, table: Table, sheet: SheetRows) -> list[ColumnReader] | None:
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
                self.errors.append(
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
        for column in missing:
            close = difflib.get_close_matches(
                header_key(column.name), [header_key(u) for u in unknown], n=1, cutoff=0.6
            )
            hint = f"is '{close[0]}' meant to be '{column.name}'? " if close else ""
            self.errors.append(
                DataError(
                    f"required column '{column.name}' is missing",
                    file=sheet.label,
                    row=1,
                    column=column.name,
                    hint=hint + "add the column to the header row",
                )
            )
        for cell in unknown:
            self.warnings.append(
                f"{sheet.label}, row 1, column '{excerpt(cell)}': not a column of layout "
                f"'{self.layout.name}'; ignored"
            )
        if missing:
            return None
        return [ColumnReader(c, positions.get(c.name), self.layout) for c in table.columns]

    def _width_problem(self, sheet: SheetRows, number: int, cells: list, width: int) -> None:
        """A row with too many or too few fields: its values may have shifted, never guess."""
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
        self.problem(sheet.label, number, column, reason, hint)


class _TableRows:
    """Turns the rows of one table into N-Triples lines."""

    def __init__(self, run: _Run, table: Table, readers: list[ColumnReader], label: str) -> None:
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
        self.head = _head(table.types, [*table.constants, *given])
        self.nodes = {r.name: _NodeWriter(r) for r in readers if r.mode == NODE}
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
        if self.region_columns or self.kbli_columns:
            self.coverage = run.coverage.setdefault(table.name, dict.fromkeys(COVERAGE, 0))
        else:
            self.coverage = None
        self.plain_nodes = {
            name: node
            for name, node in self.nodes.items()
            if node.plain and node.reader.column.type != "ref" and not node.reader.objects
        }
        self.ref_readers = [r for r in readers if r.mode == REF]
        self.activity = next((r.name for r in readers if r.column.activity_candidates), None)
        # code and region columns: "<p> <object> .\n" made once per distinct value
        self.object_lines: dict[ColumnReader, dict] = {
            r: {} for r in readers if r.mode == OBJECT and r.property and not r.inverse
        }
        self.defaults = [  # columns absent from the header but with a default value
            (r.name, r.values(r.default, r.default))
            for r in readers
            if r.index is None and r.default
        ]

    def row(self, number: int, cells: list) -> list[str] | None:
        """The row's lines; ``None`` when it refers to a row that already failed."""
        texts: dict[str, str] = {}
        parsed: dict[str, list[tuple[str, str | None]]] = {}
        tails = self.head.copy()  # the row's own lines without their subject, joined by it
        problems: list[_RowProblem] = []
        notes = _RowNotes()
        for reader, index, cache, keep in self.read:
            raw = cells[index]
            cell = key = None
            if cache is not None and type(raw) is str:
                key = (raw, texts.get(reader.scope_column)) if reader.scope_column else raw
                cell = cache.get(key)  # the same cell read before: same text, same values
            if cell is None:
                before = len(notes)
                cell = self._cell(reader, raw, number, texts, problems, notes)
                if cell is None:
                    continue
                if key is not None and len(notes) == before and len(cache) < _CACHE_SIZE:
                    cache[key] = cell
            text, values, tail = cell
            if tail is None:
                parsed[reader.name] = values
                texts[reader.name] = text
            else:
                tails.append(tail)
                if keep:
                    texts[reader.name] = text
        for name, values in self.defaults:
            parsed[name] = values
            texts[name] = values[0][0]
        if problems:
            for extra in problems[1:]:
                self.run.problem(self.label, number, extra.column, extra.reason, extra.hint)
            raise problems[0]
        for reader, corrected in notes.corrections:  # the row's kab/kota follows the name
            parsed[reader.scope_column] = [(corrected.scope, None)]
            texts[reader.scope_column] = corrected.scope
        refs: dict[str, str] = {}
        resolved: dict[str, list[str | None]] = {}
        for reader in self.ref_readers:
            if reader.name in parsed:
                targets = self._resolve(reader, parsed[reader.name])
                if targets is None:
                    return None
                resolved[reader.name] = targets
                if targets[0]:
                    refs[reader.name] = targets[0]
        subject = first_rendered(self.iri, texts, refs)
        if subject is None:
            empty = self.iri[0].missing(texts, refs)
            raise _RowProblem(
                empty[0] if empty else None,
                f"cannot name this row's node: {', '.join(empty)} empty and layout "
                f"'{self.run.layout.name}' gives no default",
                f"fill {', '.join(empty)}",
            )
        key_name = self.table.key
        key = texts.get(key_name) if key_name else None
        if key is not None and (key in self.ids or key in self.failed):
            first = self.ids[key][1] if key in self.ids else self.failed[key]
            raise _RowProblem(
                key_name,
                f"duplicate {key_name} '{excerpt(key)}': already in row {first}",
                f"give each row its own {key_name}",
            )
        if subject in self.subjects:
            raise _RowProblem(
                key_name,
                f"this row describes the same {self.table.name} node as row "
                f"{self.subjects[subject]} ({subject})",
                "merge the two rows, or correct the columns that identify them",
            )
        s = nt.iri(subject)
        lines = [s.join(tails)]
        self.extra = len(tails) - 2  # triples beyond one per entry of ``lines``
        self.run.pending_nodes.clear()
        try:
            for reader in self.writers:
                values = parsed.get(reader.name)
                if not values:
                    continue
                if reader.mode == LITERAL and len(values) == 1 and not reader.unresolved:
                    lines.append(s + reader.predicate_part + values[0][1] + " .\n")
                elif reader in self.object_lines and len(values) == 1 and values[0][1] is None:
                    lines.append(s + self._object_tail(reader, values[0][0], texts, refs, lines))
                elif reader.name in self.plain_nodes and len(values) == 1:
                    term = values[0][1]
                    self.extra += self.plain_nodes[reader.name].write_plain(s, subject, term, lines)
                    if reader.property and term:  # the value also sits on the row's own node
                        lines.append(s + reader.predicate_part + term + " .\n")
                else:
                    self._emit(
                        reader, s, subject, values, resolved.get(reader.name), texts, refs, lines
                    )
            if self.activity and texts.get(self.activity):
                candidate = self.run.activity_lines(subject, texts[self.activity])
                lines.extend(candidate)
                if candidate and self.coverage is not None:  # the share load reports
                    coverage = self.coverage
                    coverage["candidate_kelompok"] = coverage.get("candidate_kelompok", 0) + 1
        except _RowProblem:
            if key is not None:
                self.failed[key] = number
            raise
        if key is not None:
            self.ids[key] = (subject, number)
        self.subjects[subject] = number
        if notes.corrections:
            lines.extend(self._corrections(subject, number, cells, notes.corrections))
        self.run.emitted_nodes |= self.run.pending_nodes
        self.run.unresolved.extend(notes.unresolved)
        self.run.dropped.extend(notes.dropped)
        self._count_coverage(parsed)
        return lines

    def _count_coverage(self, parsed: dict[str, list[tuple[str, str | None]]]) -> None:
        """Count the row in the shares ``load`` reports: a region at kecamatan level or
        below, an activity concept (a KBLI value)."""
        coverage = self.coverage
        if coverage is None:
            return
        coverage["rows"] += 1
        if any(
            term is None and text.count(".") >= 2  # a resolved code, not a name kept as written
            for name in self.region_columns
            for text, term in parsed.get(name, ())
        ):
            coverage["region_kecamatan"] += 1
        if any(parsed.get(name) for name in self.kbli_columns):
            coverage["activity_concept"] += 1

    def _corrections(self, subject: str, number: int, cells: list, corrections: list) -> list[str]:
        """A ``umkm:Correction`` node per region linked elsewhere than the row wrote, and
        the note ``load`` reports."""
        lines = []
        for reader, corrected in corrections:
            scope = next(r for r in self.placed if r.name == reader.scope_column)
            written = f"{scope.name}: {cells[scope.index]}; {reader.name}: {cells[reader.index]}"
            note = Rejection(self.label, number, reader.name, corrected.reason)
            self.run.corrections.append(note)
            node = nt.iri(f"{subject}/correction/{slug(reader.name)}")
            source = f"loaders/{self.run.layout.name}.toml, column {reader.name}: also_within"
            lines += [
                f"{nt.iri(subject)} {_CORRECTION} {node} .\n",
                f"{node} {_RDF_TYPE} {_CORRECTION_CLASS} .\n",
                f"{node} {_WRITTEN} {nt.literal(written)} .\n",
                f"{node} {_COMMENT} {nt.literal(corrected.reason, None, 'en')} .\n",
                f"{node} {_SOURCE} {nt.literal(source)} .\n",
            ]
        return lines

    def _cell(self, reader, raw, number, texts, problems, notes) -> _Cell | None:  # noqa: ANN001, PLR0913
        """Read one cell: (text, values, line tail of a single literal); ``None`` when it is
        empty or wrong (the problem is added to ``problems``)."""
        if type(raw) is str:
            text = raw.strip()
            if text and not reader.simple:  # ColumnReader.text, inlined for text cells
                if len(text) <= reader.null_length and text.lower() in reader.nulls:
                    text = ""
                elif reader.rename:
                    text = reader.rename.get(header_key(text), text)
        else:
            text = reader.text(raw)
        if not text:
            text = reader.default
            if not text:
                if reader.required:
                    problems.append(_empty(reader))
                return None
        items: list[UnresolvedValue] = []
        try:
            if reader.scope_column:
                values = [reader.read_in_scope(text, texts.get(reader.scope_column))]
            elif reader.split is None and type(raw) is str:
                values = [reader.read(text)]
            else:
                values = reader.values(text, raw, items)
        except RegionCorrected as corrected:
            notes.corrections.append((reader, corrected))
            return corrected.code, [(corrected.code, None)], None
        except UnresolvedValue as problem:
            if not reader.unresolved:
                return self._bad_cell(reader, number, problem, problems, notes)
            items.append(problem)
            values = [(text, nt.literal(text))]  # kept as written, under unresolved_property
        except ValueProblem as problem:
            return self._bad_cell(reader, number, problem, problems, notes)
        for problem in items:
            hint = f" ({problem.hint})" if problem.hint else ""
            notes.unresolved.append(
                Rejection(self.label, number, reader.name, problem.reason + hint)
            )
        if items:
            return text, values, None
        if len(values) != 1:
            return text, values, None
        term = values[0][1]
        if reader.mode == LITERAL and term is not None:
            return values[0][0], values, reader.predicate_part + term + " .\n"
        return values[0][0], values, None

    def _bad_cell(self, reader, number, problem, problems, notes) -> None:  # noqa: ANN001, PLR0913
        """A value that cannot be read: the row's problem, or (``bad_optional_cell =
        "drop_cell"``, an optional column) the cell is left out with a note."""
        if self.run.drop_bad_optional and not reader.required:
            hint = f" ({problem.hint})" if problem.hint else ""
            reason = f"{problem.reason}{hint}; the cell is left out, the row loads"
            notes.dropped.append(Rejection(self.label, number, reader.name, reason))
        else:
            problems.append(_RowProblem(reader.name, problem.reason, problem.hint))

    def mark_failed(self, number: int, cells: list) -> None:
        """Remember the id of a row that failed, so rows referring to it are not blamed too."""
        key = next((r for r in self.placed if r.name == self.table.key), None)
        if key is not None:
            text = key.text(cells[key.index])
            if text:
                self.failed.setdefault(text, number)

    def _resolve(self, reader: ColumnReader, values: list) -> list[str | None] | None:
        targets: list[str | None] = []
        tables = reader.column.tables
        for text, _ in values:
            if len(tables) == 1:
                found = self.run.ids.get(tables[0], {}).get(text)
                if found:
                    targets.append(found[0])
                    continue
            hits = [self.run.ids[t][text][0] for t in tables if text in self.run.ids.get(t, {})]
            if len(hits) > 1:
                raise _RowProblem(
                    reader.name,
                    f"id '{excerpt(text)}' names rows of several tables ({', '.join(tables)})",
                    "make the ids unique across those files",
                )
            if hits:
                targets.append(hits[0])
                continue
            if any(t in self.run.unreadable for t in tables):
                return None  # that file's own error says what is wrong
            failed = [t for t in tables if text in self.run.failed.get(t, {})]
            if failed:
                if self.run.reject:
                    raise _RowProblem(
                        reader.name,
                        f"refers to {failed[0]} '{excerpt(text)}', which was rejected "
                        f"(row {self.run.failed[failed[0]][text]})",
                    )
                return None  # under 'fail', that row already reported its error
            if reader.unresolved:
                targets.append(None)
                continue
            files = " or ".join(self.run.layout.table(t).file for t in tables)
            raise _RowProblem(
                reader.name,
                f"unknown id '{excerpt(text)}': no such row in {files}",
                f"add the row to {files}, or correct the id",
            )
        return targets

    def _emit(self, reader, s, subject, values, targets, texts, refs, lines) -> None:  # noqa: ANN001, PLR0913
        mode = reader.mode
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
                rendered = self._object(reader, text, texts, refs, lines)
                term = nt.iri(rendered)
            elif term is not None and term[0] == "<":
                self._fixed_node(term, lines)
            if mode == NODE:
                self.extra += self.nodes[reader.name].write(
                    s, subject, text, term, texts, refs, lines
                )
                if reader.property and term:  # the value also sits on the row's own node
                    lines.append(f"{s} {reader.property} {term} .\n")
            elif reader.property:
                predicate = reader.property
                if reader.unresolved and term[0] == '"':  # a value kept as written
                    predicate = reader.unresolved
                if reader.inverse:
                    lines.append(f"{term} {predicate} {s} .\n")
                else:
                    lines.append(f"{s} {predicate} {term} .\n")

    def _fixed_node(self, term: str, lines: list[str]) -> None:
        """Write the layout's description of the node ``term`` the first time it is used."""
        run = self.run
        iri = term[1:-1]
        if iri in run.fixed_nodes and iri not in run.emitted_nodes | run.pending_nodes:
            run.pending_nodes.add(iri)
            lines.extend(run.fixed_nodes[iri])

    def _object_tail(self, reader: ColumnReader, text: str, texts, refs, lines: list) -> str:  # noqa: ANN001
        """``" <property> <object> .\n"`` of a code or region value (see :meth:`_object`)."""
        key = (text, *[texts.get(name) for name in reader.object_variables])
        known = self.object_lines[reader]
        hit = known.get(key)
        if hit is None:
            rendered = self._object(reader, text, texts, refs, lines)
            hit = rendered, f" {reader.property} {nt.iri(rendered)} .\n"
            if len(known) < _CACHE_SIZE:
                known[key] = hit
        elif reader.vocabulary and hit[0] not in self.run.emitted_nodes:
            self._vocabulary(reader, hit[0], lines)  # as _object does
        return hit[1]

    def _object(self, reader: ColumnReader, text: str, texts, refs, lines: list[str]) -> str:  # noqa: ANN001
        """The IRI a code or region value points to (cached: the same codes recur)."""
        key = (text, *[texts.get(name) for name in reader.object_variables])
        rendered = reader.object_cache.get(key)
        if rendered is None:
            local = {**texts, "value": text}
            rendered = first_rendered(reader.objects, local, refs)
            if rendered is None:
                empty = reader.objects[0].missing(local, refs)
                raise _RowProblem(
                    reader.name,
                    f"{reader.name} '{excerpt(text)}' needs {', '.join(empty)}: "
                    f"column '{empty[0]}' "
                    f"is empty and layout '{self.run.layout.name}' gives no default",
                    f"fill '{empty[0]}'",
                )
            if len(reader.object_cache) < _CACHE_SIZE:
                reader.object_cache[key] = rendered
        if reader.vocabulary and rendered not in self.run.emitted_nodes:
            self._vocabulary(reader, rendered, lines)
        return rendered

    def _vocabulary(self, reader: ColumnReader, rendered: str, lines: list[str]) -> None:
        run = self.run
        if rendered in run.emitted_nodes or rendered in run.pending_nodes:
            return
        local = rendered.removeprefix(str(ID))
        try:
            if reader.vocabulary == "region":
                code = local.removeprefix("region/")
                nodes = region_nodes(code)
                if not nodes:
                    raise ValueProblem(
                        f"unknown region code '{code}'",
                        "use a Kemendagri 2025 code (umkm-kg region NAME finds it)",
                    )
            else:
                version, code = local.removeprefix("kbli/").split("/", 1)
                check_kbli(version, code)
                nodes = kbli_nodes(version, code)
        except ValueProblem as problem:
            raise _RowProblem(reader.name, problem.reason, problem.hint) from None
        for iri, node_lines in nodes.items():
            if iri not in run.emitted_nodes and iri not in run.pending_nodes:
                run.pending_nodes.add(iri)
                lines.extend(node_lines)


@dataclass
class _RowNotes:
    """What reading one row's cells noted besides its values."""

    unresolved: list[Rejection] = field(default_factory=list)
    dropped: list[Rejection] = field(default_factory=list)
    corrections: list[tuple[ColumnReader, RegionCorrected]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.unresolved) + len(self.dropped) + len(self.corrections)


def expand_node_iri(template: str) -> str:
    """The full IRI of a layout's fixed node (``institution/x`` is relative to ``id:``)."""
    rendered = Template(template).render({}, {})
    if rendered is None:
        raise UmkmKgError(f"the fixed node '{template}' must not hold {{variables}}")
    return rendered


def _fixed_lines(node: FixedNode) -> list[str]:
    """The N-Triples of a layout's fixed node."""
    n = nt.iri(expand_node_iri(node.iri))
    lines = [f"{n} {_RDF_TYPE} {nt.iri(expand(kind))} .\n" for kind in node.types]
    for lang in ("id", "en"):
        text = getattr(node.label, lang)
        if text:
            lines.append(f"{n} {_LABEL} {nt.literal(text, None, lang)} .\n")
    lines += [f"{n} {p} {o} .\n" for p, o in map(_constant, node.constants)]
    return lines


def _head(types: list[str], constants: list) -> list[str]:
    """The fixed lines of a node, as the separators of ``node.join(head)``: "" first, then
    each line without its subject (so the join writes the subject before every line)."""
    return [
        "",
        *(f" {_RDF_TYPE} {nt.iri(expand(t))} .\n" for t in types),
        *(f" {p} {o} .\n" for p, o in (_constant(c) for c in constants)),
    ]


def _used_names(table: Table, readers: list[ColumnReader]) -> set[str]:
    """Columns whose text something else reads: the key, IRI templates, region scopes."""
    templates = [*table.iri, *(t for r in readers for t in r.column.object)]
    templates += [t for r in readers if r.column.node for t in r.column.node.iri]
    used = {v for t in templates for v in Template(t).variables}
    used |= {r.scope_column for r in readers if r.scope_column}
    used |= {r.name for r in readers if r.column.activity_candidates}
    return used | ({table.key} if table.key else set())


def _empty(reader: ColumnReader) -> _RowProblem:
    return _RowProblem(
        reader.name, f"'{reader.name}' is empty", "this column needs a value in every row"
    )


class _NodeWriter:
    """Writes the child node a cell value becomes (identifier, equipment, observation)."""

    def __init__(self, reader: ColumnReader) -> None:
        spec = reader.column.node
        self.reader = reader
        self.iri = tuple(Template(t) for t in spec.iri)
        self.link = nt.iri(expand(spec.link))
        self.head = _head(spec.types, spec.constants)
        self.value = nt.iri(expand(spec.value)) if spec.value else None
        self.parts = {
            group: (nt.iri(expand(part.property)), part) for group, part in spec.parts.items()
        }
        # "{subject}/observation/x" (the usual case) needs no template at all
        only = spec.iri[0] if len(spec.iri) == 1 else ""
        tail = only.removeprefix("{subject}")
        self.suffix = tail if only.startswith("{subject}") and "{" not in tail else None
        own = {"subject", "value", *self.parts}
        # The row's other columns are copied into the template's variables only when needed.
        self.needs_row = any(v not in own for t in self.iri for v in t.variables)
        # named by a fixed suffix of the row's node, no parts to split the value into
        self.plain = self.suffix is not None and not reader.item_pattern and not self.parts
        self.link_part = f" {self.link} "
        self.value_part = f" {self.value} " if self.value else ""
        self.inverse = spec.inverse

    def write_plain(self, s: str, subject: str, term: str | None, lines: list[str]) -> int:
        """:meth:`write` for a :attr:`plain` node: the same lines, built in one piece."""
        n = "<" + subject + self.suffix + ">"
        link = f"{n}{self.link_part}{s} .\n" if self.inverse else f"{s}{self.link_part}{n} .\n"
        if self.value and term:
            lines.append(f"{link}{n.join(self.head)}{n}{self.value_part}{term} .\n")
            return len(self.head)
        lines.append(f"{link}{n.join(self.head)}")
        return len(self.head) - 1

    def write(self, s, subject, text, term, texts, refs, lines) -> int:  # noqa: ANN001, PLR0913
        """Append the node's lines; returns how many more triples than entries it appended."""
        reader = self.reader
        groups: dict[str, str] = {}
        if reader.item_pattern:
            match = reader.item_pattern.fullmatch(text)
            if not match:
                raise _RowProblem(
                    reader.name,
                    f"'{excerpt(text)}' does not have the expected form",
                    f"expected {reader.column.item_pattern}"
                    + (f", e.g. {reader.column.example}" if reader.column.example else ""),
                )
            groups = {k: v.strip() for k, v in match.groupdict().items() if v}
        if self.suffix is not None:
            node = subject + self.suffix
        else:
            local = {"value": text, "subject": subject, **groups}
            if self.needs_row:
                local = {**texts, **local}
            node = first_rendered(self.iri, local, refs)
            if node is None:
                return 0
        n = nt.iri(node)
        link = f"{n} {self.link} {s} .\n" if self.inverse else f"{s} {self.link} {n} .\n"
        lines.append(f"{link}{n.join(self.head)}")
        if self.value and term:
            kept = reader.unresolved and term[0] == '"'  # a value kept as written
            lines.append(f"{n} {reader.unresolved if kept else self.value} {term} .\n")
        for group, (predicate, part) in self.parts.items():
            if group in groups:
                lines.append(f"{n} {predicate} {self._part(groups[group], part)} .\n")
        return len(self.head) - 1  # the link and the fixed lines are one entry

    def _part(self, text: str, part) -> str:  # noqa: ANN001
        datatype = expand(part.datatype) if part.datatype else DATATYPES.get(part.type)
        try:
            if part.type in ("integer", "decimal", "money"):
                style = "auto"
                value = (
                    parse_money(text, style) if part.type == "money" else parse_number(text, style)
                )
                return nt.literal(decimal_lexical(value), datatype)
            if part.type == "year":
                return nt.literal(f"{parse_year(text):04d}", datatype)
        except ValueProblem as problem:
            raise _RowProblem(self.reader.name, problem.reason, problem.hint) from None
        return nt.literal(text, datatype, part.lang)
