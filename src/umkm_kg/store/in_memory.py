"""Catalogue questions over an in-memory rdflib Graph (small data, tests, benchmark baseline)."""

from __future__ import annotations

from rdflib import Graph

from umkm_kg.catalogue import CatalogueQuery, get_query
from umkm_kg.errors import UmkmKgError
from umkm_kg.store.results import Rows
from umkm_kg.store.terms import to_python


def query_graph(graph: Graph, query: str | CatalogueQuery, **params: object) -> Rows:
    """Answer a catalogue question (by name) over ``graph``; parameters as initial bindings."""
    if isinstance(query, str):
        query = get_query(query)
    try:
        result = graph.query(query.text, initBindings=query.bindings(params))
    except Exception as error:  # rdflib raises pyparsing and plain exceptions alike
        raise UmkmKgError(f"rdflib could not run query '{query.name}': {error}") from None
    if result.type == "ASK":
        return Rows(["result"], [{"result": bool(result.askAnswer)}])
    variables = [str(v) for v in result.vars]
    rows = Rows(variables, [{v: to_python(row[v]) for v in variables} for row in result])
    return rows.ordered(query.order)
