"""Issue 11 §5: the ontology's axioms hold valid data together under HermiT, the value-chain
roles are not duplicated by classes, and no OWL axiom is about a datatype outside the OWL 2
datatype map (xsd:date, xsd:gYear): those are left to the SHACL profile."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from umkm_kg.namespaces import KIND, ROLE, UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.reasoning import reason

EX = "http://example.org/t/"
OUTSIDE_THE_DATATYPE_MAP = (XSD.date, XSD.gYear)

# valid data that the ontology of main found inconsistent, one case each
VALID_DATA = {
    "enterprise_with_market_reach": """
        ex:firm a umkm:Enterprise ; umkm:marketReach ex:region .
        ex:region a umkm:Regency .""",
    "enterprise_with_as_of": """
        ex:firm a umkm:Enterprise ; umkm:asOf "2024-06-30"^^xsd:date .""",
    "sentra_with_workers": """
        ex:sentra a umkm:Sentra ; umkm:workers "120"^^xsd:nonNegativeInteger .""",
    "comparative_study_of_two_sentra": """
        ex:a a umkm:Sentra . ex:b a umkm:Sentra . ex:a owl:differentFrom ex:b .
        ex:study a umkm:Cooperation ; umkm:cooperationKind kind:comparative_study ;
            umkm:inSentra ex:a , ex:b .""",
}
PREFIXES = """
@prefix ex: <http://example.org/t/> . @prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix kind: <https://w3id.org/umkm-kg/kind/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.mark.java
@pytest.mark.parametrize("name", sorted(VALID_DATA))
def test_valid_data_is_consistent_with_the_ontology(name):
    graph = ontology_graph()
    graph.parse(data=PREFIXES + VALID_DATA[name], format="turtle")
    assert reason(graph).consistent


@pytest.mark.java
def test_a_shared_cooperation_does_not_make_two_sentra_one():
    """inSentra is not functional: HermiT no longer merges the two sentra of one study, so a
    property that differs between them is no contradiction."""
    graph = ontology_graph()
    graph.parse(data=PREFIXES + VALID_DATA["comparative_study_of_two_sentra"], format="turtle")
    assert (UMKM.inSentra, RDF.type, OWL.FunctionalProperty) not in graph
    result = reason(graph)
    assert str(UMKM.Sentra) in result.inferred_types[EX + "a"]
    assert str(UMKM.ExternalCooperation) in result.inferred_types[EX + "study"]


def test_supplier_and_buyer_are_roles_not_classes():
    graph = ontology_graph()
    for removed in ("Supplier", "Buyer", "LargeEnterprise"):
        assert (UMKM[removed], None, None) not in graph, removed
    for role in ("supporting_industry", "buyer"):
        assert (ROLE[role], RDF.type, UMKM.ClusterRole) in graph
    assert (UMKM.Institution, UMKM.templateKey, Literal("other")) in graph


def test_no_owl_axiom_uses_a_datatype_outside_the_owl2_datatype_map():
    """xsd:date and xsd:gYear are not in the OWL 2 datatype map: HermiT ignores them, so a
    range, restriction or functional date property would be a check that never runs."""
    graph = ontology_graph()
    for datatype in OUTSIDE_THE_DATATYPE_MAP:
        assert not list(graph.subjects(RDFS.range, datatype)), datatype
        assert not list(graph.subjects(OWL.onDatatype, datatype)), datatype
        assert not list(graph.subjects(OWL.someValuesFrom, datatype)), datatype
        assert not list(graph.subjects(OWL.allValuesFrom, datatype)), datatype
    for prop in (UMKM.asOf, UMKM.foundingYear, UMKM.inForceFrom, UMKM.inForceUntil):
        assert (prop, RDF.type, OWL.FunctionalProperty) not in graph, prop


@pytest.mark.java
def test_hermit_does_not_see_dates_which_is_why_shacl_checks_them():
    """Two founding years under a functional property: HermiT (xsd:gYear ignored) finds no
    contradiction, while two values of an OWL 2 datatype are one. The profile's sh:maxCount on
    the date properties is what catches the first."""
    data = Graph()
    prop = URIRef(EX + "year")
    data.add((prop, RDF.type, OWL.DatatypeProperty))
    data.add((prop, RDF.type, OWL.FunctionalProperty))
    firm = URIRef(EX + "firm")
    data.add((firm, RDF.type, UMKM.Enterprise))
    data.add((firm, prop, Literal("1946", datatype=XSD.gYear)))
    data.add((firm, prop, Literal("1950", datatype=XSD.gYear)))
    assert reason(ontology_graph() + data).consistent
    data.add((firm, prop, Literal("1946", datatype=XSD.integer)))
    data.add((firm, prop, Literal("1950", datatype=XSD.integer)))
    assert not reason(ontology_graph() + data).consistent


def test_competition_is_an_external_cooperation_kind():
    graph = ontology_graph()
    assert (KIND.competition, SKOS.broader, KIND.external) in graph
