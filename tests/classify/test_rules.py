"""The rule sets read from ontology/size-criteria.ttl: dates, bounds as the law writes them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDFS, SKOS

from umkm_kg.classify import (
    Figures,
    RuleSetError,
    classify_figures,
    read_rule_sets,
    rule_set,
    rule_set_in_force,
    rule_sets,
)
from umkm_kg.errors import UmkmKgError
from umkm_kg.resources import resource_path

J, M = 10**6, 10**9
INF = None

# (rule set, figure, size, lower, lower inclusive, upper, upper inclusive), from the legal texts:
# "paling banyak" = upper bound included, "lebih dari" = lower bound excluded.
LAW = [
    ("uu_9_1995", "netAssetsIDR", "small", INF, False, 200 * J, True),
    ("uu_9_1995", "netAssetsIDR", "medium_or_large", 200 * J, False, INF, False),
    ("uu_9_1995", "annualSalesIDR", "small", INF, False, 1 * M, True),
    ("uu_9_1995", "annualSalesIDR", "medium_or_large", 1 * M, False, INF, False),
    ("uu_20_2008", "netAssetsIDR", "micro", INF, False, 50 * J, True),
    ("uu_20_2008", "netAssetsIDR", "small", 50 * J, False, 500 * J, True),
    ("uu_20_2008", "netAssetsIDR", "medium", 500 * J, False, 10 * M, True),
    ("uu_20_2008", "netAssetsIDR", "large", 10 * M, False, INF, False),
    ("uu_20_2008", "annualSalesIDR", "micro", INF, False, 300 * J, True),
    ("uu_20_2008", "annualSalesIDR", "small", 300 * J, False, 2500 * J, True),
    ("uu_20_2008", "annualSalesIDR", "medium", 2500 * J, False, 50 * M, True),
    ("uu_20_2008", "annualSalesIDR", "large", 50 * M, False, INF, False),
    ("pp_7_2021", "capitalIDR", "micro", INF, False, 1 * M, True),
    ("pp_7_2021", "capitalIDR", "small", 1 * M, False, 5 * M, True),
    ("pp_7_2021", "capitalIDR", "medium", 5 * M, False, 10 * M, True),
    ("pp_7_2021", "capitalIDR", "large", 10 * M, False, INF, False),
    ("pp_7_2021", "annualSalesIDR", "micro", INF, False, 2 * M, True),
    ("pp_7_2021", "annualSalesIDR", "small", 2 * M, False, 15 * M, True),
    ("pp_7_2021", "annualSalesIDR", "medium", 15 * M, False, 50 * M, True),
    ("pp_7_2021", "annualSalesIDR", "large", 50 * M, False, INF, False),
    ("bps_workers", "workers", "micro", 1, True, 4, True),
    ("bps_workers", "workers", "small", 5, True, 19, True),
    ("bps_workers", "workers", "medium", 20, True, 99, True),
    ("bps_workers", "workers", "large", 100, True, INF, False),
]


def _bands():
    for rules in rule_sets():
        for criterion in rules.criteria:
            for band in criterion.bands:
                yield rules, criterion, band


def test_bounds_in_the_ontology_are_the_law():
    found = {
        (
            rules.key,
            criterion.name,
            band.size,
            band.lower,
            band.lower_inclusive,
            band.upper,
            band.upper_inclusive,
        )
        for rules, criterion, band in _bands()
    }
    expected = {
        (
            key,
            fig,
            size,
            None if lo is None else Decimal(lo),
            li,
            None if hi is None else Decimal(hi),
            hin,
        )
        for key, fig, size, lo, li, hi, hin in LAW
    }
    assert found == expected


def test_rule_sets_are_dated_and_ordered():
    assert [(r.key, r.legal, r.in_force_from, r.in_force_until) for r in rule_sets()] == [
        ("uu_9_1995", True, datetime.date(1995, 12, 26), datetime.date(2008, 7, 4)),
        ("uu_20_2008", True, datetime.date(2008, 7, 4), datetime.date(2021, 2, 2)),
        ("pp_7_2021", True, datetime.date(2021, 2, 2), None),
        ("bps_workers", False, None, None),
    ]


@pytest.mark.parametrize(
    ("day", "key"),
    [
        ("1995-12-25", None),
        ("1995-12-26", "uu_9_1995"),
        ("2008-07-03", "uu_9_1995"),
        ("2008-07-04", "uu_20_2008"),
        ("2021-02-01", "uu_20_2008"),
        ("2021-02-02", "pp_7_2021"),
        ("2030-01-01", "pp_7_2021"),
    ],
)
def test_rule_set_in_force_switches_on_the_day_a_law_takes_effect(day, key):
    found = rule_set_in_force(datetime.date.fromisoformat(day))
    assert (found.key if found else None) == key


def test_unknown_rule_set_key_names_the_known_ones():
    with pytest.raises(UmkmKgError, match="uu_20_2008"):
        rule_set("uu_1_2099")


def test_every_criterion_class_cites_its_article_and_speaks_both_languages():
    ontology = Graph().parse(resource_path("ontology", "size-criteria.ttl"))
    for rules, _criterion, band in _bands():
        cls = band.criterion_class
        for prop in (RDFS.label, SKOS.definition):
            assert {lit.language for lit in ontology.objects(cls, prop)} == {"id", "en"}, cls
        if rules.legal:
            assert "Pasal" in band.source, cls
        else:
            assert band.source.startswith("Badan Pusat Statistik"), cls
    for rules in rule_sets():
        assert ontology.value(rules.iri, DCTERMS.source) is not None


def _ontology_with(old: str, new: str) -> Graph:
    text = resource_path("ontology", "size-criteria.ttl").read_text(encoding="utf-8")
    assert old in text
    return Graph().parse(data=text.replace(old, new, 1), format="turtle")


def test_overlapping_bands_are_refused():
    # the small band of UU 20/2008 made to start at 50 jt inclusive: 50 jt would be micro and small
    graph = _ontology_with(
        '[ xsd:minExclusive "50000000"^^xsd:decimal ]',
        '[ xsd:minInclusive "50000000"^^xsd:decimal ]',
    )
    with pytest.raises(RuleSetError, match="overlap"):
        read_rule_sets(graph)


def test_unsupported_facet_is_refused():
    graph = _ontology_with('xsd:maxInclusive "4"^^xsd:integer', 'xsd:pattern "[0-4]"')
    with pytest.raises(RuleSetError, match="unsupported facet"):
        read_rule_sets(graph)


def test_rule_sets_in_force_together_are_refused():
    graph = _ontology_with(
        'umkm:inForceUntil "2008-07-04"^^xsd:date', 'umkm:inForceUntil "2009-01-01"^^xsd:date'
    )
    with pytest.raises(RuleSetError, match="in force together"):
        read_rule_sets(graph)


def test_the_classifier_reads_its_bounds_from_the_ontology():
    text = resource_path("ontology", "size-criteria.ttl").read_text(encoding="utf-8")
    for facet in ("maxInclusive", "minExclusive"):
        old = f'xsd:{facet} "50000000"^^xsd:decimal'
        assert text.count(old) == 1
        text = text.replace(old, f'xsd:{facet} "60000000"^^xsd:decimal')
    moved = {r.key: r for r in read_rule_sets(Graph().parse(data=text, format="turtle"))}
    figures = Figures(net_assets=Decimal(55_000_000))
    assert classify_figures(figures, moved["uu_20_2008"]).size_class == "micro"
    assert classify_figures(figures, rule_set("uu_20_2008")).size_class == "small"
