"""classify_graph and assessment_graph on known Turtle data (tests/classify/data/sentra.ttl)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from umkm_kg.classify import (
    Figures,
    assessment_graph,
    assessment_triples,
    classify_figures,
    classify_graph,
    outcome_graph,
    outcome_iri,
    possible_results,
    rule_sets,
)
from umkm_kg.errors import DataErrors
from umkm_kg.namespaces import ID, SIZE, UMKM

DATA = Path(__file__).parent / "data" / "sentra.ttl"
PREFIXES = """
@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a: <https://w3id.org/umkm-kg/id/enterprise/a/> .
@prefix id: <https://w3id.org/umkm-kg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(DATA)


def _rows(results):
    return {
        r.identifier: (
            r.rule_set,
            r.by_net_assets,
            r.by_capital,
            r.by_annual_sales,
            r.by_workers,
            r.size_class,
            r.conflict,
        )
        for r in results
    }


def test_each_enterprise_uses_the_rule_set_in_force_on_its_sentras_date(graph):
    assert _rows(classify_graph(graph)) == {
        "E1": ("pp_7_2021", None, None, "micro", None, "micro", False),
        "E2": ("pp_7_2021", None, "small", "micro", None, None, True),
        "E3": ("pp_7_2021", None, None, "medium", "micro", "medium", False),
        "E4": ("uu_20_2008", "small", None, "small", "medium", "small", False),
        "E5": ("uu_9_1995", "medium_or_large", None, None, None, "medium_or_large", False),
        "E6": (None, None, None, None, "large", None, False),
        "E7": ("pp_7_2021", None, "large", "large", None, "large", False),
        "E8": (None, None, None, None, None, None, False),
    }


def test_as_of_picks_one_rule_set_for_all(graph):
    rows = _rows(classify_graph(graph, as_of=datetime.date(2015, 1, 1)))
    assert {row[0] for row in rows.values()} == {"uu_20_2008"}
    assert rows["E1"] == ("uu_20_2008", "micro", None, "small", None, None, True)
    assert rows["E6"] == ("uu_20_2008", None, None, None, "large", None, False)


def test_results_carry_iri_date_and_json_record(graph):
    e7 = next(r for r in classify_graph(graph) if r.identifier == "E7")
    assert e7.enterprise == ID["enterprise/s1/e7"]
    assert e7.as_of == datetime.date(2024, 6, 30)  # the later of its two sentra
    assert e7.record("E7") == {
        "enterprise": "E7",
        "rule_set": "pp_7_2021",
        "by_net_assets": None,
        "by_capital": "large",
        "by_annual_sales": "large",
        "by_workers": None,
        "class": "large",
        "conflict": False,
    }


def test_assessment_graph_has_one_assessment_per_rule_set_per_enterprise(graph):
    out = assessment_graph(graph)
    enterprises = set(graph.subjects(RDF.type, UMKM.Enterprise))
    links = list(out.subject_objects(UMKM.sizeAssessment))
    every_rule_set = {r.iri for r in rule_sets()}  # listed in tests/classify/test_rules.py
    assert len(enterprises) == 8 and len(links) == len(every_rule_set) * len(enterprises)
    # the outcomes are shared: described once each, fewer than the links
    outcomes = set(out.subjects(RDF.type, UMKM.SizeAssessment))
    assert outcomes == set(out.objects(None, UMKM.sizeAssessment))
    assert len(outcomes) < len(links)
    for enterprise in enterprises:
        assessed = {
            out.value(a, UMKM.ruleSet) for a in out.objects(enterprise, UMKM.sizeAssessment)
        }
        assert assessed == every_rule_set


def test_assessment_of_a_conflict_has_both_classes_no_class_and_the_flag(graph):
    out = assessment_graph(graph)
    node = ID["size-outcome/uu-20-2008/annual-sales-small/net-assets-micro"]
    assert (ID["enterprise/s1/e1"], UMKM.sizeAssessment, node) in out
    assert set(out.predicate_objects(node)) == {
        (RDF.type, UMKM.SizeAssessment),
        (UMKM.ruleSet, UMKM.RuleSet_UU_20_2008),
        (UMKM.byNetAssets, SIZE.micro),
        (UMKM.byAnnualSales, SIZE.small),
        (UMKM.criteriaConflict, Literal(True)),
    }


