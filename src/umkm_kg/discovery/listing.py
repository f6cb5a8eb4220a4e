"""Firms of a listing, streamed row by row through a source layout (no RDF, no store).

The layout says which table holds the firms (``types`` with ``umkm:Enterprise``) and what each
column means through the property it writes: ``dcterms:identifier`` (the firm's id),
``rdfs:label`` (its name), ``umkm:locatedIn`` (its region; a template firm takes its sentra's),
``rov:orgActivity`` (a KBLI code), the free-text activity (the ``activity_candidates`` column,
else ``dcterms:description``), the size figures (``umkm:annualSalesIDR``, ``umkm:workers`` ...)
with the year their ``node`` states, and ``umkm:reportedSizeClass``. A cell that cannot be read
is left unknown, never guessed; what cannot be read at all (file, header) is a ``DataError``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from rapidfuzz import fuzz, process

from umkm_kg.classify import FIGURE_FIELDS, Figures
from umkm_kg.errors import DataError, UmkmKgError
from umkm_kg.loading.columns import ColumnReader
from umkm_kg.loading.layout import Column, Layout, Table, get_layout, header_key
from umkm_kg.loading.locate import locate_tables  # the loader's own way of finding tables
from umkm_kg.loading.templates import Template, expand, first_rendered
from umkm_kg.loading.values import ValueProblem
from umkm_kg.loading.vocabularies import resolve_region
from umkm_kg.namespaces import UMKM
from umkm_kg.reference import children, name_key, split_type_word

_FIRM_TYPE = str(UMKM.Enterprise)
_P = {
    "id": "http://purl.org/dc/terms/identifier",
    "name": "http://www.w3.org/2000/01/rdf-schema#label",
    "region": str(UMKM.locatedIn),
    "kbli": "http://www.w3.org/ns/regorg#orgActivity",
    "text": "http://purl.org/dc/terms/description",
    "band": str(UMKM.reportedSizeClass),
}
_FIGURES = {str(iri): name for iri, name in FIGURE_FIELDS.items()}
_YEAR = str(UMKM.referenceYear)
_TYPO_CUTOFF, _TYPO_MARGIN = 85, 5  # rapidfuzz ratio of a typo, and its lead on the next
_MISSING = object()


@dataclass(slots=True)
class Firm:
    """One listed firm as discovery needs it (unknown values are None)."""

    id: str
    file: str
    row: int
    name: str = ""
    region: str | None = None  # the deepest Kemendagri code the row gives
    kbli: str | None = None
    kbli_version: str | None = None
    text: str = ""
    figures: Figures = field(default_factory=Figures)
    band: str | None = None  # the source's own size class key (micro ... large)
    iri: str | None = None  # the firm's node as the loader names it, when the id alone does


@dataclass(frozen=True)
class _Roles:
    """The columns of the firm table, by what they mean."""

    table: Table
    key: Column | None
    name: Column | None
    regions: tuple[Column, ...]
    kbli: Column | None
    version: Column | None
    text: Column | None
    figures: tuple[tuple[Column, str], ...]
    band: Column | None
    parent: Column | None  # a ref to a table whose rows carry the region (template: sentra)
    year: int | None


def listing_date(mapping: str | Path) -> datetime.date | None:
    """The date the listing's size figures describe: the end of their reference year."""
    roles = _roles(get_layout(mapping))
    return datetime.date(roles.year, 12, 31) if roles.year else None


def read_firms(
    path: str | Path, mapping: str | Path = "template", *, iris: bool = False
) -> Iterator[Firm]:
    """Stream the firms of one source (a CSV file, a folder or a workbook) in its layout;
    ``iris``: also name each firm's node as the loader does (``Firm.iri``)."""
    layout = get_layout(mapping)
    roles = _roles(layout)
    source = Path(path)
    if not source.exists():
        raise UmkmKgError(f"{source}: no such file or folder")
    openers, _ = locate_tables(source, layout)
    parents: dict[str, str] = {}
    if roles.parent is not None:
        parent_table = layout.table(roles.parent.tables[0])
        if parent_table.name in openers:
            parents = _parent_regions(layout, parent_table, openers[parent_table.name]())
    if roles.table.name not in openers:
        raise UmkmKgError(f"{source}: no '{roles.table.file}' (the firms of '{layout.name}')")
    yield from _firms(layout, roles, openers[roles.table.name](), parents, iris)


