"""classify_figures on known values: every boundary, the "atau" conflict, missing figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from umkm_kg.classify import Figures, SizeResult, classify_figures, rule_set, rule_sets


@pytest.mark.parametrize(
    ("key", "figures", "expected"),
    [
        # UU 20/2008 Pasal 6: net assets, "paling banyak" 50 jt is still micro
        ("uu_20_2008", Figures(net_assets=Decimal(0)), "micro"),
        ("uu_20_2008", Figures(net_assets=Decimal(50_000_000)), "micro"),
        ("uu_20_2008", Figures(net_assets=Decimal("50000000.01")), "small"),
        ("uu_20_2008", Figures(net_assets=Decimal(50_000_001)), "small"),
        ("uu_20_2008", Figures(net_assets=Decimal(500_000_000)), "small"),
        ("uu_20_2008", Figures(net_assets=Decimal(500_000_001)), "medium"),
        ("uu_20_2008", Figures(net_assets=Decimal(10_000_000_000)), "medium"),
        ("uu_20_2008", Figures(net_assets=Decimal(10_000_000_001)), "large"),
        ("uu_20_2008", Figures(net_assets=Decimal(-5_000_000)), "micro"),
        ("uu_20_2008", Figures(annual_sales=Decimal(300_000_000)), "micro"),
        ("uu_20_2008", Figures(annual_sales=Decimal(300_000_001)), "small"),
        ("uu_20_2008", Figures(annual_sales=Decimal(2_500_000_000)), "small"),
        ("uu_20_2008", Figures(annual_sales=Decimal(2_500_000_001)), "medium"),
        ("uu_20_2008", Figures(annual_sales=Decimal(50_000_000_000)), "medium"),
        ("uu_20_2008", Figures(annual_sales=Decimal(50_000_000_001)), "large"),
        # UU 9/1995 Pasal 5: small, else medium or large (no micro, no medium ceiling)
        ("uu_9_1995", Figures(net_assets=Decimal(200_000_000)), "small"),
        ("uu_9_1995", Figures(net_assets=Decimal(200_000_001)), "medium_or_large"),
        ("uu_9_1995", Figures(annual_sales=Decimal(1_000_000_000)), "small"),
        ("uu_9_1995", Figures(annual_sales=Decimal(1_000_000_001)), "medium_or_large"),
        # PP 7/2021 Pasal 35: modal usaha and annual sales
        ("pp_7_2021", Figures(capital=Decimal(1_000_000_000)), "micro"),
        ("pp_7_2021", Figures(capital=Decimal(1_000_000_001)), "small"),
        ("pp_7_2021", Figures(capital=Decimal(5_000_000_001)), "medium"),
        ("pp_7_2021", Figures(capital=Decimal(10_000_000_001)), "large"),
        ("pp_7_2021", Figures(annual_sales=Decimal(2_000_000_000)), "micro"),
        ("pp_7_2021", Figures(annual_sales=Decimal(15_000_000_000)), "small"),
        ("pp_7_2021", Figures(annual_sales=Decimal(15_000_000_001)), "medium"),
        ("pp_7_2021", Figures(annual_sales=Decimal(50_000_000_001)), "large"),
        # net assets are not a criterion of PP 7/2021, capital is not one of UU 20/2008
        ("pp_7_2021", Figures(net_assets=Decimal(20_000_000_000)), None),
        ("uu_20_2008", Figures(capital=Decimal(20_000_000_000)), None),
        # BPS by workers
        ("bps_workers", Figures(workers=0), None),
        ("bps_workers", Figures(workers=1), "micro"),
        ("bps_workers", Figures(workers=4), "micro"),
        ("bps_workers", Figures(workers=5), "small"),
        ("bps_workers", Figures(workers=19), "small"),
        ("bps_workers", Figures(workers=20), "medium"),
        ("bps_workers", Figures(workers=99), "medium"),
        ("bps_workers", Figures(workers=100), "large"),
        ("bps_workers", Figures(), None),
    ],
)
def test_known_values(key, figures, expected):
    result = classify_figures(figures, rule_set(key))
    assert result.size_class == expected
    assert result.conflict is False


def test_assets_and_sales_that_disagree_are_both_reported_and_flagged():
    figures = Figures(net_assets=Decimal(50_000_000), annual_sales=Decimal(300_000_001))
    assert classify_figures(figures, rule_set("uu_20_2008")) == SizeResult(
        rule_set="uu_20_2008",
        by_net_assets="micro",
        by_annual_sales="small",
        size_class=None,
        conflict=True,
    )


def test_capital_and_sales_that_disagree_are_flagged():
    figures = Figures(capital=Decimal(1_000_000_001), annual_sales=Decimal(2_000_000_000))
    result = classify_figures(figures, rule_set("pp_7_2021"))
    assert (result.by_capital, result.by_annual_sales, result.size_class, result.conflict) == (
        "small",
        "micro",
        None,
        True,
    )


def test_agreeing_criteria_give_the_class_and_only_the_rule_sets_own_criteria_are_filled():
    figures = Figures(
        net_assets=Decimal(500_000_000),
        capital=Decimal(1),
        annual_sales=Decimal(2_500_000_000),
        workers=20,
    )
    assert classify_figures(figures, rule_set("uu_20_2008")) == SizeResult(
        rule_set="uu_20_2008", by_net_assets="small", by_annual_sales="small", size_class="small"
    )
    assert classify_figures(figures, rule_set("bps_workers")) == SizeResult(
        rule_set="bps_workers", by_workers="medium", size_class="medium"
    )


def test_a_figure_in_no_band_does_not_block_the_other_criterion():
    # 0 workers is in no BPS band; a rule set with one criterion then has no class
    assert classify_figures(
        Figures(workers=0, annual_sales=Decimal(1)), rule_set("bps_workers")
    ) == (SizeResult(rule_set="bps_workers"))


def test_the_fast_band_search_agrees_with_a_linear_scan_around_every_bound():
    # size_of bisects the sorted bands; a plain scan over Band.contains is the reference
    checked = 0
    for rules in rule_sets():
        for criterion in rules.criteria:
            bounds = {
                b for band in criterion.bands for b in (band.lower, band.upper) if b is not None
            }
            for bound in bounds:
                for value in (
                    bound - 1,
                    bound - Decimal("0.01"),
                    bound,
                    bound + Decimal("0.01"),
                    bound + 1,
                    0,
                ):
                    holding = [band.size for band in criterion.bands if band.contains(value)]
                    assert len(holding) <= 1
                    assert criterion.size_of(value) == (holding[0] if holding else None), (
                        rules.key,
                        criterion.name,
                        value,
                    )
                    checked += 1
    assert checked > 100


def test_results_list_the_figures_in_the_same_order():
    # classify_figures writes the class by a figure at that figure's position
    assert tuple(f"by_{name}" for name in Figures._fields) == SizeResult._fields[1:5]
