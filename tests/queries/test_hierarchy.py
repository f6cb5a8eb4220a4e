"""The catalogue walks the ontology's hierarchies to a fixed depth where Virtuoso 7.2 lost
rows with rdfs:subClassOf* (multi-region-institutions): the ontology must stay
within that depth, or those queries must grow a branch."""

from __future__ import annotations

import pytest
from rdflib import RDFS, URIRef
from rdflib.namespace import SKOS

from umkm_kg.namespaces import KIND, UMKM
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


def _where(query: str) -> str:
    """The query's patterns after its first WHERE, without comment lines."""
    text = (resource_dir("queries") / f"{query}.rq").read_text(encoding="utf-8")
    lines = text.split("WHERE", 1)[1].splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


@pytest.mark.parametrize(
    ("query", "root"),
    [
        ("multi-region-institutions", UMKM.Institution),
    ],
)
def test_class_hierarchy_within_the_depth_the_query_walks(query, root):
    local = root.removeprefix(str(UMKM))
    deepest_branch = "rdfs:subClassOf/" * (DEPTH - 1) + f"rdfs:subClassOf umkm:{local}"
    assert deepest_branch in _where(query)
    assert _depth(ontology_graph(), root) <= DEPTH


def test_cooperation_kinds_are_one_level_under_external():
    """support-overlap reads an external kind's groups with one skos:broader step."""
    graph = ontology_graph()
    external = KIND.external
    assert not list(graph.objects(external, SKOS.broader))
    for kind in graph.subjects(SKOS.broader, external):
        for group in graph.objects(kind, SKOS.broader):
            assert not list(graph.objects(group, SKOS.broader)) or group == external, group
    assert "skos:broader*" not in _where("support-overlap")


def test_regions_are_within_the_depth_cross_province_market_walks():
    """cross-province-market walks a region up to its province one UNION branch per depth
    (Virtuoso 7.2 lost 6,926 of 26,990 rows at 10,000 sentra with skos:broader*)."""
    from umkm_kg.loading.vocabularies import region_nodes
    from umkm_kg.reference.regions import PROVINSI, all_regions

    steps = max(region.level for region in all_regions()) - PROVINSI
    assert steps == 3
    where = _where("cross-province-market")
    assert "skos:broader*" not in where
    for start, end in (("location", "province"), ("market", "marketProvince")):
        assert f"(?{start} AS ?{end})" in where  # the region itself, no step
        assert "skos:broader/" * (steps - 1) + f"skos:broader ?{end}" in where
    # the loader writes a desa's chain of three regions above it, the last with none above
    nodes = region_nodes("35.71.01.1002")
    chain = [iri for iri in nodes if "/region/" in iri]
    assert len(chain) == steps + 1
    assert not [line for line in nodes[chain[-1]] if str(SKOS.broader) in line]


def test_external_kinds_are_filed_directly_under_external():
    """external-partners reads the external kinds with one skos:broader step (Virtuoso 7.2
    joined a skos:broader* table to other cooperations' kinds at 10,000 sentra)."""
    graph = ontology_graph()
    external = KIND.external
    below = set(graph.transitive_subjects(SKOS.broader, external)) - {external}
    assert below
    assert below == set(graph.subjects(SKOS.broader, external))
    assert "skos:broader*" not in _where("external-partners")
