"""The catalogue on the bundled examples: the founding paper's Kediri sentra and the illustrative
sentra of other provinces (examples/), loaded through the template loader into the store."""

from __future__ import annotations

import pytest

from tests.queries.helpers import table
from umkm_kg.resources import resource_dir
from umkm_kg.store import open_store

KEDIRI = "id:sentra/35.71.01.1002/2020-13122/sentra-industri-tenun-ikat-kota-kediri"


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    folder = resource_dir("examples")
    with open_store(tmp_path_factory.mktemp("examples") / "store") as store:
        for name in ("kediri-tenun-ikat", "illustrative"):
            store.load(folder / name)
        yield store


def _kediri(rows, *columns):
    return {row for row in table(rows, "sentra", *columns) if row[0] == KEDIRI}


def test_kediri_internal_cooperation_is_the_papers_three_kinds(examples):
    rows = examples.query("internal-cooperation")
    assert {kind for _, kind in _kediri(rows, "kind")} == {
        "kind:joint_production",
        "kind:subcontracting",
        "kind:joint_procurement",
    }


def test_kediri_external_partners_and_the_4_percent_credit(examples):
    rows = examples.query("external-partners", sentra_id="KDR-TENUN")
    kinds = {kind for (kind,) in table(rows, "kind")}
    assert kinds >= {
        "kind:investment_credit",
        "kind:working_capital_credit",
        "kind:equipment_innovation",
        "kind:subsidised_credit",
        "kind:exhibition_facilitation",
        "kind:training",
        "kind:comparative_study",
    }
    assert ("kind:subsidised_credit", 4) in table(rows, "kind", "interestRatePercent")
    assert ("umkm:CentralBank", "kind:comparative_study") in table(rows, "partnerType", "kind")


def test_kediri_credit_comes_from_three_institutions(examples):
    rows = examples.query("support-overlap", support="kind:credit")
    assert {(support, count) for _, support, count in _kediri(rows, "support", "institutions")} == {
        ("kind:credit", 3)
    }


def test_kediri_technology_touch_is_the_universitys_skein_counter(examples):
    rows = examples.query("technology-touch")
    kediri = [row for row in rows if str(row["sentra"]).endswith("tenun-ikat-kota-kediri")]
    assert [(str(r["kind"]).rsplit("/", 1)[1]) for r in kediri] == ["equipment_innovation"]
    assert "ukelan" in kediri[0]["innovation"].lower()


def test_kediri_turnover_is_undecided_because_the_paper_gives_none(examples):
    rows = examples.query("turnover-threshold")
    assert _kediri(rows, "members", "membersWithTurnover", "meetsThreshold") == {
        (KEDIRI, 15, 0, None)
    }


def test_cooperation_intensity_per_province(examples):
    rows = examples.query("cooperation-intensity")
    assert (
        "id:region/35",
        "id:region/35.71",
        KEDIRI,
        3,
        8,  # the paper's seven external cooperations and its competitions (lomba)
    ) in table(rows, "province", "kabKota", "sentra", "internal", "external")
    assert {p for (p,) in table(rows, "province")} >= {"id:region/35", "id:region/33"}


def test_sentra_by_activity_and_region(examples):
    rows = examples.query("sentra-by-activity", activity="id:kbli/2020/13", region="id:region/35")
    assert table(rows, "sentra") == {(KEDIRI,)}
    textiles = examples.query("sentra-by-activity", activity="id:kbli/2020/131")
    assert len(textiles) == 2  # tenun ikat (13122) and batik (13134)


def test_cross_regional_questions_answer_on_the_illustrative_sentra(examples):
    assert KEDIRI not in {s for (s,) in table(examples.query("cross-province-market"), "sentra")}
    assert examples.query("cross-province-market")
    institutions = table(examples.query("multi-region-institutions"), "institution", "regions")
    assert ("id:institution/bank-indonesia", 3) in institutions
    gaps = table(examples.query("financial-partner-gaps"), "sentra")
    assert (KEDIRI,) not in gaps and gaps
    assert table(examples.query("value-chain"), "relation") == {("buyer",), ("supplier",)}
    assert examples.query("size-disagreements")


def test_kediri_size_structure_counts_its_fifteen_weavers(examples):
    rows = [
        r
        for r in examples.query("size-structure")
        if str(r["sentra"]).endswith("tenun-ikat-kota-kediri")
    ]
    assert sum(r["members"] for r in rows) == 15
    roles = examples.query("cluster-composition", sentra_id="KDR-TENUN")
    assert ("role:core_industry",) in table(roles, "role")


def test_kediri_infrastructure_has_all_four_kinds_recorded(examples):
    rows = examples.query("infrastructure-gaps")
    assert "missing" not in {status for _, status in _kediri(rows, "status")}
