"""Source layouts: the declarative mapping files in ``loaders/*.toml``, read and checked.

A layout says which tables (CSV files or workbook sheets) a source has, which columns each
table holds (names, aliases, types, required or optional), how the values become RDF
(properties, IRI templates, language tags, child nodes) and what to do with bad rows
(``policy``). ``loaders/README.md`` documents the format; this module only reads it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading.values import NUMBER_STYLES
from umkm_kg.resources import resource_dir

TYPES = (
    "text", "integer", "money", "decimal", "year", "date", "boolean",
    "code", "choice", "codelist", "ref", "region",
)  # fmt: skip
_REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
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


def available_mappings() -> list[MappingInfo]:
    """Every layout in ``loaders/``: name (file name without ``.toml``) and description."""
    infos = []
    for path in sorted(resource_dir("loaders").glob("*.toml")):
        layout = read_layout(path)
        infos.append(MappingInfo(layout.name, layout.title, layout.description, path))
    return infos


def get_layout(mapping: str | Path) -> Layout:
    """The layout called ``mapping`` in ``loaders/``, or read from a ``.toml`` path."""
    if isinstance(mapping, Path) or str(mapping).endswith(".toml"):
        return read_layout(Path(mapping))
    path = resource_dir("loaders") / f"{mapping}.toml"
    if not path.is_file():
        names = ", ".join(info.name for info in available_mappings()) or "none"
        raise UmkmKgError(f"unknown mapping '{mapping}'; available: {names}")
    return read_layout(path)


@lru_cache(maxsize=16)
def _read_cached(path: Path, mtime: float) -> Layout:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UmkmKgError(f"{path}: cannot read the mapping file: {error}") from error
    try:
        return _layout(path, data)
    except (KeyError, TypeError, ValueError) as error:
        raise UmkmKgError(f"{path}: invalid mapping: {error}") from error


def read_layout(path: Path) -> Layout:
    """Read and check one mapping file; a mistake in it is a :class:`UmkmKgError`."""
    path = Path(path).resolve()
    if not path.is_file():
        raise UmkmKgError(f"{path}: mapping file not found")
    return _read_cached(path, path.stat().st_mtime)


def _text(value: object) -> Text:
    if value is None:
        return Text()
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, dict):
        return Text(str(value.get("id", "")), str(value.get("en", "")))
    raise TypeError(f"expected a text or {{id = ..., en = ...}}, got {value!r}")


def _templates(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)


def _constants(items: object) -> tuple[Constant, ...]:
    return tuple(Constant(**item) for item in (items or ()))


def _node(data: dict) -> Node:
    parts = {name: Part(**spec) for name, spec in data.pop("parts", {}).items()}
    constants = _constants(data.pop("constants", ()))
    return Node(
        iri=_templates(data.pop("iri")),
        link=data.pop("link"),
        types=tuple(data.pop("types", ())),
        value=data.pop("value", None),
        parts=parts,
        constants=constants,
        inverse=bool(data.pop("inverse", False)),
        **_no_extra(data, "node"),
    )


def _fixed_node(data: dict) -> FixedNode:
    iri = data.pop("iri")
    if "{" in iri:
        raise ValueError(f"node '{iri}': a fixed node's IRI holds no {{variables}}")
    return FixedNode(
        iri=iri,
        types=tuple(data.pop("types", ())),
        label=_text(data.pop("label", None)),
        constants=_constants(data.pop("constants", ())),
        **_no_extra(data, f"node '{iri}'"),
    )


def _no_extra(data: dict, where: str) -> dict:
    if data:
        raise ValueError(f"unknown key(s) {sorted(data)} in {where}")
    return {}


def _column(table: str, data: dict) -> Column:
    data = dict(data)
    name = data.pop("name")
    where = f"column '{name}' of table '{table}'"
    column = Column(
        name=name,
        type=data.pop("type", "text"),
        aliases=tuple(data.pop("aliases", ())),
        required=bool(data.pop("required", False)),
        default=_optional_str(data.pop("default", None)),
        description=_text(data.pop("description", None)),
        example=str(data.pop("example", "")),
        pattern=data.pop("pattern", None),
        pattern_hint=_text(data.pop("pattern_hint", None)),
        rename={header_key(k): str(v) for k, v in data.pop("rename", {}).items()},
        choices={k.lower(): v for k, v in data.pop("choices", {}).items()},
        codelist=data.pop("codelist", None),
        tables=_templates(data.pop("tables", None)),
        unresolved_property=data.pop("unresolved_property", None),
        list=bool(data.pop("list", False)),
        separator=data.pop("separator", ";"),
        item_pattern=data.pop("item_pattern", None),
        minimum=_optional_str(data.pop("minimum", None)),
        property=data.pop("property", None),
        inverse=bool(data.pop("inverse", False)),
        lang=data.pop("lang", None),
        datatype=data.pop("datatype", None),
        object=_templates(data.pop("object", None)),
        vocabulary=data.pop("vocabulary", None),
        within=_optional_str(data.pop("within", None)),
        also_within=data.pop("also_within", None),
        level=data.pop("level", None),
        node=_node(dict(data.pop("node"))) if "node" in data else None,
        activity_candidates=bool(data.pop("activity_candidates", False)),
        **_no_extra(data, where),
    )
    if column.type not in TYPES:
        raise ValueError(f"{where}: type '{column.type}' is not one of {TYPES}")
    if column.type == "ref" and not column.tables:
        raise ValueError(f"{where}: a ref column needs 'tables'")
    if column.type == "choice" and not column.choices:
        raise ValueError(f"{where}: a choice column needs 'choices'")
    if column.type == "codelist" and column.codelist not in CODELISTS:
        raise ValueError(f"{where}: codelist must be one of {CODELISTS}")
    if (column.within or column.level) and column.type != "region":
        raise ValueError(f"{where}: 'within' and 'level' apply to region columns only")
    if column.also_within is not None and (
        column.also_within not in ALSO_WITHIN or not column.within
    ):
        raise ValueError(f"{where}: also_within must be one of {ALSO_WITHIN}, with 'within'")
    if column.unresolved_property and column.type not in ("ref", "region", "choice"):
        raise ValueError(f"{where}: unresolved_property applies to ref, region, choice columns")
    if column.level is not None and column.level not in (1, 2, 3, 4):
        raise ValueError(f"{where}: level must be 1, 2, 3 or 4")
    if column.activity_candidates and column.type != "text":
        raise ValueError(f"{where}: 'activity_candidates' applies to text columns only")
    if column.vocabulary and column.vocabulary not in VOCABULARIES:
        raise ValueError(f"{where}: vocabulary must be one of {VOCABULARIES}")
    for regex in (column.pattern, column.item_pattern):
        if regex:
            re.compile(regex)
    return column


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _table(name: str, data: dict) -> Table:
    data = dict(data)
    columns = tuple(_column(name, column) for column in data.pop("columns"))
    table = Table(
        name=name,
        file=data.pop("file", f"{name}.csv"),
        sheet=data.pop("sheet", name),
        required=bool(data.pop("required", False)),
        key=data.pop("key", None),
        iri=_templates(data.pop("iri")),
        types=tuple(data.pop("types", ())),
        description=_text(data.pop("description", None)),
        columns=columns,
        constants=_constants(data.pop("constants", ())),
        given=tuple(Given(**item) for item in data.pop("given", ())),
        **_no_extra(data, f"table '{name}'"),
    )
    names = [column.name for column in columns]
    for position, column in enumerate(columns):
        scope = column.within
        if scope and not _REGION_CODE.match(scope) and scope not in names[:position]:
            raise ValueError(
                f"table '{name}': column '{column.name}' is 'within' '{scope}', "
                "which is neither a region code nor a column declared before it"
            )
    if len(set(names)) != len(names):
        raise ValueError(f"table '{name}' declares a column twice")
    for given in table.given:
        if (given.table is None) == (given.column is None):
            raise ValueError(f"table '{name}': a 'given' entry names a table or a column")
        if given.column is not None and given.column not in names:
            raise ValueError(f"table '{name}': given column '{given.column}' is not declared")
    if table.key and table.key not in names:
        raise ValueError(f"table '{name}': key '{table.key}' is not one of its columns")
    return table


def _layout(path: Path, data: dict) -> Layout:
    head = dict(data.get("layout", {}))
    tables = tuple(_table(name, spec) for name, spec in data.get("tables", {}).items())
    if not tables:
        raise ValueError("a layout needs at least one [tables.<name>]")
    layout = Layout(
        name=path.stem,
        path=path,
        title=_text(head.pop("title", path.stem)),
        description=_text(head.pop("description", "")),
        policy=head.pop("policy", "fail"),
        number_style=head.pop("number_style", "auto"),
        delimiters=tuple(head.pop("delimiters", [","])),
        null_values=frozenset(str(v).strip().lower() for v in head.pop("null_values", [""])),
        tables=tables,
        bad_optional_cell=head.pop("bad_optional_cell", "reject_row"),
        nodes=tuple(_fixed_node(dict(node)) for node in data.get("nodes", ())),
        **_no_extra(head, "[layout]"),
    )
    if layout.policy not in POLICIES:
        raise ValueError(f"policy must be one of {POLICIES}")
    if layout.bad_optional_cell not in BAD_OPTIONAL_CELLS:
        raise ValueError(f"bad_optional_cell must be one of {BAD_OPTIONAL_CELLS}")
    if layout.number_style not in NUMBER_STYLES:
        raise ValueError(f"number_style must be one of {NUMBER_STYLES}")
    known = {table.name for table in tables}
    for table in tables:
        for column in table.columns:
            missing = set(column.tables) - known
            if missing:
                raise ValueError(f"column '{column.name}' refers to unknown table(s) {missing}")
    return layout


@lru_cache(maxsize=1 << 14)
def header_key(text: str) -> str:
    """How header cells, aliases and renamed values compare: case, spaces and hyphens do not
    matter. Memoised: the values a layout renames (portal bands, codes) repeat."""
    return _SEPARATORS.sub("_", text.strip().lower())


_SEPARATORS = re.compile(r"[\s\-]+")
