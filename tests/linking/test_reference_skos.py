"""The reference data as SKOS N-Triples: hierarchy, types, codes, Papua replacements, KBLI."""

from __future__ import annotations

import io

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from umkm_kg.iris import kbli_iri, region_iri
from umkm_kg.namespaces import UMKM
from umkm_kg.reference import children, parents, region
from umkm_kg.reference.skos import kbli_lines, region_lines, write_reference


@pytest.fixture(scope="module")
def kediri_graph() -> Graph:
    """Kota Kediri with everything above and below it."""
    chosen = [region("35"), region("35.71")]
    for kecamatan in children("35.71"):
        chosen += [kecamatan, *children(kecamatan.code)]
    graph = Graph()
    graph.parse(data="".join(region_lines(chosen)), format="nt")
    return graph


def test_regions_are_typed_skos_concepts_with_broader_and_narrower(kediri_graph: Graph) -> None:
    bandar_kidul = region_iri("35.71.01.1002")
    assert (bandar_kidul, RDF.type, SKOS.Concept) in kediri_graph
    assert (bandar_kidul, RDF.type, UMKM.UrbanVillage) in kediri_graph
    assert (bandar_kidul, SKOS.prefLabel, Literal("Bandar Kidul", lang="id")) in kediri_graph
    assert (bandar_kidul, SKOS.notation, Literal("35.71.01.1002")) in kediri_graph
    assert (bandar_kidul, SKOS.broader, region_iri("35.71.01")) in kediri_graph
    assert (region_iri("35.71.01"), SKOS.narrower, bandar_kidul) in kediri_graph
    assert (bandar_kidul, UMKM.bpsCode, Literal("3571010005")) in kediri_graph
    assert (region_iri("35.71"), RDF.type, UMKM.City) in kediri_graph
    wikidata = URIRef("http://www.wikidata.org/entity/Q11443")
    assert (region_iri("35.71"), SKOS.exactMatch, wikidata) in kediri_graph
    assert (region_iri("35"), SKOS.topConceptOf, URIRef(str(region_iri(""))[:-1])) in kediri_graph
    # the chain a query follows with skos:broader* reaches the province
    chain = set(kediri_graph.transitive_objects(bandar_kidul, SKOS.broader))
    assert {region_iri(r.code) for r in parents("35.71.01.1002")} <= chain


def test_full_export_has_every_region_and_the_papua_replacements() -> None:
    out = io.StringIO()
    count = write_reference(out, regions=True, kbli_versions=[])
    text = out.getvalue()
    assert count == text.count("\n")
    assert text.count(f"<{SKOS.Concept}> .") == 91_599
    old = str(region_iri("91.01"))
    replacement = f"<{old}> <{DCTERMS.isReplacedBy}> <{region_iri('93.01')}> ."
    assert replacement in text
    assert f'<{old}> <{DCTERMS.valid}> "2022-07-25"^^' in text


def test_kbli_export_is_version_qualified_with_levels() -> None:
    graph = Graph()
    graph.parse(data="".join(kbli_lines("2020")), format="nt")
    tenun_ikat = kbli_iri("2020", "13122")
    assert (tenun_ikat, RDF.type, UMKM.KBLISubclass) in graph
    assert (tenun_ikat, SKOS.inScheme, URIRef(str(kbli_iri("2020", "x"))[:-2])) in graph
    assert (tenun_ikat, SKOS.prefLabel, Literal("Industri Kain Tenun Ikat", lang="id")) in graph
    assert (tenun_ikat, SKOS.broader, kbli_iri("2020", "1312")) in graph
    assert (kbli_iri("2020", "13"), SKOS.broader, kbli_iri("2020", "C")) in graph
    assert (kbli_iri("2020", "C"), RDF.type, UMKM.KBLISection) in graph
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == 2712
