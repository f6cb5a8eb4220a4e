"""The files of ``shapes/`` are held to what the ontology is held to: well-formed SHACL (checked
against SHACL-for-SHACL, pySHACL's bundled shapes graph), the hygiene checks of
``ontology/checks/`` (names and descriptions in Indonesian and English, sources), and a header
with title, description, license, source and the package's version. Each check has a near miss.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pyshacl
import pytest
from pyshacl.errors import ReportableRuntimeError
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from umkm_kg.namespaces import SH_UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.ontology_checks import run_checks
from umkm_kg.resources import resource_dir
from umkm_kg.validation.shapes import shapes_graph

SHAPES_FILES = sorted(resource_dir("shapes").glob("*.ttl"))
MALFORMED = Path(__file__).parent / "fixtures" / "malformed_shape.ttl"
# pySHACL resolves this IRI to the SHACL-for-SHACL graph it bundles (shacl-shacl.ttl)
SHACL_SHACL = "http://www.w3.org/ns/shacl-shacl"


def _meta_report(shapes: Graph) -> set[tuple[str, str | None]]:
    """(focus node, result path) of every result of validating ``shapes`` against SHACL-SHACL."""
    _conforms, report, _text = pyshacl.validate(shapes, shacl_graph=SHACL_SHACL, inference="none")
    return {
        (str(report.value(result, SH.focusNode)), _str(report.value(result, SH.resultPath)))
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }


def _str(node: object) -> str | None:
    return None if node is None else str(node)


def test_there_are_shapes_files():
    assert {path.name for path in SHAPES_FILES} >= {"criteria.ttl", "profile.ttl"}


@pytest.mark.parametrize("path", SHAPES_FILES, ids=[p.name for p in SHAPES_FILES])
def test_shapes_file_is_well_formed_shacl(path):
    shapes = Graph().parse(path, format="turtle")
    assert _meta_report(shapes) == set()
    # pySHACL's own switch refuses a malformed shapes graph before validating any data
    conforms, _report, _text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms


def test_malformed_shape_is_rejected_by_the_meta_check():
    """Near miss: a shape with a text sh:maxCount and two sh:path values."""
    shapes = Graph().parse(MALFORMED, format="turtle")
    broken = str(SH_UMKM.broken_label)
    assert {(broken, str(SH.maxCount)), (broken, str(SH.path))} <= _meta_report(shapes)
    with pytest.raises(ReportableRuntimeError, match="does not validate against the SHACL"):
        pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)


def test_a_shipped_shape_made_malformed_is_rejected():
    """Near miss of the shipped file: one property shape's sh:datatype becomes a text."""
    shapes = Graph().parse(resource_dir("shapes") / "profile.ttl", format="turtle")
    shapes.set((SH_UMKM.enterprise_workers, SH.datatype, Literal("bilangan bulat")))
    assert (str(SH_UMKM.enterprise_workers), str(SH.datatype)) in _meta_report(shapes)


def _with_ontology(shapes: Graph) -> Graph:
    graph = ontology_graph()
    graph += shapes
    return graph


def _shape_findings(shapes: Graph, names: list[str] | None = None) -> list:
    """The hygiene findings (every grade; of the checks named, else all) about terms of the
    shapes graph."""
    own = {str(s) for s in shapes.subjects() if isinstance(s, URIRef)}
    return [f for f in run_checks(_with_ontology(shapes), names=names) if f.entity in own]


def test_shapes_pass_the_ontology_hygiene_checks():
    """Every node and property shape (and the shapes' own vocabulary) has a name and a
    description in @id and @en and cites a source; no label is shared, no whitespace is stray;
    no finding of any grade, warnings included."""
    findings = _shape_findings(shapes_graph())
    assert findings == [], "\n".join(
        f"{f.check}: {f.entity} {f.property} {f.value}" for f in findings
    )


def test_every_property_shape_has_its_own_name_in_both_languages():
    shapes = shapes_graph()
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        languages = {n.language for n in shapes.objects(shape, SH.name)}
        assert languages == {"id", "en"}, shape


@pytest.mark.parametrize(
    ("drop", "check", "value"),
    [
        ((SH.name, "id"), "missing_label", "id"),
        ((SH.description, "en"), "missing_definition", "en"),
        ((DCTERMS.source, None), "missing_source", str(SH.PropertyShape)),
    ],
)
def test_hygiene_near_miss_on_a_shape(drop, check, value):
    """A property shape without its Indonesian name, its English description, or any source
    (itself or through its node shape) is reported."""
    shapes = shapes_graph()
    shape = SH_UMKM.sentra_region
    prop, lang = drop
    for literal in list(shapes.objects(shape, prop)):
        if lang is None or getattr(literal, "language", None) == lang:
            shapes.remove((shape, prop, literal))
    if prop == DCTERMS.source:  # the node shape holding it cites one too
        shapes.remove((SH_UMKM.SentraProfile, DCTERMS.source, None))
    found = {(f.check, f.entity, f.value) for f in _shape_findings(shapes, [check])}
    assert (check, str(shape), value) in found


def _headers(path: Path) -> list[URIRef]:
    graph = Graph().parse(path, format="turtle")
    return list(graph.subjects(RDF.type, OWL.Ontology))


@pytest.mark.parametrize("path", SHAPES_FILES, ids=[p.name for p in SHAPES_FILES])
def test_shapes_file_has_a_header_with_the_package_version(path):
    graph = Graph().parse(path, format="turtle")
    [header] = _headers(path)
    assert str(header) == f"https://w3id.org/umkm-kg/shapes/{path.stem}"
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {t.language for t in graph.objects(header, prop)} == {"id", "en"}, prop
    assert graph.value(header, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert graph.value(header, DCTERMS.source) is not None
    assert graph.value(header, OWL.versionIRI) is not None
    assert str(graph.value(header, OWL.versionInfo)) == version("umkm-kg")
    # the SPARQL constraints of the file declare their prefixes on its own header
    for constraint in graph.subjects(SH.prefixes, None):
        assert graph.value(constraint, SH.prefixes) == header


def test_the_ontology_and_the_shapes_carry_the_same_version():
    versions = {str(v) for v in ontology_graph().objects(None, OWL.versionInfo)}
    versions |= {str(v) for v in shapes_graph().objects(None, OWL.versionInfo)}
    assert versions == {version("umkm-kg")}


def test_header_near_miss_without_license_is_reported():
    shapes = shapes_graph()
    header = URIRef("https://w3id.org/umkm-kg/shapes/profile")
    shapes.remove((header, DCTERMS.license, None))
    findings = run_checks(_with_ontology(shapes), names=["ontology_header"])
    assert [(f.entity, f.property) for f in findings] == [(str(header), str(DCTERMS.license))]
