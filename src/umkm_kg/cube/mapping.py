"""Cube mappings (``loaders/cube/*.toml``): how an aggregate statistics table becomes W3C RDF
Data Cube observations. ``loaders/cube/README.md`` documents the keys."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading.values import NUMBER_STYLES
from umkm_kg.resources import resource_dir

MEASURE_TYPES = ("integer", "decimal")


@dataclass(frozen=True)
class Dimension:
    """A dimension beside region and year: read from a column (``column``, values renamed by
    ``rename``) or, in a wide table, fixed per value column (``columns``: 1-based index ->
    value)."""

    property: str
    column: str | None = None
    rename: dict[str, str] = field(default_factory=dict)
    columns: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    """The measured value: its property, column (tidy tables), type and unit."""

    property: str
    type: str
    unit: str
    column: str | None = None


@dataclass(frozen=True)
class CubeMapping:
    """One ``loaders/cube/<name>.toml``."""

    name: str
    title_id: str
    title_en: str
    file: str  # a file name or a glob pattern
    dataset: str
    source: str
    number_style: str
    region: str | int  # a column name (tidy) or a 1-based column index (wide)
    measure: Measure
    dimensions: tuple[Dimension, ...] = ()
    year: str | None = None  # the year column (tidy)
    year_row: int | None = None  # the header row that holds each value column's year (wide)
    header_rows: int = 1
    region_level: int | None = None
    skip: frozenset[str] = frozenset()
    null_values: frozenset[str] = frozenset({""})
    region_names: dict[str, str] = field(default_factory=dict)

    @property
    def wide(self) -> bool:
        return self.year_row is not None

    def matches(self, path: Path) -> bool:
        return fnmatch.fnmatch(path.name.lower(), self.file.lower())


def cube_mappings() -> list[CubeMapping]:
    """Every cube mapping shipped in ``loaders/cube/``."""
    return [read_cube_mapping(p) for p in sorted((resource_dir("loaders") / "cube").glob("*.toml"))]


def mapping_for(path: Path, name: str | None = None) -> CubeMapping:
    """The cube mapping called ``name``, or the one whose ``file`` matches ``path``."""
    known = cube_mappings()
    if name:
        found = next((m for m in known if m.name == name), None)
        if found is None:
            names = ", ".join(m.name for m in known)
            raise UmkmKgError(f"unknown cube mapping '{name}'; available: {names}")
        return found
    found = next((m for m in known if m.matches(path)), None)
    if found is None:
        names = ", ".join(f"{m.name} ({m.file})" for m in known)
        raise UmkmKgError(
            f"{path.name}: no cube mapping reads this file; give --mapping NAME (one of: {names})"
        )
    return found


def read_cube_mapping(path: Path) -> CubeMapping:
    """Read and check one cube mapping file; a mistake is a :class:`UmkmKgError`."""
    try:
        data = dict(tomllib.loads(path.read_text(encoding="utf-8"))["cube"])
        measure = Measure(**data.pop("measure"))
        dimensions = tuple(
            Dimension(
                d["property"],
                d.get("column"),
                {k.upper(): v for k, v in d.get("rename", {}).items()},
                {int(k): v for k, v in d.get("columns", {}).items()},
            )
            for d in data.pop("dimensions", ())
        )
        title = data.pop("title")
        mapping = CubeMapping(
            name=path.stem,
            title_id=title["id"],
            title_en=title["en"],
            measure=measure,
            dimensions=dimensions,
            skip=frozenset(s.upper() for s in data.pop("skip", ())),
            null_values=frozenset(v.strip() for v in data.pop("null_values", [""])) | {""},
            **data,
        )
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as error:
        raise UmkmKgError(f"{path}: invalid cube mapping: {error}") from None
    if mapping.number_style not in NUMBER_STYLES:
        raise UmkmKgError(f"{path}: number_style must be one of {NUMBER_STYLES}")
    if measure.type not in MEASURE_TYPES:
        raise UmkmKgError(f"{path}: measure type must be one of {MEASURE_TYPES}")
    if (mapping.year is None) == (mapping.year_row is None):
        raise UmkmKgError(f"{path}: give either 'year' (a column) or 'year_row' (wide tables)")
    return mapping
