"""The umkm-kg ontology as an rdflib graph: every ``*.ttl`` file of ``ontology/``."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from umkm_kg.namespaces import bind_prefixes
from umkm_kg.resources import resource_dir


def ontology_files() -> list:
    """The Turtle files that make up the ontology, in a stable order."""
    return sorted(resource_dir("ontology").glob("*.ttl"))


@lru_cache(maxsize=1)
def _cached_ontology() -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """A fresh copy of the ontology graph (callers may add to it)."""
    copy = Graph()
    bind_prefixes(copy)
    for triple in _cached_ontology():
        copy.add(triple)
    return copy
