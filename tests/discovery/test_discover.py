"""discover: planted groups in a Jawa Timur-layout listing, LQ by hand, the JSON contract."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.discovery.planted import MAPPING, write_planted
from umkm_kg.classify import Figures
from umkm_kg.discovery import Firm, discover, listing_date, minimum_units, read_firms


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    return write_planted(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "discover", *args)


def _by_id(found, every=True):
    return {g.id: g for g in found.candidates(every)}


def test_the_minimum_comes_from_the_pp_29_2018_shape() -> None:
    assert minimum_units() == 5


def test_planted_groups_at_kecamatan_level(planted: Path) -> None:
    found = discover(read_firms(planted, MAPPING), as_of=listing_date(MAPPING))
    groups = _by_id(found)
    weavers = groups["35.71.01/2020-13121"]  # exactly 5 IKM, one listed twice
    assert (weavers.status, weavers.ikm_min, weavers.ikm_max) == ("met", 5, 5)
    assert [m.id for m in weavers.members] == ["1", "2", "3", "4", "5"]
    assert weavers.merged == [("6", "3")]
    tempe = groups["35.71.02/2020-10391"]  # 4 IKM + 1 large firm
    assert (tempe.status, tempe.ikm_min, tempe.ikm_max) == ("not_met", 4, 4)
    assert [m.size for m in tempe.members].count("large") == 1
    tahu = groups["35.71.03/2020-10392"]  # 4 known + 2 of unknown size
    assert (tahu.status, tahu.ikm_min, tahu.ikm_max) == ("unknown", 4, 6)
    snacks = groups["35.72.02/2020-10794"]  # one activity written five ways
    assert (snacks.status, len(snacks.members)) == ("met", 5)
    assert snacks.members[0].words == ("kripik",)
    for kecamatan in ("35.72.01", "35.72.03"):  # batik split over two kecamatan
        assert groups[f"{kecamatan}/2020-13134"].status == "not_met"
    assert [g.id for g in found.candidates()] == [
        "35.71.01/2020-13121", "35.72.02/2020-10794", "35.71.03/2020-10392",
    ]  # fmt: skip
    assert found.unresolved_activity == {"35.72.03": {"ambiguous": 1, "empty": 1}}
    assert found.no_region == {"35.72": 1}  # ATLANTIS is no kecamatan of Kota Blitar
    assert (found.firms_read, found.duplicates) == (31, 1)


def test_the_split_group_is_one_candidate_at_kabkota_level(planted: Path) -> None:
    found = discover(read_firms(planted, MAPPING), level="kabkota")
    batik = _by_id(found)["35.72/2020-13134"]
    assert (batik.status, batik.ikm_min) == ("met", 7)  # 3 + 3 + the one without kecamatan


def test_min_units_is_a_parameter(planted: Path) -> None:
    found = discover(read_firms(planted, MAPPING), min_units=3)
    assert _by_id(found)["35.72.01/2020-13134"].status == "met"


def _firm(n: int, kab: str, code: str) -> Firm:
    return Firm(str(n), "t", n, f"F{n}", f"{kab}.01", code, "2020", "", Figures(annual_sales=1))


def test_location_quotient_on_a_hand_computed_table() -> None:
    # Kota Kediri: 6 tenun ikat + 4 batik; Kota Blitar: 2 tenun ikat + 8 batik (20 firms)
    firms = [_firm(n, "35.71", "13122") for n in range(6)]
    firms += [_firm(n, "35.71", "13134") for n in range(6, 10)]
    firms += [_firm(n, "35.72", "13122") for n in range(10, 12)]
    firms += [_firm(n, "35.72", "13134") for n in range(12, 20)]
    groups = _by_id(discover(firms))
    # LQ = (e_ri / e_r) / (E_i / E)
    assert groups["35.71.01/2020-13122"].lq == pytest.approx((6 / 10) / (8 / 20))  # 1.5
    assert groups["35.72.01/2020-13122"].lq == pytest.approx((2 / 10) / (8 / 20))  # 0.5
    assert groups["35.71.01/2020-13134"].lq == pytest.approx((4 / 10) / (12 / 20), abs=1e-3)
    assert groups["35.72.01/2020-13134"].lq == pytest.approx((8 / 10) / (12 / 20), abs=1e-3)
    assert groups["35.71.01/2020-13122"].lq_counts == {"e_ri": 6, "e_r": 10, "E_i": 8, "E": 20}


def test_json_contract(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(planted), "--mapping", MAPPING, "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["status"] for r in rows] == ["met", "met", "unknown"]
    first = rows[0]
    for key in ("candidate", "region_code", "region_level", "kbli", "kbli_version",
                "activity_label", "status", "ikm_units", "firms", "merged", "evidence",
                "location_quotient"):  # fmt: skip
        assert key in first, key
    assert first["candidate"] == "35.71.01/2020-13121"
    assert (first["region_code"], first["region_level"]) == ("35.71.01", "kecamatan")
    assert (first["kbli"], first["kbli_version"]) == ("13121", "2020")
    assert first["activity_label"].startswith("Industri Pertenunan")
    assert first["ikm_units"] == {"min": 5, "max": 5}
    assert first["merged"] == ["6"] and first["evidence"]["1"] == ["kain", "tenun"]
    assert first["location_quotient"] == pytest.approx(1.75)
    assert "kegiatan tak terpecahkan: 2" in " ".join(err.split())  # Indonesian by default
    code, out, _ = run(capsys, str(planted), "--mapping", MAPPING, "--format", "json", "--all")
    assert len(json.loads(out)) == 6


def test_csv_and_table(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(planted), "--mapping", MAPPING, "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("candidate,region_code")
    assert lines[1].startswith("35.71.01/2020-13121,35.71.01,kecamatan,Mojoroto,13121")
    assert lines[-1].startswith("unresolved,35.72.03")
    code, out, _ = run(capsys, str(planted), "--mapping", MAPPING)
    assert code == 0 and "35.71.01" in out and "Sananwetan" in out and "terpenuhi" in out
    code, out, _ = run(capsys, str(planted), "--mapping", MAPPING, "--lang", "en")
    assert code == 0 and "Sananwetan" in out and "met" in out and "terpenuhi" not in out
    assert "unresolved activity: 2" in " ".join(out.split())


def test_the_template_listing_reads_its_region_from_the_sentra(tmp_path: Path) -> None:
    from umkm_kg.resources import resource_dir

    found = discover(read_firms(resource_dir("examples") / "kediri-tenun-ikat", "template"))
    weavers = _by_id(found)["35.71.01/2020-13122"]
    assert weavers.status in ("met", "unknown") and len(weavers.members) == 15


def test_listing_date_is_the_end_of_the_figures_year() -> None:
    assert listing_date(MAPPING) == datetime.date(2021, 12, 31)
    assert listing_date("template") is None
