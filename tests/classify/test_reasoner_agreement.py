"""HermiT and the fast classifier agree on every boundary of every rule set and criterion.

One reasoner run over individuals that each carry a single figure: at a bound, one cent and
one rupiah (or one worker) either side of it, zero, and minus one rupiah for money; plus the
multi-figure enterprises of data/sentra.ttl, where the criteria disagree. For every individual
and every rule set, the criterion classes HermiT infers must be exactly those of the sizes the
classifier gives.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib import namespace as ns

from umkm_kg.classify import classify_figures, enterprise_figures, rule_sets
from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.reasoning import reason

pytestmark = pytest.mark.java  # HermiT needs Java

DATA = Path(__file__).parent / "data" / "sentra.ttl"
SAMPLE = "urn:umkm-kg:test:boundary/"
CENT = Decimal("0.01")


def _samples() -> set[tuple[URIRef, Decimal]]:
    samples = set()
    for rules in rule_sets():
        for criterion in rules.criteria:
            whole = criterion.datatype == ns.XSD.integer
            steps = (1,) if whole else (1, CENT)
            samples.add((criterion.figure, Decimal(0)))
            if not whole:  # net assets can be negative: "paling banyak" has no floor
                samples.add((criterion.figure, Decimal(-1)))
            for band in criterion.bands:
                for bound in (band.lower, band.upper):
                    if bound is None:
                        continue
                    samples.add((criterion.figure, bound))
                    for step in steps:
                        samples.update(
                            {(criterion.figure, bound - step), (criterion.figure, bound + step)}
                        )
    return samples


def _literal(figure: URIRef, value: Decimal) -> Literal:
    if figure == UMKM.workers:
        return Literal(int(value), datatype=ns.XSD.nonNegativeInteger)
    return Literal(value, datatype=ns.XSD.decimal)


def _criterion_classes() -> dict[URIRef, tuple[str, URIRef, str]]:
    """criterion class -> (rule set key, figure, size)."""
    return {
        band.criterion_class: (rules.key, criterion.figure, band.size)
        for rules in rule_sets()
        for criterion in rules.criteria
        for band in criterion.bands
    }


@pytest.fixture(scope="module")
def boundary_graph() -> Graph:
    graph = Graph().parse(DATA)
    for figure, value in sorted(_samples()):
        individual = URIRef(f"{SAMPLE}{str(figure).rsplit('#', 1)[-1]}/{value}")
        graph.add((individual, RDF.type, UMKM.Enterprise))
        graph.add((individual, figure, _literal(figure, value)))
    return graph


@pytest.fixture(scope="module")
def hermit(boundary_graph):
    graph = ontology_graph() + boundary_graph
    # the figures are declared in umkm.ttl; repeating the declaration keeps this test standalone
    for figure in (UMKM.netAssetsIDR, UMKM.capitalIDR, UMKM.annualSalesIDR, UMKM.workers):
        graph.add((figure, RDF.type, OWL.DatatypeProperty))
    graph.add((UMKM.Enterprise, RDF.type, OWL.Class))
    return reason(graph)


def test_the_size_criteria_are_consistent_and_satisfiable(hermit):
    assert hermit.consistent
    assert not set(hermit.unsatisfiable) & {str(c) for c in _criterion_classes()}


def test_hermit_and_the_classifier_agree_on_every_individual(boundary_graph, hermit):
    classes = _criterion_classes()
    figures = enterprise_figures(boundary_graph)
    assert len(figures) > 80
    for enterprise, numbers in figures.items():
        expected = set()
        for rules in rule_sets():
            result = classify_figures(numbers, rules)
            for criterion in rules.criteria:
                size = result.by_figure(criterion.figure)
                expected.update(
                    str(band.criterion_class) for band in criterion.bands if band.size == size
                )
        inferred = hermit.inferred_types[str(enterprise)] & {str(c) for c in classes}
        assert inferred == expected, (str(enterprise), numbers)


def test_hermit_reaches_every_band_and_sees_the_atau_conflicts(boundary_graph, hermit):
    classes = _criterion_classes()
    inferred = {
        individual: {classes[URIRef(t)] for t in types if URIRef(t) in classes}
        for individual, types in hermit.inferred_types.items()
    }
    reached = {URIRef(t) for types in hermit.inferred_types.values() for t in types}
    assert set(classes) <= reached
    # the classifier's conflict flag is HermiT's "two sizes under one legal rule set"
    for enterprise, numbers in enterprise_figures(boundary_graph).items():
        for rules in rule_sets():
            sizes = {size for key, _figure, size in inferred[str(enterprise)] if key == rules.key}
            result = classify_figures(numbers, rules)
            assert result.conflict == (len(sizes) > 1), (str(enterprise), rules.key)
            assert result.size_class == (next(iter(sizes)) if len(sizes) == 1 else None)
    e1 = "https://w3id.org/umkm-kg/id/enterprise/s1/e1"
    assert {s for k, _f, s in inferred[e1] if k == "uu_20_2008"} == {"micro", "small"}
