"""ROBOT-report-style checks: the shipped ontology has no ERROR, and each check catches a
small planted defect (its near-miss)."""

from __future__ import annotations

import pytest
from rdflib import DCTERMS, Graph, URIRef

from umkm_kg.classify import assessment_graph
from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.ontology_checks import GRADES, errors, load_checks, read_check, run_checks
from umkm_kg.resources import resource_dir
from umkm_kg.sources import read_graph

ONTOLOGY_IRI = "https://w3id.org/umkm-kg/ontology"
PREFIXES = """
@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
LOOM_DEFINITION = """ skos:definition "Alat untuk menenun kain."@id , "A tool to weave cloth."@en ;
    dcterms:source "Makalah dasar" ."""

# check name -> (Turtle added to the ontology, the entity the check must report)
DEFECTS: dict[str, tuple[str, str]] = {
    "missing_label": (
        'umkm:Loom a owl:Class ; rdfs:label "alat tenun"@id ;' + LOOM_DEFINITION,
        UMKM.Loom,
    ),
    "missing_definition": (
        'umkm:Loom a owl:Class ; rdfs:label "alat tenun"@id , "loom"@en ;'
        ' skos:definition "A tool to weave cloth."@en ; dcterms:source "Makalah dasar" .',
        UMKM.Loom,
    ),
    "duplicate_label": (
        'umkm:Weaver a owl:Class ; rdfs:label "Usaha"@id , "weaver"@en ;' + LOOM_DEFINITION,
        UMKM.Weaver,
    ),
    "multiple_values_per_language": ('umkm:Sentra rdfs:label "Sentra industri"@id .', UMKM.Sentra),
    "whitespace": (
        'umkm:Loom a owl:Class ; rdfs:label "alat tenun"@id , "loom "@en ;' + LOOM_DEFINITION,
        UMKM.Loom,
    ),
    "undeclared_term": ("umkm:Sentra rdfs:subClassOf umkm:Organisation .", UMKM.Organisation),
    "object_and_datatype_property": ("umkm:product a owl:ObjectProperty .", UMKM.product),
    "ontology_header": (
        '<https://w3id.org/umkm-kg/extra> a owl:Ontology ; dcterms:title "extra"@en .',
        "https://w3id.org/umkm-kg/extra",
    ),
    "subclass_cycle": (
        "umkm:Bank rdfs:subClassOf umkm:Enterprise . umkm:Enterprise rdfs:subClassOf umkm:Bank .",
        UMKM.Enterprise,
    ),
    "missing_source": (
        'umkm:Loom a owl:Class ; rdfs:label "alat tenun"@id , "loom"@en ;'
        ' skos:definition "Alat untuk menenun kain."@id , "A tool to weave cloth."@en .',
        UMKM.Loom,
    ),
}


def test_shipped_ontology_has_no_error():
    found = errors(run_checks())
    assert found == [], "\n".join(f"{f.check}: {f.entity} {f.property} {f.value}" for f in found)


def test_every_check_has_a_header_and_a_near_miss():
    checks = load_checks()
    assert {check.name for check in checks} == set(DEFECTS)
    for check in checks:
        assert check.title and check.grade in GRADES and check.description


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_check_catches_its_near_miss(name):
    turtle, entity = DEFECTS[name]
    graph = ontology_graph()
    assert str(entity) not in {finding.entity for finding in run_checks(graph, names=[name])}
    graph.parse(data=PREFIXES + turtle, format="turtle")
    findings = run_checks(graph, names=[name])
    assert str(entity) in {finding.entity for finding in findings}
    assert all(finding.check == name for finding in findings)


def test_duplicate_label_reports_both_terms():
    graph = ontology_graph()
    graph.parse(data=PREFIXES + DEFECTS["duplicate_label"][0], format="turtle")
    entities = {f.entity for f in run_checks(graph, names=["duplicate_label"])}
    assert entities == {str(UMKM.Weaver), str(UMKM.Enterprise)}


def test_missing_license_of_the_shipped_header_is_reported():
    graph = ontology_graph()
    graph.remove((URIRef(ONTOLOGY_IRI), DCTERMS.license, None))
    findings = run_checks(graph, names=["ontology_header"])
    assert [(f.entity, f.property) for f in findings] == [(ONTOLOGY_IRI, str(DCTERMS.license))]


def test_missing_label_names_the_missing_language():
    graph = ontology_graph()
    graph.parse(data=PREFIXES + DEFECTS["missing_label"][0], format="turtle")
    [finding] = run_checks(graph, names=["missing_label"])
    assert (finding.entity, finding.value, finding.grade) == (str(UMKM.Loom), "en", "ERROR")


def test_check_without_grade_is_refused(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: no grade\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(UmkmKgError, match="grade"):
        read_check(bad)


def test_checks_run_on_any_graph():
    assert run_checks(Graph()) == []


def test_terms_written_for_the_bundled_examples_are_declared():
    """The loader's and the classifier's output for every example uses only declared terms."""
    examples = [path for path in resource_dir("examples").iterdir() if path.is_dir()]
    if not examples:
        pytest.skip("no bundled examples found")
    data = read_graph(examples)
    graph = ontology_graph()
    for triple in data:
        graph.add(triple)
    for triple in assessment_graph(data):
        graph.add(triple)
    assert len(graph) > len(ontology_graph()) + 1000
    undeclared = run_checks(graph, names=["undeclared_term"])
    assert [(f.entity, f.property) for f in undeclared] == []
