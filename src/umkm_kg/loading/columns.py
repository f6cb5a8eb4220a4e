"""A layout column bound to a table's header: reads a cell into text and an RDF term.

Each column gets one specialised reader at start-up (no type dispatch per cell): plain digits,
the common case in bulk data, skip the full Indonesian number parser.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from umkm_kg.errors import excerpt
from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.layout import Column, Layout, header_key
from umkm_kg.loading.templates import Template, expand
from umkm_kg.loading.values import (
    FIRST_YEAR,
    LAST_YEAR,
    ValueProblem,
    decimal_lexical,
    parse_boolean,
    parse_date,
    parse_integer,
    parse_money,
    parse_number,
    parse_year,
)
from umkm_kg.loading.vocabularies import codelist, resolve_region
from umkm_kg.reference.regions import region, same_name_kabkota, successor

DATATYPES = {
    "integer": nt.XSD + "integer",
    "money": nt.XSD + "decimal",
    "decimal": nt.XSD + "decimal",
    "year": nt.XSD + "gYear",
    "date": nt.XSD + "date",
    "boolean": nt.XSD + "boolean",
}
# How a column's values reach the graph.
LITERAL, OBJECT, REF, NODE, NOTHING = range(5)

Reader = Callable[[str], tuple[str, str | None]]
_YEAR_DIGITS = 4
_GROUP_DIGITS = 3  # 1.125: a thousands group, in every style
_FAST_DIGITS = 18  # plain digits up to this length fit every store type; longer ones are checked


class UnresolvedValue(ValueProblem):
    """A value that names nothing known (a region, a choice): kept as written when the column
    has an ``unresolved_property``, reported in :attr:`LoadResult.unresolved`."""


class UnresolvedRegion(UnresolvedValue):
    """A region name that matches no region (in its scope)."""


class RegionCorrected(Exception):  # an outcome, not an error
    """A region name found only in the kab/kota of the same name as the row's (``also_within
    = "same_name"``): the value is ``code`` and the row's scope column becomes ``scope``."""

    def __init__(self, code: str, scope: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.scope, self.reason = code, scope, reason


class ColumnReader:
    """One column of one table: its position in the header and how to read its cells."""

    def __init__(self, column: Column, index: int | None, layout: Layout) -> None:
        self.column = column
        self.name = column.name
        self.index = index
        self.required = column.required
        self.default = column.default or ""
        self.nulls = layout.null_values - {""}
        self.null_length = max(map(len, self.nulls), default=0)
        self.rename = column.rename
        self.split = column.separator if column.list else None
        self.objects = tuple(Template(t) for t in column.object)
        self.object_variables = sorted({v for t in self.objects for v in t.variables} - {"value"})
        self.object_cache: dict[tuple, str] = {}
        self.property = nt.iri(expand(column.property)) if column.property else None
        self.inverse = column.inverse
        self.unresolved = (
            nt.iri(expand(column.unresolved_property)) if column.unresolved_property else None
        )
        self.vocabulary = column.vocabulary
        self.item_pattern = re.compile(column.item_pattern) if column.item_pattern else None
        if column.node:
            self.mode = NODE
        elif column.type == "ref":
            self.mode = REF
        elif self.objects:
            self.mode = OBJECT
        elif self.property:
            self.mode = LITERAL
        else:
            self.mode = NOTHING
        numeric = column.type in ("money", "integer", "decimal")
        self.number_style = layout.number_style if numeric else None
        self.read: Reader = _reader(column, layout.number_style)
        within = column.within
        self.scope_column = within if within and not within[:2].isdigit() else None
        if column.type == "region" and (within or column.level):
            self.read = self.read_in_scope
        self.simple = not self.nulls and not self.rename
        # one value read from the text alone: not a list, not a region within another column's
        self.single = self.split is None and self.scope_column is None
        # a bad value of an optional column: the cell is left out, the row loads (``drop_cell``)
        self.drop_when_bad = layout.bad_optional_cell == "drop_cell" and not column.required
        self.predicate_part = f" {self.property} " if self.property else ""

    def text(self, raw: object) -> str:
        """The cell as text: stripped, nulls (``-``) emptied, renames applied (empty: "")."""
        text = raw.strip() if type(raw) is str else _native_text(raw)
        if text and len(text) <= self.null_length and text.lower() in self.nulls:
            return ""
        if text and self.rename:
            return self.rename.get(header_key(text), text)
        return text

    def read_in_scope(self, text: str, scope: str | None = None) -> tuple[str, str | None]:
        """A region inside its scope (a fixed code, or the region another column resolved)."""
        if self.column.pattern and re.fullmatch(self.column.pattern, text):
            return text, None
        within = scope if self.scope_column else self.column.within
        if self.scope_column and not (within and within[:2].isdigit()):
            raise UnresolvedRegion(
                f"'{excerpt(text)}' cannot be placed: column '{self.scope_column}' "
                "has no resolved region",
                f"correct '{self.scope_column}' first",
            )
        try:
            return resolve_region(text, within, self.column.level), None
        except ValueProblem as problem:
            moved = self._in_same_name(text, within) if self.column.also_within else None
            if moved is not None:
                raise moved from None
            raise UnresolvedRegion(problem.reason, problem.hint) from None

    def _in_same_name(self, text: str, within: str) -> RegionCorrected | None:
        """``text`` found in exactly one kab/kota of the same name as ``within`` (Kabupaten
        Malang / Kota Malang), as a correction; else ``None``."""
        found = []
        for twin in same_name_kabkota(within):
            try:
                found.append((twin, resolve_region(text, twin.code, self.column.level)))
            except ValueProblem:
                continue
        if len(found) != 1:
            return None
        (twin, code), written = found[0], region(within)
        name = region(code).name
        reason = (
            f"'{text}' is not in {written.name} ({written.code}) but in {twin.name} "
            f"({twin.code}), the kabupaten/kota of the same name: linked to {code} {name} "
            f"and to {twin.code}"
        )
        return RegionCorrected(code, twin.code, reason)

    def values(
        self, text: str, raw: object, unresolved: list[UnresolvedValue] | None = None
    ) -> list[tuple[str, str | None]]:
        """Each value of the cell as (canonical text, literal term or ``None``). Items of a
        list are renamed and emptied one by one; with an ``unresolved_property``, an item
        that names nothing known is kept as a literal and its problem added to
        ``unresolved``."""
        if type(raw) is not str and isinstance(raw, int | float) and not isinstance(raw, bool):
            return [self.read(_number_text(raw, self.number_style))]
        if self.split is None:
            return [self.read(text)]
        values = []
        for item in text.split(self.split):
            item = self.text(item)
            if not item:
                continue
            try:
                values.append(self.read(item))
            except UnresolvedValue as problem:
                if not self.unresolved or unresolved is None:
                    raise
                unresolved.append(problem)
                values.append((item, nt.literal(item)))
        return values


def _native_text(raw: object) -> str:
    """A workbook cell that is not text: numbers, dates, booleans."""
    if isinstance(raw, bool):
        return "ya" if raw else "tidak"
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _number_text(raw: int | float, style: str | None) -> str:
    """A numeric workbook cell as text. For a number column (``style`` given), text that the
    layout's number style reads back exactly: no grouping, the style's decimal mark, never
    exactly three decimals (``1.125`` would read as a thousands group)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        return str(raw)
    whole, _, fraction = format(Decimal(repr(raw)), "f").partition(".")
    if style is None:
        return f"{whole}.{fraction}"
    if len(fraction) == _GROUP_DIGITS:  # it would read as a thousands group
        fraction += "0"
    return whole + ("," if style == "id" else ".") + fraction


def _reader(column: Column, style: str) -> Reader:
    """The specialised reader of a column's type."""
    datatype = expand(column.datatype) if column.datatype else DATATYPES.get(column.type)
    suffix = f"@{column.lang}" if column.lang else (f"^^<{datatype}>" if datatype else "")
    make = _READERS.get(column.type)
    if make is None:
        return lambda text: (text, None)  # ref: resolved against the ids of its tables
    return make(column, style, suffix)


def _text_reader(column: Column, style: str, suffix: str) -> Reader:
    escapes = nt.ESCAPES
    return lambda text: (text, '"' + text.translate(escapes) + '"' + suffix)


def _number_reader(column: Column, style: str, suffix: str) -> Reader:
    """Money, integers and decimals: plain digits fast, the rest through the full parser."""
    kind = column.type
    minimum = Decimal(column.minimum) if column.minimum is not None else None
    slow = {
        "money": lambda text: parse_money(text, style),
        "integer": lambda text: Decimal(parse_integer(text, style)),
        "decimal": lambda text: parse_number(text.rstrip("% "), style),
    }[kind]
    fast = minimum is None or minimum <= 0

    def number(text: str) -> tuple[str, str]:
        if fast and len(text) <= _FAST_DIGITS and text.isdigit() and text.isascii():
            lexical = text.lstrip("0") or "0"
            return lexical, f'"{lexical}"{suffix}'
        value = slow(text)
        if kind == "money" and value < 0:
            raise ValueProblem(f"'{excerpt(text)}' is negative: money cannot be below zero")
        if kind == "integer" and value != value.to_integral_value():
            raise ValueProblem(f"'{excerpt(text)}' is not a whole number", "write e.g. 15")
        if minimum is not None and value < minimum:
            raise ValueProblem(
                f"'{excerpt(text)}' is below the minimum {decimal_lexical(minimum)}",
                f"give a value of at least {decimal_lexical(minimum)}",
            )
        lexical = decimal_lexical(value)
        return lexical, f'"{lexical}"{suffix}'

    return number


def _year_reader(column: Column, style: str, suffix: str) -> Reader:
    first, last = str(FIRST_YEAR), str(LAST_YEAR)

    def year(text: str) -> tuple[str, str]:
        if (
            len(text) == _YEAR_DIGITS
            and text.isdigit()
            and text.isascii()
            and first <= text <= last
        ):
            return text, f'"{text}"{suffix}'
        lexical = f"{parse_year(text):04d}"
        return lexical, f'"{lexical}"{suffix}'

    return year


def _date_reader(column: Column, style: str, suffix: str) -> Reader:
    def date_value(text: str) -> tuple[str, str]:
        lexical = parse_date(text).isoformat()
        return lexical, f'"{lexical}"{suffix}'

    return date_value


def _boolean_reader(column: Column, style: str, suffix: str) -> Reader:
    def boolean(text: str) -> tuple[str, str]:
        lexical = "true" if parse_boolean(text) else "false"
        return lexical, f'"{lexical}"{suffix}'

    return boolean


def _code_reader(column: Column, style: str, suffix: str) -> Reader:
    """Codes and regions: a value of the column's pattern as is (a region code retired by a
    split becomes its successor's), a region name resolved, anything else refused."""
    kind = column.type
    escapes = nt.ESCAPES
    pattern = re.compile(column.pattern) if column.pattern else None
    as_literal = not column.object

    def code(text: str) -> tuple[str, str | None]:
        if kind == "region" and (pattern is None or pattern.fullmatch(text)):
            # a code retired by a split (Papua 2022) becomes its successor's
            change = None if region(text) else successor(text)
            return (change.new_code if change else text), None
        if pattern is None or pattern.fullmatch(text):
            return text, ('"' + text.translate(escapes) + '"' + suffix) if as_literal else None
        if kind == "region":
            return resolve_region(text), None
        raise _not_of_pattern(column, text)

    return code


def _not_of_pattern(column: Column, text: str) -> ValueProblem:
    example = f", e.g. {column.example}" if column.example else ""
    if column.pattern_hint.en:
        return ValueProblem(
            f"'{excerpt(text)}' is not a valid {column.name}",
            f"{column.name} must be {column.pattern_hint.en}{example} "
            f"({column.name} harus {column.pattern_hint.id})",
        )
    return ValueProblem(
        f"'{excerpt(text)}' does not have the form of a {column.name}",
        f"expected the pattern {column.pattern}{example}",
    )


def _coded_reader(column: Column, style: str, suffix: str) -> Reader:
    """Choices and code lists: a key, or a label of the codebook, to its IRI."""
    if column.type == "choice":
        terms = {key: nt.iri(expand(value)) for key, value in column.choices.items()}
    else:
        terms = {key: nt.iri(str(iri)) for key, iri in codelist(column.codelist).items()}
    labels = _label_keys(column, terms)

    def coded(text: str) -> tuple[str, str]:
        key = text.strip().lower().replace(" ", "_")
        if key in terms:
            return key, terms[key]
        if _label_key(text) in labels:  # the codebook's label, e.g. "kredit modal kerja"
            key = labels[_label_key(text)]
            return key, terms[key]
        if column.unresolved_property:  # kept as written: the note names it, no list
            raise UnresolvedValue(
                f"'{text}' is not one of the {len(terms)} values the layout names",
                f"kept as written ({column.unresolved_property})",
            )
        close = difflib.get_close_matches(key, list(terms), n=1)
        raise UnresolvedValue(
            f"'{excerpt(text)}' is not a known {column.name}",
            (f"did you mean '{close[0]}'? " if close else "") + f"allowed: {', '.join(terms)}",
        )

    return coded


# Column type -> the factory of its reader (column, number style, literal suffix).
_READERS: dict[str, Callable[[Column, str, str], Reader]] = {
    "text": _text_reader,
    "money": _number_reader,
    "integer": _number_reader,
    "decimal": _number_reader,
    "year": _year_reader,
    "date": _date_reader,
    "boolean": _boolean_reader,
    "code": _code_reader,
    "region": _code_reader,
    "choice": _coded_reader,
    "codelist": _coded_reader,
}


def _label_key(text: str) -> str:
    """A label as people type it, normalised: case, spaces, hyphens and underscores alike."""
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _label_keys(column: Column, terms: dict[str, str]) -> dict[str, str]:
    """Code-list labels (Indonesian and English, as the codebook shows them) -> their keys."""
    if column.type != "codelist":
        return {}
    from umkm_kg.loading.vocabularies import codelist_labels

    found: dict[str, str] = {}
    for key, labels in codelist_labels(column.codelist).items():
        for label in labels:
            if label and key in terms:
                found.setdefault(_label_key(label), key)
    return found
