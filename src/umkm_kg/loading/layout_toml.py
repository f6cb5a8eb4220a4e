"""Reading a layout file's TOML tables into a :class:`Layout`, each part checked: unknown
keys, types and vocabularies, references between columns and tables."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from umkm_kg.loading.layout_model import (
    ALSO_WITHIN,
    BAD_OPTIONAL_CELLS,
    CODELISTS,
    POLICIES,
    REGION_CODE,
    TYPES,
    VOCABULARIES,
    Column,
    Constant,
    FixedNode,
    Given,
    Layout,
    Node,
    Part,
    Table,
    Text,
    header_key,
)
from umkm_kg.loading.values import NUMBER_STYLES


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
    _check_column(column, where)
    return column


# What a column declaration must satisfy: (the rule holds, what is wrong when it does not).
_COLUMN_RULES: tuple[tuple[Callable[[Column], bool], str], ...] = (
    (lambda c: c.type in TYPES, f"type '{{c.type}}' is not one of {TYPES}"),
    (lambda c: c.type != "ref" or bool(c.tables), "a ref column needs 'tables'"),
    (lambda c: c.type != "choice" or bool(c.choices), "a choice column needs 'choices'"),
    (lambda c: c.type != "codelist" or c.codelist in CODELISTS,
     f"codelist must be one of {CODELISTS}"),
    (lambda c: not (c.within or c.level) or c.type == "region",
     "'within' and 'level' apply to region columns only"),
    (lambda c: c.also_within is None or (c.also_within in ALSO_WITHIN and bool(c.within)),
     f"also_within must be one of {ALSO_WITHIN}, with 'within'"),
    (lambda c: not c.unresolved_property or c.type in ("ref", "region", "choice"),
     "unresolved_property applies to ref, region, choice columns"),
    (lambda c: c.level is None or c.level in (1, 2, 3, 4), "level must be 1, 2, 3 or 4"),
    (lambda c: not c.activity_candidates or c.type == "text",
     "'activity_candidates' applies to text columns only"),
    (lambda c: not c.vocabulary or c.vocabulary in VOCABULARIES,
     f"vocabulary must be one of {VOCABULARIES}"),
)  # fmt: skip


def _check_column(column: Column, where: str) -> None:
    """Raise what is wrong with a column declaration; its regular expressions compile."""
    for holds, problem in _COLUMN_RULES:
        if not holds(column):
            raise ValueError(f"{where}: " + problem.format(c=column))
    for regex in (column.pattern, column.item_pattern):
        if regex:
            re.compile(regex)


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
        if scope and not REGION_CODE.match(scope) and scope not in names[:position]:
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


def parse_layout(path: Path, data: dict) -> Layout:
    """The layout of the TOML ``data`` read from ``path``; a mistake raises ``ValueError``."""
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
