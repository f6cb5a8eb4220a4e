"""What a source layout is: its tables, columns, nodes and constants (frozen dataclasses), the
names it may use, and how header cells compare (:func:`header_key`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TYPES = (
    "text", "integer", "money", "decimal", "year", "date", "boolean",
    "code", "choice", "codelist", "ref", "region",
)  # fmt: skip
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
POLICIES = ("fail", "reject_row")
BAD_OPTIONAL_CELLS = ("reject_row", "drop_cell")
ALSO_WITHIN = ("same_name",)
CODELISTS = ("kind", "infra", "role", "institution_type", "sentra_tier")
VOCABULARIES = ("region", "kbli")


@dataclass(frozen=True)
class Text:
    """A bilingual text: Indonesian first."""

    id: str = ""
    en: str = ""


@dataclass(frozen=True)
class Constant:
    """A fixed triple on a node: ``property`` to an ``iri`` or to a typed ``value``."""

    property: str
    iri: str | None = None
    value: str | None = None
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Given:
    """A fixed triple on every row of a table, written only when the source holds ``table``
    (a file or sheet) or the row's table has ``column`` in its header: it records which
    data a source gave, so that a table given empty and a table not given differ."""

    property: str
    iri: str
    table: str | None = None
    column: str | None = None


@dataclass(frozen=True)
class Part:
    """A named group of ``item_pattern`` that becomes a property of a child node."""

    property: str
    type: str = "text"
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Node:
    """A child node a cell value becomes (an identifier, an equipment item, an observation)."""

    iri: tuple[str, ...]
    link: str
    types: tuple[str, ...] = ()
    value: str | None = None
    parts: dict[str, Part] = field(default_factory=dict)
    constants: tuple[Constant, ...] = ()
    inverse: bool = False  # <node> link <row> instead of <row> link <node>


@dataclass(frozen=True)
class FixedNode:
    """A node the layout describes once (an institution a portal names): written the first
    time a value points to it."""

    iri: str
    types: tuple[str, ...] = ()
    label: Text = Text()
    constants: tuple[Constant, ...] = ()


@dataclass(frozen=True)
class Column:
    """One column of a table: how to find it, read it and turn it into RDF."""

    name: str
    type: str = "text"
    aliases: tuple[str, ...] = ()
    required: bool = False
    default: str | None = None
    description: Text = Text()
    example: str = ""
    pattern: str | None = None
    pattern_hint: Text = Text()  # the pattern in words, for officers: "5 digit" / "5 digits"
    rename: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    codelist: str | None = None
    tables: tuple[str, ...] = ()
    unresolved_property: str | None = None
    list: bool = False
    separator: str = ";"
    item_pattern: str | None = None
    minimum: str | None = None
    property: str | None = None
    inverse: bool = False
    lang: str | None = None
    datatype: str | None = None
    object: tuple[str, ...] = ()
    vocabulary: str | None = None
    within: str | None = None  # region: resolve names inside this code, or this column's region
    also_within: str | None = None  # region: "same_name": also the kab/kota of the same name
    level: int | None = None  # region: resolve names at this level only (1-4)
    node: Node | None = None
    activity_candidates: bool = False  # text: propose a KBLI 2020 kelompok (umkm_kg.activity)


@dataclass(frozen=True)
class Table:
    """One CSV file (or workbook sheet) of a layout."""

    name: str
    file: str
    sheet: str
    required: bool
    key: str | None
    iri: tuple[str, ...]
    types: tuple[str, ...]
    description: Text
    columns: tuple[Column, ...]
    constants: tuple[Constant, ...] = ()
    given: tuple[Given, ...] = ()


@dataclass(frozen=True)
class Layout:
    """A whole source layout (one ``loaders/<name>.toml`` file)."""

    name: str
    path: Path
    title: Text
    description: Text
    policy: str
    number_style: str
    delimiters: tuple[str, ...]
    null_values: frozenset[str]
    tables: tuple[Table, ...]
    bad_optional_cell: str = "reject_row"
    nodes: tuple[FixedNode, ...] = ()

    def table(self, name: str) -> Table:
        """The table called ``name``."""
        return next(table for table in self.tables if table.name == name)


@dataclass(frozen=True)
class MappingInfo:
    """A layout available to ``load_source(..., mapping=name)``."""

    name: str
    title: Text
    description: Text
    path: Path


@lru_cache(maxsize=1 << 14)
def header_key(text: str) -> str:
    """How header cells, aliases and renamed values compare: case, spaces and hyphens do not
    matter. Memoised: the values a layout renames (portal bands, codes) repeat."""
    return _SEPARATORS.sub("_", text.strip().lower())


_SEPARATORS = re.compile(r"[\s\-]+")
