"""The HermiT bridge: datatype-restriction classification, inconsistency, unsatisfiability."""

from __future__ import annotations

import owlready2
import pytest
from rdflib import Graph

from umkm_kg.reasoning import ReasonerError, reason

pytestmark = pytest.mark.java  # HermiT needs Java

EX = "http://example.org/t#"

SAMPLE = """
@prefix : <http://example.org/t#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/t> a owl:Ontology .
:Firm a owl:Class .
:netAssets a owl:DatatypeProperty, owl:FunctionalProperty ; rdfs:range xsd:decimal .
:workers a owl:DatatypeProperty, owl:FunctionalProperty ; rdfs:range xsd:nonNegativeInteger .
:founded a owl:DatatypeProperty ; rdfs:range xsd:gYear .
:Micro a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :Firm
  [ a owl:Restriction ; owl:onProperty :netAssets ; owl:someValuesFrom [ a rdfs:Datatype ;
    owl:onDatatype xsd:decimal ;
    owl:withRestrictions ( [ xsd:maxInclusive "50000000"^^xsd:decimal ] ) ] ] ) ] .
:Small a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :Firm
  [ a owl:Restriction ; owl:onProperty :netAssets ; owl:someValuesFrom [ a rdfs:Datatype ;
    owl:onDatatype xsd:decimal ; owl:withRestrictions (
      [ xsd:minExclusive "50000000"^^xsd:decimal ] [ xsd:maxInclusive "500000000"^^xsd:decimal ]
    ) ] ] ) ] .
:FewWorkers a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :Firm
  [ a owl:Restriction ; owl:onProperty :workers ; owl:someValuesFrom [ a rdfs:Datatype ;
    owl:onDatatype xsd:integer ; owl:withRestrictions (
      [ xsd:minInclusive "1"^^xsd:integer ] [ xsd:maxInclusive "4"^^xsd:integer ] ) ] ] ) ] .
:at_bound a :Firm ; :netAssets "50000000"^^xsd:decimal ; :workers "4"^^xsd:nonNegativeInteger ;
  :founded "1989"^^xsd:gYear .
:one_above a :Firm ; :netAssets "50000001"^^xsd:decimal ; :workers "5"^^xsd:nonNegativeInteger .
:half_above a :Firm ; :netAssets "50000000.5"^^xsd:decimal .
:just_below a owl:NamedIndividual, :Firm ; :netAssets "49999999.99"^^xsd:decimal .
:above_small a :Firm ; :netAssets "500000001"^^xsd:decimal .
"""


@pytest.fixture(scope="module")
def sample_result():
    return reason(Graph().parse(data=SAMPLE, format="turtle"))


@pytest.mark.parametrize(
    ("individual", "expected"),
    [
        ("at_bound", {"Firm", "Micro", "FewWorkers"}),
        ("one_above", {"Firm", "Small"}),
        ("half_above", {"Firm", "Small"}),
        ("just_below", {"Firm", "Micro"}),
        ("above_small", {"Firm"}),
    ],
)
def test_datatype_restrictions_classify_on_both_sides_of_a_bound(
    sample_result, individual, expected
):
    assert sample_result.consistent
    assert sample_result.inferred_types[EX + individual] == {EX + name for name in expected}


def test_only_individuals_are_reported(sample_result):
    assert set(sample_result.inferred_types) == {
        EX + name for name in ("at_bound", "one_above", "half_above", "just_below", "above_small")
    }


def test_inferred_types_include_superclasses():
    graph = Graph().parse(
        data=SAMPLE + ":Tiny a owl:Class ; rdfs:subClassOf :Micro . :t a :Tiny .", format="turtle"
    )
    assert reason(graph).inferred_types[EX + "t"] == {EX + "Tiny", EX + "Micro", EX + "Firm"}


def test_inconsistent_graph_is_reported_not_raised():
    graph = Graph().parse(
        data=SAMPLE + ":Other a owl:Class ; owl:disjointWith :Firm . :at_bound a :Other .",
        format="turtle",
    )
    result = reason(graph)
    assert result.consistent is False
    assert result.inferred_types == {}


def test_functional_datatype_property_with_two_values_is_inconsistent():
    graph = Graph().parse(
        data=SAMPLE + ':one_above :workers "6"^^xsd:nonNegativeInteger .', format="turtle"
    )
    assert reason(graph).consistent is False


def test_unsatisfiable_class_is_listed(sample_result):
    graph = Graph().parse(
        data=SAMPLE + ":Both a owl:Class ; rdfs:subClassOf :Micro, :Small .", format="turtle"
    )
    result = reason(graph)
    assert result.consistent
    assert result.unsatisfiable == [EX + "Both"]
    assert sample_result.unsatisfiable == []


def test_missing_java_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(ReasonerError, match="Java not found"):
        reason(Graph().parse(data=SAMPLE, format="turtle"))
