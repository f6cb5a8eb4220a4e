"""An aggregate statistics table -> N-Triples of W3C RDF Data Cube observations.

Each observation: ``qb:dataSet``, ``umkm:refArea`` (a Kemendagri region), ``umkm:refYear``, the
mapping's other dimensions, the measure (typed) and ``umkm:unitMeasure``. The data set carries
its title, source and structure (``qb:DataStructureDefinition`` with one component per
dimension, measure and the unit attribute). Any bad cell (a missing year, a count that is not a
number, an ambiguous decimal, an unknown region) is a ``DataError`` naming file, row and
column, and nothing is written.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from umkm_kg.cube.mapping import CubeMapping
from umkm_kg.errors import DataError, DataErrors
from umkm_kg.iris import slug
from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.templates import expand
from umkm_kg.loading.values import ValueProblem, decimal_lexical, parse_number, parse_year
from umkm_kg.loading.vocabularies import region_nodes, resolve_region
from umkm_kg.namespaces import ID

QB = "http://purl.org/linked-data/cube#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_MAX_ERRORS = 50


@dataclass
class _Cell:
    """One observation read from a table, before it becomes triples."""

    row: int
    region: str
    year: int
    dimensions: tuple[tuple[str, str], ...]
    value: Decimal


def convert_table(path: Path, mapping: CubeMapping) -> tuple[list[str], int]:
    """The N-Triples lines of ``path`` read with ``mapping``, and the observation count."""
    cells = list(_read(path, mapping))
    dataset = str(ID[f"cube/{mapping.dataset}"])
    lines = _dataset_lines(mapping, dataset)
    regions: set[str] = set()
    for cell in cells:
        parts = [cell.region, str(cell.year), *(slug(v) for _, v in cell.dimensions)]
        obs = nt.iri(f"{dataset}/{'/'.join(parts)}")
        lines += [
            f"{obs} {nt.iri(_RDF_TYPE)} {nt.iri(QB + 'Observation')} .\n",
            f"{obs} {nt.iri(QB + 'dataSet')} {nt.iri(dataset)} .\n",
            f"{obs} {_p('umkm:refArea')} {nt.iri(str(ID[f'region/{cell.region}']))} .\n",
            f"{obs} {_p('umkm:refYear')} {nt.literal(f'{cell.year:04d}', nt.XSD + 'gYear')} .\n",
            f"{obs} {_p(mapping.measure.property)} {_value(cell.value, mapping)} .\n",
            f"{obs} {_p('umkm:unitMeasure')} {nt.literal(mapping.measure.unit)} .\n",
        ]
        lines += [f"{obs} {_p(prop)} {nt.literal(value)} .\n" for prop, value in cell.dimensions]
        if cell.region not in regions:
            regions.add(cell.region)
            for node_lines in region_nodes(cell.region).values():
                lines += node_lines
    return lines, len(cells)


def _p(prefixed: str) -> str:
    return nt.iri(expand(prefixed))


def _value(value: Decimal, mapping: CubeMapping) -> str:
    if mapping.measure.type == "integer":
        return nt.literal(str(int(value)), nt.XSD + "nonNegativeInteger")
    return nt.literal(decimal_lexical(value), nt.XSD + "decimal")


def _dataset_lines(mapping: CubeMapping, dataset: str) -> list[str]:
    ds, dsd = nt.iri(dataset), nt.iri(dataset + "/structure")
    title = "http://purl.org/dc/terms/title"
    lines = [
        f"{ds} {nt.iri(_RDF_TYPE)} {nt.iri(QB + 'DataSet')} .\n",
        f"{ds} {nt.iri(title)} {nt.literal(mapping.title_id, lang='id')} .\n",
        f"{ds} {nt.iri(title)} {nt.literal(mapping.title_en, lang='en')} .\n",
        f"{ds} {nt.iri('http://purl.org/dc/terms/source')} {nt.literal(mapping.source)} .\n",
        f"{ds} {nt.iri(QB + 'structure')} {dsd} .\n",
        f"{dsd} {nt.iri(_RDF_TYPE)} {nt.iri(QB + 'DataStructureDefinition')} .\n",
    ]
    components = [("dimension", "umkm:refArea"), ("dimension", "umkm:refYear")]
    components += [("dimension", d.property) for d in mapping.dimensions]
    components += [("measure", mapping.measure.property), ("attribute", "umkm:unitMeasure")]
    for order, (kind, prop) in enumerate(components, start=1):
        spec = nt.iri(f"{dataset}/structure/component/{order}")
        lines += [
            f"{dsd} {nt.iri(QB + 'component')} {spec} .\n",
            f"{spec} {nt.iri(QB + kind)} {_p(prop)} .\n",
            f"{spec} {nt.iri(QB + 'order')} {nt.literal(str(order), nt.XSD + 'integer')} .\n",
        ]
    return lines


def _read(path: Path, mapping: CubeMapping) -> list[_Cell]:
    """The observations of a statistics table, each once; the table's problems raised."""
    rows = _table_rows(path, mapping)
    reader: _Reader = (
        _WideRows(mapping, rows) if mapping.wide else _TidyRows(mapping, rows, path.name)
    )
    errors: list[DataError] = []
    cells: list[_Cell] = []
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows[mapping.header_rows :], start=mapping.header_rows + 1):
        if not any(c.strip() for c in row):
            continue
        try:
            cells += _row_cells(reader, number, row, seen)
        except _CellProblem as problem:
            errors.append(
                DataError(problem.reason, file=path.name, row=number, column=problem.column or None,
                          hint=problem.hint)
            )  # fmt: skip
            if len(errors) >= _MAX_ERRORS:
                break
    if errors:
        raise DataErrors(errors)
    return cells


