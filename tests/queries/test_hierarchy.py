"""The catalogue walks the ontology's hierarchies to a fixed depth where Virtuoso 7.2 lost
rows with rdfs:subClassOf* (multi-region-institutions): the ontology must stay
within that depth, or those queries must grow a branch."""

from __future__ import annotations

import pytest
from rdflib import RDFS, URIRef
from rdflib.namespace import SKOS

from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.resources import resource_dir

DEPTH = 3  # the deepest branch: ?type rdfs:subClassOf/rdfs:subClassOf/rdfs:subClassOf C


def _depth(graph, root: URIRef) -> int:
    below = [(child, 1) for child in graph.subjects(RDFS.subClassOf, root)]
    deepest = 0
    while below:
        node, depth = below.pop()
        deepest = max(deepest, depth)
        below += [(child, depth + 1) for child in graph.subjects(RDFS.subClassOf, node)]
    return deepest


@pytest.mark.parametrize(
    ("query", "root"),
    [
        ("multi-region-institutions", UMKM.Institution),
    ],
)
def test_class_hierarchy_within_the_depth_the_query_walks(query, root):
    text = (resource_dir("queries") / f"{query}.rq").read_text(encoding="utf-8")
    local = root.removeprefix(str(UMKM))
    deepest_branch = "rdfs:subClassOf/" * (DEPTH - 1) + f"rdfs:subClassOf umkm:{local}"
    assert deepest_branch in text
    assert _depth(ontology_graph(), root) <= DEPTH


def test_cooperation_kinds_are_one_level_under_external():
    """support-overlap reads an external kind's groups with one skos:broader step."""
    graph = ontology_graph()
    external = URIRef("https://w3id.org/umkm-kg/kind/external")
    assert not list(graph.objects(external, SKOS.broader))
    for kind in graph.subjects(SKOS.broader, external):
        for group in graph.objects(kind, SKOS.broader):
            assert not list(graph.objects(group, SKOS.broader)) or group == external, group
    text = (resource_dir("queries") / "support-overlap.rq").read_text(encoding="utf-8")
    assert "skos:broader*" not in text.split("WHERE", 1)[1]