def _roles(layout: Layout) -> _Roles:
    table = next((t for t in layout.tables if _FIRM_TYPE in map(expand, t.types)), None)
    if table is None:
        raise UmkmKgError(f"layout '{layout.name}' has no table of firms (umkm:Enterprise)")
    by_property: dict[str, list[Column]] = {}
    for column in table.columns:
        if column.property:
            by_property.setdefault(expand(column.property), []).append(column)
    first = {key: (by_property.get(iri) or [None])[0] for key, iri in _P.items()}
    text = next((c for c in table.columns if c.activity_candidates), first["text"])
    key = next((c for c in table.columns if c.name == table.key), first["id"])
    regions = tuple(c for c in by_property.get(_P["region"], []) if c.type == "region")
    parent = next((c for c in table.columns if c.type == "ref" and c.required), None)
    kbli = first["kbli"]
    version = None
    if kbli is not None and any("{kbli_version}" in t for t in kbli.object):
        version = next((c for c in table.columns if c.name == "kbli_version"), None)
    figures = tuple(
        (c, _FIGURES[expand(c.property)])
        for c in table.columns
        if c.property and expand(c.property) in _FIGURES
    )
    years = [
        int(k.value)
        for c, _ in figures
        if c.node
        for k in c.node.constants
        if expand(k.property) == _YEAR and k.value
    ]
    if not regions and parent is None:
        raise UmkmKgError(
            f"layout '{layout.name}': table '{table.name}' has no region column "
            "(umkm:locatedIn): discovery groups firms by region"
        )
    return _Roles(
        table, key, first["name"], regions, kbli, version, text, figures, first["band"],
        None if regions else parent, max(years) if years else None,
    )  # fmt: skip


def _positions(table: Table, header: list[str]) -> dict[str, int]:
    names = {header_key(n): c.name for c in table.columns for n in (c.name, *c.aliases)}
    return {
        names[header_key(cell)]: i for i, cell in enumerate(header) if header_key(cell) in names
    }


def _parent_regions(layout: Layout, table: Table, sheet) -> dict[str, str]:
    """id -> region code of the rows the firms refer to (the template's sentra)."""
    positions = _positions(table, sheet.header)
    region = next((c for c in table.columns if c.type == "region"), None)
    if region is None or table.key is None or region.name not in positions:
        return {}
    reader = ColumnReader(region, positions[region.name], layout)
    found: dict[str, str] = {}
    for _, cells in sheet.rows:
        key = _cell(cells, positions.get(table.key))
        text = reader.text(_cell(cells, positions[region.name]))
        if key and text:
            try:
                found[key] = reader.read(text)[0]
            except ValueProblem:
                continue
    return found


