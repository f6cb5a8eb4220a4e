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
from pathlib import Path

from umkm_kg.classify import FIGURE_FIELDS, Figures
from umkm_kg.errors import DataError, UmkmKgError
from umkm_kg.loading.columns import ColumnReader
from umkm_kg.loading.engine import _locate_tables  # the loader's own way of finding tables
from umkm_kg.loading.layout import Column, Layout, Table, get_layout, header_key
from umkm_kg.loading.templates import Template, expand, first_rendered
from umkm_kg.loading.values import ValueProblem
from umkm_kg.namespaces import UMKM

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


@dataclass
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


def read_firms(path: str | Path, mapping: str | Path = "template") -> Iterator[Firm]:
    """Stream the firms of one source (a CSV file, a folder or a workbook) in its layout."""
    layout = get_layout(mapping)
    roles = _roles(layout)
    source = Path(path)
    if not source.exists():
        raise UmkmKgError(f"{source}: no such file or folder")
    openers, _ = _locate_tables(source, layout)
    parents: dict[str, str] = {}
    if roles.parent is not None:
        parent_table = layout.table(roles.parent.tables[0])
        if parent_table.name in openers:
            parents = _parent_regions(layout, parent_table, openers[parent_table.name]())
    if roles.table.name not in openers:
        raise UmkmKgError(f"{source}: no '{roles.table.file}' (the firms of '{layout.name}')")
    yield from _firms(layout, roles, openers[roles.table.name](), parents)


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


def _parent_regions(layout: Layout, table: Table, sheet) -> dict[str, str]:  # noqa: ANN001
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


def _firms(layout: Layout, roles: _Roles, sheet, parents: dict[str, str]) -> Iterator[Firm]:  # noqa: ANN001
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
    iris = tuple(Template(t) for t in roles.table.iri)
    key_name = roles.key.name if roles.key else ""
    for number, cells in sheet.rows:
        if not any(str(c).strip() for c in cells):
            continue
        firm = Firm(read.text(roles.key, cells) or f"row-{number}", sheet.label, number)
        firm.name = read.text(roles.name, cells)
        firm.text = read.text(roles.text, cells)
        firm.region = read.region(placed, cells)
        if firm.region is None and roles.parent is not None:
            firm.region = parents.get(read.text(roles.parent, cells))
        firm.kbli = read.text(roles.kbli, cells) or None
        if firm.kbli:
            firm.kbli_version = read.text(roles.version, cells) or _version(roles.kbli)
        firm.figures = read.figures(roles.figures, cells)
        firm.band = read.choice(roles.band, cells)
        firm.iri = first_rendered(iris, {key_name: firm.id}, {})
        yield firm


def _version(column: Column) -> str | None:
    for template in column.object:
        for part in template.split("/"):
            if part.isdigit() and len(part) == 4:
                return part
    return None


class _CellReader:
    """Reads the cells discovery needs, caching the values that recur (regions, codes)."""

    def __init__(self, readers: dict[str, ColumnReader]) -> None:
        self.readers = readers
        self.regions: dict[tuple, str | None] = {}

    def text(self, column: Column | None, cells: list) -> str:
        reader = self.readers.get(column.name) if column else None
        if reader is None:
            return column.default or "" if column else ""
        text = reader.text(cells[reader.index]) if reader.index < len(cells) else ""
        return text or reader.default

    def choice(self, column: Column | None, cells: list) -> str | None:
        text = self.text(column, cells)
        if not text:
            return None
        key = text.strip().lower().replace(" ", "_")
        iri = column.choices.get(key)
        return iri.rsplit(":", 1)[-1].rsplit("/", 1)[-1] if iri else None

    def region(self, columns: list[Column], cells: list) -> str | None:
        texts = tuple(self.text(c, cells) for c in columns)
        if texts not in self.regions:
            self.regions[texts] = self._region(columns, texts)
        return self.regions[texts]

    def _region(self, columns: list[Column], texts: tuple[str, ...]) -> str | None:
        codes: dict[str, str] = {}
        deepest = None
        for column, text in zip(columns, texts, strict=True):
            if not text:
                continue
            reader = self.readers[column.name]
            try:
                if reader.scope_column:
                    code = reader.read_in_scope(text, codes.get(reader.scope_column))[0]
                else:
                    code = reader.read(text)[0]
            except ValueProblem:
                continue
            codes[column.name] = code
            if deepest is None or code.count(".") > deepest.count("."):
                deepest = code
        return deepest

    def figures(self, columns: tuple[tuple[Column, str], ...], cells: list) -> Figures:
        values: dict[str, Decimal | int] = {}
        for column, name in columns:
            text = self.text(column, cells)
            if not text:
                continue
            try:
                lexical = self.readers[column.name].read(text)[0]
            except (ValueProblem, KeyError):
                continue
            number = Decimal(lexical)
            values[name] = int(number) if name == "workers" else number
        return Figures(**values)
