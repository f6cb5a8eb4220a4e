"""The fast engine gives exactly the results of pySHACL (the reference) on the same fixtures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import Member, SentraSpec, sentra_graph
from rdflib import XSD, Literal, URIRef
from test_profile import NEAR_MISSES

from umkm_kg.namespaces import ORG, UMKM
from umkm_kg.validation import validate


def _keys(result) -> set:
    return {(r.key(), r.messages) for r in _normalised(result.results)}


def _normalised(results):
    # Oxigraph writes "320000000"^^xsd:decimal where rdflib keeps "320000000.0": same value.
    for result in results:
        value = result.value
        if isinstance(value, Literal) and value.datatype == XSD.decimal:
            value = Literal(Decimal(str(value)).normalize(), datatype=XSD.decimal)
        yield type(result)(**{**result.__dict__, "value": value})


def test_identical_results_on_the_cases(fast_result, reference_result):
    assert _keys(fast_result) == _keys(reference_result)
    assert [s.to_json() for s in fast_result.sentra] == [
        s.to_json() for s in reference_result.sentra
    ]


def test_identical_data_errors_on_bad_data():
    graph = sentra_graph(
        SentraSpec(key="BAD", name="Sentra Rusak", members=[Member() for _ in range(6)])
    )
    firm = next(graph.objects(None, ORG.hasMember))
    sentra = next(graph.subjects(ORG.hasMember, firm))
    graph.add((firm, UMKM.netAssetsIDR, Literal("-5", datatype=XSD.decimal)))
    graph.add((firm, UMKM.workers, Literal("-3", datatype=XSD.integer)))
    graph.add((firm, UMKM.foundingYear, Literal("tahun lalu")))
    graph.add((sentra, UMKM.locatedIn, URIRef("https://w3id.org/umkm-kg/id/region/35.7")))
    graph.add((sentra, UMKM.monthlyTurnoverIDR, Literal("abc")))
    fast = validate(graph, engine="fast")
    reference = validate(graph, engine="pyshacl")
    assert _keys(fast) == _keys(reference)
    assert [p.to_json() for p in fast.data_errors] == [p.to_json() for p in reference.data_errors]
    shapes = {p.shape for p in fast.data_errors}
    assert {
        "umkmsh:enterprise_net_assets",
        "umkmsh:enterprise_workers",
        "umkmsh:enterprise_founding_year",
        "umkmsh:sentra_region",
        "umkmsh:sentra_turnover",
    } <= shapes
    assert fast.exit_code == 2


@pytest.mark.parametrize("shape", sorted(NEAR_MISSES))
def test_identical_results_on_each_near_miss(shape):
    # each profile shape's near miss (a second value, a wrong class, a bad datatype...) gives
    # the same results in both engines, and so does the multi-valued path it may create
    graph = sentra_graph(SentraSpec())
    NEAR_MISSES[shape](graph)
    fast = validate(graph, engine="fast")
    assert _keys(fast) == _keys(validate(graph, engine="pyshacl"))
    assert f"umkmsh:{shape}" in {p.shape for p in fast.data_errors}


@pytest.mark.parametrize("values_first", [True, False])
def test_both_join_orders_give_the_reference_results(monkeypatch, values_first):
    # the fast engine picks, per value check, values first or focus nodes first from counts in
    # the store; either order must give pySHACL's results (every near miss at once here)
    from umkm_kg.validation.fast.run import Counts

    # a target as large as any path (values first) or with no focus nodes (target first)
    focus_nodes = 10**12 if values_first else 0
    graph = sentra_graph(SentraSpec())
    for mutate in NEAR_MISSES.values():
        mutate(graph)
    monkeypatch.setattr(Counts, "_target", lambda self, target: focus_nodes)
    fast_result = validate(graph, engine="fast")
    assert _keys(fast_result) == _keys(validate(graph, engine="pyshacl"))
    assert {p.shape for p in fast_result.data_errors} >= {f"umkmsh:{s}" for s in NEAR_MISSES}