def _cell(cells: list, index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    value = cells[index]
    return value.strip() if isinstance(value, str) else str(value)


def _firms(
    layout: Layout, roles: _Roles, sheet, parents: dict[str, str], iris: bool
) -> Iterator[Firm]:
    positions = _positions(roles.table, sheet.header)
    placed = [c for c in roles.regions if c.name in positions]
    if roles.regions and not placed:
        names = ", ".join(c.name for c in roles.regions)
        raise DataError(
            f"the listing has no region column ({names})",
            file=sheet.label,
            row=1,
            column=roles.regions[0].name,
            hint="discovery groups firms by region: add the column to the header row",
        )
    readers = {
        c.name: ColumnReader(c, positions[c.name], layout)
        for c in (roles.key, roles.name, roles.kbli, roles.version, roles.text, roles.band,
                  roles.parent, *placed, *(c for c, _ in roles.figures))
        if c is not None and c.name in positions
    }  # fmt: skip
    read = _CellReader(readers)
    key, name, text = read.plain(roles.key), read.plain(roles.name), read.cached(roles.text)
    kbli, version, parent = (
        read.cached(roles.kbli),
        read.cached(roles.version),
        read.plain(roles.parent),
    )
    band = read.cached(roles.band, lambda t: _choice(roles.band, t))
    region = read.region(placed)
    figures = read.figures(roles.figures)
    templates = tuple(Template(t) for t in roles.table.iri) if iris else ()
    key_name = roles.key.name if roles.key else ""
    default_version = _version(roles.kbli) if roles.kbli else None
    for number, cells in sheet.rows:
        if not any(cells):
            continue
        firm = Firm(key(cells) or f"row-{number}", sheet.label, number, name(cells))
        firm.text = text(cells)
        firm.region = region(cells)
        if firm.region is None and roles.parent is not None:
            firm.region = parents.get(parent(cells))
        firm.kbli = kbli(cells) or None
        if firm.kbli:
            firm.kbli_version = version(cells) or default_version
        firm.figures = figures(cells)
        firm.band = band(cells)
        if templates:
            firm.iri = first_rendered(templates, {key_name: firm.id}, {})
        yield firm


@lru_cache(maxsize=4096)
def _names_in(scope: str) -> tuple[dict[str, str], list[str]]:
    """Name key -> code of the regions directly below ``scope``, and the keys."""
    found = {name_key(r.name): r.code for r in children(scope)}
    return found, list(found)


def _in_scope(text: str, scope: str, level: int | None) -> str | None:
    """A region named inside ``scope`` (a kecamatan in its kab/kota). Fast paths first: a code
    inside the scope, one of the scope's names (with or without a type word such as "Kec."),
    a typo of exactly one of them (rapidfuzz ratio >= 85, 5 points ahead of the next); then
    the loader's own look-up (``resolve_region``); None when nothing matches."""
    if text[:2].isdigit():
        return text if text.startswith(scope + ".") else None
    names, keys = _names_in(scope)
    key = name_key(split_type_word(text)[1])
    if key in names:
        return names[key]
    best = process.extract(key, keys, scorer=fuzz.ratio, limit=2, score_cutoff=_TYPO_CUTOFF)
    if best and (len(best) == 1 or best[0][1] - best[1][1] >= _TYPO_MARGIN):
        return names[best[0][0]]
    try:
        return resolve_region(text, scope, level)
    except ValueProblem:
        return None


def _choice(column: Column, text: str) -> str | None:
    """The size class key (micro ... large) a choice column's value names."""
    iri = column.choices.get(text.strip().lower().replace(" ", "_")) if text else None
    return iri.rsplit(":", 1)[-1].rsplit("/", 1)[-1] if iri else None


def _version(column: Column) -> str | None:
    for template in column.object:
        for part in template.split("/"):
            if part.isdigit() and len(part) == len("2020"):  # a KBLI version: a year
                return part
    return None


class _CellReader:
    """Functions reading one field of a row; values that recur (regions, codes, activity
    texts, bands) are read once per distinct cell text."""

    def __init__(self, readers: dict[str, ColumnReader]) -> None:
        self.readers = readers

    def _text(self, column: Column | None):
        reader = self.readers.get(column.name) if column else None
        default = (column.default or "") if column else ""
        if reader is None:
            return lambda cells: default
        index = reader.index

        def text(cells: list) -> str:
            raw = cells[index] if index < len(cells) else ""
            return reader.text(raw) or reader.default if raw else reader.default

        return text

    def plain(self, column: Column | None):
        """The cell's text (stripped, nulls emptied, renamed), for values that do not recur."""
        reader = self.readers.get(column.name) if column else None
        if reader is None or reader.rename or reader.default:
            return self._text(column)
        index, nulls, longest = reader.index, reader.nulls, reader.null_length

        def text(cells: list) -> str:
            raw = cells[index] if index < len(cells) else ""
            if type(raw) is not str:
                return reader.text(raw)
            raw = raw.strip()
            return "" if len(raw) <= longest and raw.lower() in nulls else raw

        return text

    def cached(self, column: Column | None, then=None):
        """The cell's text (or ``then(text)``), read once per distinct raw cell."""
        text = self._text(column)
        reader = self.readers.get(column.name) if column else None
        if reader is None:
            value = then(text([])) if then else text([])
            return lambda cells: value
        index, seen = reader.index, {}

        def read(cells: list):
            raw = cells[index] if index < len(cells) else ""
            if raw not in seen:
                found = text(cells)
                seen[raw] = then(found) if then else found
            return seen[raw]

        return read

    def region(self, columns: list[Column]):
        """The deepest region code the row's region cells resolve to (None: none)."""
        indexes = [self.readers[c.name].index for c in columns]
        if not indexes:  # the firms take their region from another table (template: sentra)
            return lambda cells: None
        texts = [self._text(c) for c in columns]
        seen: dict[object, str | None] = {}
        cells_of = itemgetter(*indexes)  # one index: the cell; several: their tuple

        def read(cells: list) -> str | None:
            try:
                raw = cells_of(cells)
            except IndexError:  # a short row
                raw = tuple(cells[i] if i < len(cells) else "" for i in indexes)
            found = seen.get(raw, _MISSING)
            if found is _MISSING:
                found = seen[raw] = self._region(columns, tuple(t(cells) for t in texts))
            return found

        return read

    def _region(self, columns: list[Column], texts: tuple[str, ...]) -> str | None:
        codes: dict[str, str] = {}
        deepest = None
        for column, text in zip(columns, texts, strict=True):
            if not text:
                continue
            reader = self.readers[column.name]
            scope = codes.get(reader.scope_column) if reader.scope_column else None
            try:
                if scope:
                    code = _in_scope(text, scope, column.level)
                elif reader.scope_column:
                    continue
                else:
                    code = reader.read(text)[0]
            except ValueProblem:
                continue
            if code is None:
                continue
            codes[column.name] = code
            if deepest is None or code.count(".") > deepest.count("."):
                deepest = code
        return deepest

    def figures(self, columns: tuple[tuple[Column, str], ...]):
        """The size figures of the row; a cell that is not a number stays unknown."""
        fields = [
            (self.readers[c.name].index, self.readers[c.name], name)
            for c, name in columns
            if c.name in self.readers
        ]

        def read(cells: list) -> Figures:
            values: dict[str, Decimal | int] = {}
            for index, reader, name in fields:
                raw = cells[index] if index < len(cells) else ""
                if type(raw) is str and raw.isdigit() and raw.isascii():
                    values[name] = int(raw)
                    continue
                text = reader.text(raw) if raw != "" else ""
                if not text:
                    continue
                try:
                    number = Decimal(reader.read(text)[0])
                except ValueProblem:
                    continue
                values[name] = int(number) if name == "workers" else number
            return Figures(**values)

        return read