def test_legal_assessments_leave_workers_to_bps(graph):
    out = assessment_graph(graph)
    e4 = ID["enterprise/s2/e4"]
    by_rule_set = {out.value(a, UMKM.ruleSet): a for a in out.objects(e4, UMKM.sizeAssessment)}
    legal = by_rule_set[UMKM.RuleSet_UU_20_2008]
    bps = by_rule_set[UMKM.RuleSet_BPS_Workers]
    assert out.value(legal, UMKM.byWorkers) is None
    assert out.value(legal, UMKM.sizeClass) == SIZE.small
    assert out.value(bps, UMKM.byWorkers) == SIZE.medium
    assert out.value(bps, UMKM.sizeClass) == SIZE.medium
    assert out.value(bps, UMKM.criteriaConflict) == Literal(False)
    # an enterprise without figures still gets its assessments, with no class
    e8_pp = ID["size-outcome/pp-7-2021/annual-sales-unknown/capital-unknown"]
    assert (ID["enterprise/s4/e8"], UMKM.sizeAssessment, e8_pp) in out
    assert out.value(e8_pp, UMKM.sizeClass) is None


@pytest.mark.parametrize(
    ("triples", "message"),
    [
        ('a:b umkm:netAssetsIDR "500 juta" .', "umkm:netAssetsIDR is"),
        ('a:b umkm:annualSalesIDR "3.0E8"^^xsd:double .', "umkm:annualSalesIDR is"),
        ('a:b umkm:capitalIDR "abc"^^xsd:decimal .', "umkm:capitalIDR is"),
        ('a:b umkm:workers "4.5"^^xsd:decimal .', "not a whole number"),
        ("a:b umkm:workers 4 , 5 .", "two values for umkm:workers"),
        ('id:sentra-x org:hasMember a:b ; umkm:asOf "2024" .', "not an xsd:date"),
    ],
)
def test_bad_figures_and_dates_are_named(triples, message):
    bad = Graph().parse(data=PREFIXES + triples, format="turtle")
    with pytest.raises(DataErrors, match=message) as caught:
        classify_graph(bad)
    assert "enterprise/a/b" in str(caught.value) or "sentra-x" in str(caught.value)


def test_a_whole_decimal_is_a_worker_count():
    data = PREFIXES + 'a:b a umkm:Enterprise ; umkm:workers "5.0"^^xsd:decimal .'
    [result] = classify_graph(
        Graph().parse(data=data, format="turtle"), as_of=datetime.date(2024, 1, 1)
    )
    assert result.by_workers == "small"


def test_outcome_graph_describes_every_outcome_once():
    outcomes = outcome_graph()
    nodes = set(outcomes.subjects(RDF.type, UMKM.SizeAssessment))
    for rules in rule_sets():
        results = possible_results(rules)
        assert len({outcome_iri(r) for r in results}) == len(results)
        assert {outcome_iri(r) for r in results} <= nodes
    for node in nodes:  # one rule set, one conflict flag each; a class only without conflict
        assert len(list(outcomes.objects(node, UMKM.ruleSet))) == 1
        [flag] = outcomes.objects(node, UMKM.criteriaConflict)
        assert not (flag.toPython() and outcomes.value(node, UMKM.sizeClass) is not None)
    # PP 7/2021: capital and sales, each unknown or one of four classes
    assert len([n for n in nodes if "/pp-7-2021/" in n]) == 5 * 5


def test_assessment_triples_are_the_assessment_graph(graph):
    triples = list(assessment_triples(graph))
    assert len(triples) == len(set(triples))
    assert set(triples) == set(assessment_graph(graph))


def test_every_result_at_the_bounds_has_an_outcome_node():
    for rules in rule_sets():
        for criterion in rules.criteria:
            for band in criterion.bands:
                for bound in (band.lower, band.upper):
                    if bound is None:
                        continue
                    for value in (bound - 1, bound, bound + 1):
                        number = int(value) if criterion.field == "workers" else value
                        figures = Figures(**{criterion.field: max(number, 0)})
                        result = classify_figures(figures, rules)
                        assert result in possible_results(rules)
                        assert outcome_iri(result) in set(outcome_graph().subjects())
