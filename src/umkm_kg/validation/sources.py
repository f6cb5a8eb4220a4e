"""Where validation reads from: an rdflib Graph (reference) or a pyoxigraph Store (fast)."""

from __future__ import annotations

import json
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from umkm_kg.store.remote import RemoteStore
from umkm_kg.store.terms import from_sparql_json, to_oxigraph


class Selectable(Protocol):
    """Anything that answers a SELECT query with rows of rdflib terms."""

    def select(self, query: str) -> list[dict[str, Node]]:
        """Rows of the query; unbound variables are absent from a row."""
        ...


class GraphSource:
    """An rdflib Graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def select(self, query: str) -> list[dict[str, Node]]:
        """Rows of the query over the graph."""
        return [
            {str(k): v for k, v in row.asdict().items() if v is not None}
            for row in self.graph.query(query)
        ]


class StoreSource:
    """A pyoxigraph Store (its default graph)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, query: str) -> list[dict[str, Node]]:
        """Rows of the query over the store (read as SPARQL JSON results: quick)."""
        data = self.store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
        return [
            {name: from_sparql_json(term) for name, term in binding.items()}
            for binding in json.loads(data)["results"]["bindings"]
        ]


class EndpointSource:
    """A SPARQL endpoint (the union of its named graphs), queried on the server."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    def select(self, query: str) -> list[dict[str, Node]]:
        """Rows of the query, run by the server."""
        return self.store.select_terms(query)


def graph_to_store(graph: Graph, store: ox.Store | None = None) -> ox.Store:
    """Copy an rdflib Graph into a (new, in-memory) pyoxigraph Store."""
    store = store if store is not None else ox.Store()
    store.extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in graph
    )
    return store
