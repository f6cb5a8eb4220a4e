"""The fast engine gives exactly the results of pySHACL (the reference) on the same fixtures.

pySHACL validates every fixture of ``near_misses.FIXTURES`` in one run over their union (the
``near_miss_batch`` fixture); the fast engine runs on each fixture alone, and each comparison
reads the reference results of that fixture's own nodes.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from near_misses import FIXTURES, NEAR_MISSES
from rdflib import XSD, Literal

from umkm_kg.validation import validate


def _keys(results) -> set:
    return {(r.key(), r.messages) for r in _normalised(results)}


def _normalised(results):
    # Oxigraph writes "320000000"^^xsd:decimal where rdflib keeps "320000000.0": same value.
    for result in results:
        value = result.value
        if isinstance(value, Literal) and value.datatype == XSD.decimal:
            value = Literal(Decimal(str(value)).normalize(), datatype=XSD.decimal)
        yield type(result)(**{**result.__dict__, "value": value})


def test_identical_results_on_the_cases(fast_result, reference_result):
    assert _keys(fast_result.results) == _keys(reference_result.results)
    assert [s.to_json() for s in fast_result.sentra] == [
        s.to_json() for s in reference_result.sentra
    ]


def test_every_result_of_the_batch_belongs_to_one_fixture(near_miss_batch):
    """Nothing is lost or shared in the union: each result's focus node is one fixture's, and
    every fixture's sentra got its verdicts."""
    assert all(r.focus in near_miss_batch.fixture_of for r in near_miss_batch.validation.results)
    assert {near_miss_batch.fixture_of[s.iri] for s in near_miss_batch.validation.sentra} == set(
        FIXTURES
    )


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_identical_results_on_each_fixture(name, near_miss_batch):
    # each profile shape's near miss (a second value, a wrong class, a bad datatype...) gives
    # the same results in both engines, and so does the multi-valued path it may create
    fast = validate(near_miss_batch.graphs[name], engine="fast")
    assert _keys(fast.results) == _keys(near_miss_batch.results(name))
    assert [p.to_json() for p in fast.data_errors] == [
        p.to_json() for p in near_miss_batch.data_errors(name)
    ]
    assert [s.to_json() for s in fast.sentra] == [s.to_json() for s in near_miss_batch.sentra(name)]
    if name in NEAR_MISSES:
        assert f"umkmsh:{name}" in {p.shape for p in fast.data_errors}
    if name == "conforming":
        assert fast.data_errors == []


def test_identical_data_errors_on_bad_data(near_miss_batch):
    fast = validate(near_miss_batch.graphs["bad_data"], engine="fast")
    shapes = {p.shape for p in fast.data_errors}
    assert {
        "umkmsh:enterprise_net_assets",
        "umkmsh:enterprise_workers",
        "umkmsh:enterprise_founding_year",
        "umkmsh:sentra_region",
        "umkmsh:sentra_turnover",
    } <= shapes
    assert shapes == {p.shape for p in near_miss_batch.data_errors("bad_data")}
    assert fast.exit_code == 2


@pytest.mark.parametrize("values_first", [True, False])
def test_both_join_orders_give_the_reference_results(monkeypatch, values_first, near_miss_batch):
    # the fast engine picks, per value check, values first or focus nodes first from counts in
    # the store; either order must give pySHACL's results (every fixture at once here)
    from rdflib import Graph

    from umkm_kg.validation.fast.run import Counts

    # a target as large as any path (values first) or with no focus nodes (target first)
    focus_nodes = 10**12 if values_first else 0
    union = Graph()
    for graph in near_miss_batch.graphs.values():
        union += graph
    monkeypatch.setattr(Counts, "_target", lambda self, target: focus_nodes)
    fast_result = validate(union, engine="fast")
    assert _keys(fast_result.results) == _keys(near_miss_batch.validation.results)
    assert {p.shape for p in fast_result.data_errors} >= {f"umkmsh:{s}" for s in NEAR_MISSES}
