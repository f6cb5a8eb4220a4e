"""Each criterion: a conforming fixture, near misses and the boundaries of its thresholds."""

from __future__ import annotations

import datetime

import pytest
from cases import CASES

from umkm_kg.validation import Validation
from umkm_kg.validation.shapes import criteria


def _verdicts(result: Validation, name: str) -> dict:
    sentra = next(s for s in result.sentra if s.key == name)
    return {c.criterion.key: c for c in sentra.criteria}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_case_verdicts(name, engine, fast_result, reference_result):
    result = fast_result if engine == "fast" else reference_result
    verdicts = _verdicts(result, name)
    expected = CASES[name][1]
    assert {k: verdicts[k].status for k in expected} == expected


def test_boundary_values_and_messages(fast_result):
    units = _verdicts(fast_result, "units_29")["similar_small_units"]
    assert (units.value, units.criterion.required) == (29, 30)
    assert units.message["id"] == "29 unit usaha kecil sejenis; dibutuhkan minimal 30"
    assert units.message["en"] == "29 similar small business units; at least 30 required"
    turnover = _verdicts(fast_result, "turnover_499999999")["monthly_turnover"]
    assert turnover.value == 499_999_999
    assert "Rp 499.999.999" in turnover.message["id"]
    assert "Rp 500.000.000" in turnover.message["id"]
    fifteen = _verdicts(fast_result, "fifteen_cannot_reach")["similar_small_units"]
    assert fifteen.value == 0 and "paling banyak 15" in fifteen.message["id"]
    above = _verdicts(fast_result, "above_50_is_information")["similar_small_units"]
    assert above.value == 55 and "lebih dari 50" in above.message["id"]
    open_units = _verdicts(fast_result, "size_unknown")["similar_small_units"]
    assert open_units.value == 28 and "hingga 30" in open_units.message["id"]


def test_thresholds_are_read_from_the_shapes():
    required = {c.key: c.required for c in criteria()}
    assert required == {
        "similar_small_units": 30,
        "market_prospect": 1,
        "monthly_turnover": 500_000_000,
        "technology_touch": 1,
        "infrastructure": 4,
        "market_network": 1,
        "financial_institution": 1,
        "sentra_minimum_units": 5,
    }


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_sentra_status_follows_its_prerequisites_only(engine, fast_result, reference_result):
    result = fast_result if engine == "fast" else reference_result
    status = {s.key: s.status for s in result.sentra}
    assert status["conforming"] == "ready"
    assert status["units_29"] == "not_ready"
    assert status["turnover_missing"] == "incomplete"
    assert status["prospect_not_judged"] == "incomplete"
    assert status["prospect_not_clear"] == "not_ready"
    # the (d) conditions and the Sentra IKM question have their own verdicts, never the status
    assert status["additional_not_met_still_ready"] == "ready"
    assert status["infrastructure_not_given"] == "ready"
    assert status["ikm_large_not_counted"] == "not_ready"  # 5 members: fewer than 30 small
    assert result.exit_code == 1


def test_every_criterion_is_in_its_group():
    groups = {c.key: c.group.key for c in criteria()}
    assert groups == {
        "similar_small_units": "prerequisite",
        "market_prospect": "prerequisite",
        "monthly_turnover": "prerequisite",
        "technology_touch": "prerequisite",
        "infrastructure": "additional",
        "market_network": "additional",
        "financial_institution": "additional",
        "sentra_minimum_units": "sentra_ikm",
    }
    assert [c.group.decides_status for c in criteria()] == [True] * 4 + [False] * 4


def test_turnover_messages_name_both_figures_and_estimates(fast_result):
    estimate = _verdicts(fast_result, "turnover_annual_estimate")["monthly_turnover"]
    assert estimate.value == 600_000_000
    assert "30 di antaranya taksiran: penjualan tahunan / 12" in estimate.message["id"]
    below = _verdicts(fast_result, "turnover_annual_estimate_below")["monthly_turnover"]
    assert below.value == 30 * 16_666_666  # rounded down, never up across the threshold
    disagree = _verdicts(fast_result, "reported_and_members_disagree")["monthly_turnover"]
    assert "Rp 600.000.000" in disagree.message["id"] and "Rp 300.000.000" in disagree.message["id"]
    assert "two sides of the threshold" in disagree.message["en"]
    agree = _verdicts(fast_result, "reported_and_members_agree")["monthly_turnover"]
    assert "Rp 600.000.000" in agree.message["en"]
    assert "members' monthly turnover" in agree.message["en"]
    alone = _verdicts(fast_result, "reported_turnover_decides")["monthly_turnover"]
    assert "anggota" not in alone.message["id"]


def test_data_not_given_is_named_in_the_message(fast_result):
    touch = _verdicts(fast_result, "cooperation_not_given")["technology_touch"]
    assert touch.message["en"].startswith("no cooperation data given")
    market = _verdicts(fast_result, "market_data_not_given")["market_network"]
    assert "data not given by the source: market_reach" in market.message["en"]
    buyers = _verdicts(fast_result, "buyer_role_is_market_network")["market_network"]
    assert buyers.value == 1 and "1 buyers" in buyers.message["en"]
    ikm = _verdicts(fast_result, "ikm_large_not_counted")["sentra_minimum_units"]
    assert ikm.value == 4 and "usaha besar tidak dihitung" in ikm.message["id"]


def test_every_criterion_shape_is_documented():
    for criterion in criteria():
        assert set(criterion.name) == {"id", "en"}
        assert set(criterion.description) == {"id", "en"}
        assert criterion.source


def test_as_of_picks_the_rule_set_in_force():
    """Small under UU 20/2008 (net assets and sales) in 2019; re-dated to 2024 (PP 7/2021 in
    force) the capital says medium and the sales small, so the criterion cannot be decided."""
    from builders import Member, SentraSpec, sentra_graph

    from umkm_kg.validation import validate

    by = {"byNetAssets": "small", "byAnnualSales": "small", "byCapital": "medium"}
    members = [Member(size=None, by=by) for _ in range(30)]
    graph = sentra_graph(SentraSpec(as_of="2019-05-01", members=members))
    for engine in ("fast", "pyshacl"):
        dated = validate(graph, engine=engine)
        redated = validate(graph, engine=engine, as_of=datetime.date(2024, 1, 1))
        assert _verdicts(dated, "S1")["similar_small_units"].status == "met"
        assert _verdicts(redated, "S1")["similar_small_units"].status == "unknown"