def _table_rows(path: Path, mapping: CubeMapping) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise DataErrors([DataError(f"cannot read the table: {error}", file=path.name)]) from None
    if len(rows) <= mapping.header_rows:
        raise DataErrors([DataError("the table has no data rows", file=path.name)])
    return rows


def _row_cells(reader: _Reader, number: int, row: list[str], seen: dict[tuple, int]) -> list:
    """The observations of one row; one already seen (``seen``: key -> row) is its problem."""
    cells = []
    for cell in reader.cells(number, row):
        key = (cell.region, cell.year, cell.dimensions)
        if key in seen:
            raise _CellProblem(
                "",
                f"the same observation as row {seen[key]} ({', '.join(map(str, key[:2]))})",
                "a table gives one value per region, year and dimension values",
            )
        seen[key] = number
        cells.append(cell)
    return cells


class _CellProblem(Exception):
    def __init__(self, column: str, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.column, self.reason, self.hint = column, reason, hint


class _Reader:
    def __init__(self, mapping: CubeMapping, rows: list[list[str]]) -> None:
        self.mapping = mapping
        self.header = [h.strip() for h in rows[0]]

    def region(self, text: str, column: str) -> str:
        text = text.strip()
        renamed = self.mapping.region_names.get(text.upper())
        if renamed:
            return renamed
        try:
            return resolve_region(text, None, self.mapping.region_level)
        except ValueProblem as problem:
            raise _CellProblem(column, problem.reason, problem.hint) from None

    def number(self, text: str, column: str) -> Decimal | None:
        text = text.strip()
        if text in self.mapping.null_values:
            return None
        try:
            value = parse_number(text, self.mapping.number_style)
        except ValueProblem as problem:
            raise _CellProblem(column, problem.reason, problem.hint) from None
        if self.mapping.measure.type == "integer" and (value < 0 or value != int(value)):
            raise _CellProblem(column, f"'{text}' is not a count", "write a whole number >= 0")
        return value

    def year(self, text: str, column: str) -> int:
        if not text.strip():
            raise _CellProblem(column, "the year is empty", "every observation needs its year")
        try:
            return parse_year(text.strip())
        except ValueProblem as problem:
            raise _CellProblem(column, problem.reason, problem.hint) from None


class _TidyRows(_Reader):
    """One observation per row: region, year, dimension and value columns by name."""

    def __init__(self, mapping: CubeMapping, rows: list[list[str]], label: str) -> None:
        super().__init__(mapping, rows)
        names = [mapping.region, mapping.year, mapping.measure.column]
        names += [d.column for d in mapping.dimensions]
        missing = [n for n in names if n not in self.header]
        if missing:
            raise DataErrors(
                [
                    DataError(f"required column '{n}' is missing", file=label, row=1, column=n)
                    for n in missing
                ]
            )
        self.at = {name: self.header.index(name) for name in names}

    def cells(self, number: int, row: list[str]) -> list[_Cell]:
        m = self.mapping
        get = {name: (row[i] if i < len(row) else "") for name, i in self.at.items()}
        region = self.region(get[m.region], m.region)
        year = self.year(get[m.year], m.year)
        value = self.number(get[m.measure.column], m.measure.column)
        if value is None:
            return []
        dims = tuple(
            (d.property, d.rename.get(get[d.column].strip().upper(), get[d.column].strip()))
            for d in m.dimensions
        )
        return [_Cell(number, region, year, dims, value)]


class _WideRows(_Reader):
    """A wide table: one row per region, one value column per fixed dimension value, the
    year of each value column in header row ``year_row``."""

    def __init__(self, mapping: CubeMapping, rows: list[list[str]]) -> None:
        super().__init__(mapping, rows)
        self.years = rows[mapping.year_row - 1]

    def cells(self, number: int, row: list[str]) -> list[_Cell]:
        m = self.mapping
        index = int(m.region) - 1
        if row[index].strip().upper() in m.skip:
            return []
        region = self.region(row[index], f"column {m.region}")
        found: list[_Cell] = []
        for dimension in m.dimensions:
            for position, value_name in dimension.columns.items():
                column = f"column {position}"
                text = row[position - 1] if position - 1 < len(row) else ""
                year = self.year(
                    self.years[position - 1] if position - 1 < len(self.years) else "", column
                )
                value = self.number(text, column)
                if value is not None:
                    dims = ((dimension.property, value_name),)
                    found.append(_Cell(number, region, year, dims, value))
        return found
