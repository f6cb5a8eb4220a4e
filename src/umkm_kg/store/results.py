"""Query results as rows of Python values, the same whichever store answered."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from rdflib import URIRef

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import PREFIXES
from umkm_kg.spreadsheet_cells import delimited_row


class Rows(list):
    """A list of rows (``dict`` of variable -> value, ``None`` where unbound) with its columns.

    IRIs are ``rdflib.URIRef`` (compare with ``str(value)``); literals are Python values (int,
    Decimal, date, bool, str; ``xsd:gYear`` as int).
    """

    def __init__(self, variables: list[str], rows: list[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.variables = list(variables)

    def ordered(self, variables: tuple[str, ...] | list[str]) -> Rows:
        """The rows sorted by ``variables`` as SPARQL's ``ORDER BY`` would, ascending.

        Unbound first, then IRIs, then literals: numbers by value, dates, then text
        (strings by code point, as SPARQL compares them). Rows equal on every key keep their order.
        """
        if not variables:
            return self
        rows = sorted(self, key=lambda row: tuple(sort_key(row.get(v)) for v in variables))
        return Rows(self.variables, rows)

    def to_df(self):  # pandas is optional
        """The rows as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise UmkmKgError("query_df needs pandas: pip install pandas") from None
        return pandas.DataFrame(list(self), columns=self.variables)

    def to_delimited(self, delimiter: str = ",") -> str:
        """CSV (or TSV with ``delimiter="\\t"``): a header, full IRIs, empty cells where unbound;
        a cell a spreadsheet would run as a formula starts with ``'`` (see
        :mod:`umkm_kg.spreadsheet_cells`)."""
        lines = [delimited_row(self.variables, delimiter)]
        for row in self:
            cells = ("" if row[v] is None else text_value(row[v]) for v in self.variables)
            lines.append(delimited_row(cells, delimiter))
        return "".join(lines)

    def to_json(self) -> str:
        """A JSON list with one object per row; numbers stay numbers, IRIs are strings."""
        return json.dumps(
            [{v: json_value(row[v]) for v in self.variables} for row in self],
            indent=2,
            ensure_ascii=False,
        )


def compact(value: Any) -> str:
    """Text for people: IRIs of known namespaces as prefixed names (``id:region/35``)."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if value.startswith(str(namespace)):
                return f"{prefix}:{value[len(str(namespace)) :]}"
    return text_value(value)


def sort_key(value: Any) -> tuple:
    """A key ordering values as SPARQL's ``ORDER BY`` orders the terms they come from."""
    if value is None:
        return (0,)
    if isinstance(value, URIRef):
        return (1, str(value))
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, int | float | Decimal):
        return (3, value)
    if isinstance(value, dt.datetime):
        return (4, value.isoformat())
    if isinstance(value, dt.date):
        return (5, value)
    return (6, str(value))


def text_value(value: Any) -> str:
    """A result value as cell text (booleans true/false, dates ISO)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A result value as JSON (whole decimals as integers, other terms as text)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return text_value(value)
