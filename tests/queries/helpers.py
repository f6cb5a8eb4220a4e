"""Compare rows readably: IRIs as prefixed names, rows as sets of tuples."""

from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from umkm_kg.namespaces import PREFIXES


def short(value: object) -> object:
    """``id:sentra/kediri`` for an IRI of a known namespace; ints for whole decimals."""
    if isinstance(value, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if value.startswith(str(namespace)):
                return f"{prefix}:{value[len(str(namespace)) :]}"
        return str(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def table(rows: list[dict], *columns: str) -> set[tuple]:
    """The given columns of every row, as a set of tuples of short values."""
    return {tuple(short(row[c]) for c in columns) for row in rows}


def canonical(rows: list[dict]) -> list[tuple]:
    """Every row, every column with its Python type (a boolean is not the integer 1, a
    decimal not an integer), in a stable order: to compare two stores' answers."""
    return sorted(
        (tuple(sorted((k, type(v).__name__, short(v)) for k, v in row.items())) for row in rows),
        key=repr,
    )
