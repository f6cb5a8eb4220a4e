"""Named sentra fixtures with the verdicts they must get: conforming, near-miss and boundaries."""

from __future__ import annotations

from builders import INFRA_KINDS, Member, SentraSpec

MET = "met"
NOT = "not_met"
UNK = "unknown"


ALL_DATA = ("CooperationData", "InfrastructureData", "ClusterRoleData", "MarketReachData")
ALL_DATA_BUT_COOPERATION = tuple(k for k in ALL_DATA if k != "CooperationData")
ALL_DATA_BUT_INFRASTRUCTURE = tuple(k for k in ALL_DATA if k != "InfrastructureData")


def _members(n: int, **kw: object) -> list[Member]:
    return [Member(**kw) for _ in range(n)]


def _turnover_sum(total: int, n: int = 30) -> list[Member]:
    """``n`` small members whose monthly turnovers add up to exactly ``total``."""
    each = total // n
    members = _members(n, turnover=each)
    members[0].turnover = each + total - each * n
    return members


# name -> (spec, expected statuses of the criteria named; the others are not asserted)
CASES: dict[str, tuple[SentraSpec, dict[str, str]]] = {
    "conforming": (
        SentraSpec(),
        dict.fromkeys(
            [
                "similar_small_units",
                "market_prospect",
                "monthly_turnover",
                "technology_touch",
                "infrastructure",
                "market_network",
                "financial_institution",
                "sentra_minimum_units",
            ],
            MET,
        ),
    ),
    "units_29": (
        SentraSpec(members=_members(29, turnover=20_000_000)),
        {"similar_small_units": NOT, "sentra_minimum_units": MET},
    ),
    "units_30_micro": (
        SentraSpec(members=_members(30, size="micro")),
        {"similar_small_units": MET},
    ),
    "other_kbli_not_counted": (
        SentraSpec(members=_members(29) + [Member(kbli="13121")]),
        {"similar_small_units": NOT, "sentra_minimum_units": MET},
    ),
    "medium_not_counted": (
        SentraSpec(members=_members(29) + [Member(size="medium")]),
        {"similar_small_units": NOT},
    ),
    "size_unknown": (
        SentraSpec(members=_members(28) + _members(2, size=None)),
        {"similar_small_units": UNK},
    ),
    "kbli_blank": (
        SentraSpec(members=_members(29) + [Member(kbli=None)]),
        {"similar_small_units": UNK},
    ),
    "fifteen_cannot_reach": (
        SentraSpec(members=_members(15, size=None, turnover=None)),
        {"similar_small_units": NOT, "monthly_turnover": UNK, "sentra_minimum_units": UNK},
    ),
    "criteria_disagree_both_small": (
        SentraSpec(
            members=_members(29)
            + [Member(size=None, by={"byNetAssets": "micro", "byAnnualSales": "small"})]
        ),
        {"similar_small_units": MET},
    ),
    "criteria_disagree_small_medium": (
        SentraSpec(
            members=_members(29)
            + [Member(size=None, by={"byNetAssets": "small", "byAnnualSales": "medium"})]
        ),
        {"similar_small_units": UNK},
    ),
    "above_50_is_information": (
        SentraSpec(members=_members(55, turnover=10_000_000)),
        {"similar_small_units": MET},
    ),
    "turnover_499999999": (
        SentraSpec(members=_turnover_sum(499_999_999)),
        {"monthly_turnover": NOT},
    ),
    "turnover_500000000": (
        SentraSpec(members=_turnover_sum(500_000_000)),
        {"monthly_turnover": MET},
    ),
    "turnover_missing": (
        SentraSpec(members=_members(29, turnover=10_000_000) + [Member(turnover=None)]),
        {"monthly_turnover": UNK},
    ),
    "turnover_known_enough": (
        SentraSpec(members=_members(29, turnover=20_000_000) + [Member(turnover=None)]),
        {"monthly_turnover": MET},
    ),
    "reported_turnover_decides": (
        SentraSpec(members=_members(30, turnover=None), reported_turnover=499_999_999),
        {"monthly_turnover": NOT},
    ),
    "no_technology_touch": (
        SentraSpec(cooperation=[("joint_production", None), ("investment_credit", "bank")]),
        {"technology_touch": NOT, "financial_institution": MET},
    ),
    "joint_innovation_is_technology": (
        SentraSpec(
            cooperation=[("joint_innovation", None), ("working_capital_credit", "microfinance")]
        ),
        {"technology_touch": MET, "financial_institution": MET},
    ),
    "infrastructure_kind_missing": (
        SentraSpec(infrastructure=dict.fromkeys(INFRA_KINDS[:3], True)),
        {"infrastructure": NOT},
    ),
    "infrastructure_inadequate": (
        SentraSpec(infrastructure={**dict.fromkeys(INFRA_KINDS, True), "transport": False}),
        {"infrastructure": NOT},
    ),
    "infrastructure_adequacy_blank": (
        SentraSpec(infrastructure={**dict.fromkeys(INFRA_KINDS, True), "clean_water": None}),
        {"infrastructure": UNK},
    ),
    "no_market_network": (
        SentraSpec(
            market_reach=(),
            cooperation=[("equipment_innovation", "university"), ("investment_credit", "bank")],
        ),
        {"market_network": NOT},
    ),
    "buyer_role_is_market_network": (
        SentraSpec(
            market_reach=(),
            cooperation=[("supply", "other"), ("investment_credit", "bank")],
            buyers=1,
        ),
        {"market_network": MET},
    ),
    "market_data_not_given": (
        SentraSpec(
            market_reach=(),
            cooperation=[("equipment_innovation", "university"), ("investment_credit", "bank")],
            data_given=("CooperationData", "InfrastructureData", "ClusterRoleData"),
        ),
        {"market_network": UNK},
    ),
    "market_data_given_none": (
        SentraSpec(
            market_reach=(),
            cooperation=[("equipment_innovation", "university"), ("investment_credit", "bank")],
            data_given=ALL_DATA,
        ),
        {"market_network": NOT},
    ),
    "cooperation_not_given": (
        SentraSpec(cooperation=[], data_given=ALL_DATA_BUT_COOPERATION),
        {"technology_touch": UNK, "financial_institution": UNK, "market_network": MET},
    ),
    "cooperation_given_none": (
        SentraSpec(cooperation=[], data_given=ALL_DATA),
        {"technology_touch": NOT, "financial_institution": NOT},
    ),
    "infrastructure_not_given": (
        SentraSpec(infrastructure={}, data_given=ALL_DATA_BUT_INFRASTRUCTURE),
        {"infrastructure": UNK},
    ),
    "infrastructure_given_none": (
        SentraSpec(infrastructure={}, data_given=ALL_DATA),
        {"infrastructure": NOT},
    ),
    "prospect_not_clear": (
        SentraSpec(clear_market_prospect=False),
        {"market_prospect": NOT},
    ),
    "prospect_not_judged": (
        SentraSpec(clear_market_prospect=None),
        {"market_prospect": UNK},
    ),
    "additional_not_met_still_ready": (
        SentraSpec(
            infrastructure=dict.fromkeys(INFRA_KINDS[:3], True),
            market_reach=(),
            cooperation=[("joint_production", None), ("equipment_innovation", "university")],
            members=_members(30) + [Member(kbli="10391")],
        ),
        {
            "similar_small_units": MET,
            "infrastructure": NOT,
            "market_network": NOT,
            "financial_institution": NOT,
        },
    ),
    "ikm_large_not_counted": (
        SentraSpec(members=_members(4) + [Member(size="large")]),
        {"sentra_minimum_units": NOT},
    ),
    "ikm_medium_counted": (
        SentraSpec(members=_members(4) + [Member(size="medium")]),
        {"sentra_minimum_units": MET},
    ),
    "ikm_size_unknown": (
        SentraSpec(members=_members(4) + [Member(size=None)]),
        {"sentra_minimum_units": UNK},
    ),
    "turnover_annual_estimate": (
        SentraSpec(members=_members(30, turnover=None, annual_sales=240_000_000)),
        {"monthly_turnover": MET},
    ),
    "turnover_annual_estimate_below": (
        SentraSpec(members=_members(30, turnover=None, annual_sales=199_999_999)),
        {"monthly_turnover": NOT},
    ),
    "reported_and_members_disagree": (
        SentraSpec(members=_members(30, turnover=10_000_000), reported_turnover=600_000_000),
        {"monthly_turnover": UNK},
    ),
    "reported_and_members_agree": (
        SentraSpec(members=_members(30, turnover=20_000_000), reported_turnover=600_000_000),
        {"monthly_turnover": MET},
    ),
    "kbli_2025_member_counts": (
        SentraSpec(members=_members(29) + [Member(kbli="13122", kbli_version=2025)]),
        {"similar_small_units": MET, "sentra_minimum_units": MET},
    ),
    "kbli_2025_correspondence_unknown": (
        SentraSpec(members=_members(29) + [Member(kbli="13123", kbli_version=2025)]),
        {"similar_small_units": UNK},
    ),
    "kbli_2025_known_other": (
        SentraSpec(members=_members(29) + [Member(kbli="10307", kbli_version=2025)]),
        {"similar_small_units": NOT},
    ),
    "kbli_2025_overlap_is_open": (
        SentraSpec(
            kbli="13121",
            members=_members(29, kbli="13121") + [Member(kbli="13122", kbli_version=2025)],
        ),
        {"similar_small_units": UNK},
    ),
    "no_financial_institution": (
        SentraSpec(
            cooperation=[
                ("equipment_innovation", "university"),
                ("subsidised_credit", "local_government"),
            ]
        ),
        {"financial_institution": NOT, "technology_touch": MET},
    ),
    "four_units": (
        SentraSpec(members=_members(4)),
        {"sentra_minimum_units": NOT, "similar_small_units": NOT},
    ),
    "five_units": (
        SentraSpec(members=_members(5)),
        {"sentra_minimum_units": MET},
    ),
    "no_as_of": (
        SentraSpec(as_of=None),
        {"similar_small_units": UNK, "sentra_minimum_units": UNK},
    ),
    "before_2021_rule_set": (
        SentraSpec(as_of="2019-05-01"),
        {"similar_small_units": MET},
    ),
}


def case_spec(name: str) -> SentraSpec:
    """The spec of a case, with its own key and name so that cases can share one graph."""
    spec = CASES[name][0]
    spec.key = name
    spec.name = f"Sentra {name}"
    return spec
