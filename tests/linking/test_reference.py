"""The shipped reference data: regions by code and name, parents, Papua codes, KBLI."""

from __future__ import annotations

import csv
import importlib
import json
from pathlib import Path

import pytest

from umkm_kg.errors import UmkmKgError
from umkm_kg.reference import (
    by_bps,
    children,
    kbli,
    kbli_ancestors,
    lookup,
    name_key,
    normalise_code,
    parents,
    region,
    successor,
    use_kbli2025,
)

# the module, not the function of the same name that the package exports
kbli_module = importlib.import_module("umkm_kg.reference.kbli")


def test_region_by_code_with_bps_and_wikidata() -> None:
    bandar_kidul = region("35.71.01.1002")
    assert bandar_kidul is not None
    assert (bandar_kidul.name, bandar_kidul.level, bandar_kidul.type) == (
        "Bandar Kidul",
        4,
        "kelurahan",
    )
    assert bandar_kidul.parent == "35.71.01"
    assert bandar_kidul.bps == "3571010005"  # domain.md §5
    assert region("3571011002") == bandar_kidul  # undotted
    kota = region("35.71")
    assert kota is not None and kota.type == "kota" and kota.wikidata == "Q11443"
    kabupaten = region("35.06")
    assert kabupaten is not None and kabupaten.type == "kabupaten"
    assert kabupaten.wikidata == "Q11084"
    assert region("35") is not None and region("35").wikidata == "Q3586"
    assert region("35.99") is None and region("Kediri") is None
    assert by_bps("3571010005") == bandar_kidul


def test_parents_chain_up_to_the_province() -> None:
    assert [r.name for r in parents("35.71.01.1002")] == ["Mojoroto", "Kota Kediri", "Jawa Timur"]
    assert parents("35") == []
    assert "35.71.01.1002" in {r.code for r in children("35.71.01")}


def test_all_four_levels_are_complete() -> None:
    from umkm_kg.reference import all_regions

    levels = [r.level for r in all_regions()]
    assert len(levels) == 91_599
    assert levels.count(1) == 38 and levels.count(2) == 514


@pytest.mark.parametrize(
    ("query", "code", "method"),
    [
        ("35.71.01.1002", "35.71.01.1002", "code"),
        ("[71] KOTA KEDIRI", "35.71", "bracket_code"),
        ("[06] KEDIRI", "35.06", "bracket_code"),
        ("[9] JEMBER", "35.09", "bracket_code"),
        ("Kab. Kediri", "35.06", "name"),
        ("KABUPATEN KEDIRI", "35.06", "name"),
        ("kota kediri", "35.71", "name"),
        ("Prov. Jawa Timur", "35", "name"),
        ("Kab Malang", "35.07", "name"),
    ],
)
def test_lookup_as_people_write_it(query: str, code: str, method: str) -> None:
    match = lookup(query)
    assert match.status == "found", match
    assert match.region is not None and match.region.code == code
    assert match.method == method


def test_ambiguous_name_lists_candidates_not_a_guess() -> None:
    match = lookup("Kediri")
    assert match.status == "ambiguous" and match.region is None
    assert {"35.06", "35.71"} <= {r.code for r in match.regions}
    within_jatim = lookup("Kediri", within="35", level=2)
    assert within_jatim.status == "ambiguous"
    assert {r.code for r in within_jatim.regions} == {"35.06", "35.71"}
    assert lookup("Mojoroto", within="35.71", level=3).region.code == "35.71.01"


def test_unknown_code_and_name_are_not_found() -> None:
    assert lookup("35.71.99").status == "not_found"
    assert lookup("[88] KOTA ATLANTIS").status == "not_found"
    assert lookup("Qwertyuiop", within="35").status == "not_found"


def test_name_key_survives_punctuation_and_spacing() -> None:
    assert name_key("Soka'an") == name_key('Soka"an') == "sokaan"
    assert name_key("Urek-Urek") == name_key("Urek - Urek")
    assert name_key("B e b u") == name_key("Bebu")
    assert normalise_code(" 3571 ") == "35.71" and normalise_code("35.7") is None


def test_papua_2022_old_codes_find_their_region() -> None:
    change = successor("91.01")  # Kabupaten Merauke before the split
    assert change is not None and change.new_code == "93.01"
    assert change.valid_from.isoformat() == "2022-07-25" and "UU 14/2022" in change.source
    assert region("93.01").name == "Kabupaten Merauke"
    assert region("93.01").wikidata == "Q27693"  # the 2016 QID followed the move
    match = lookup("91.02")  # Jayawijaya, now in Papua Pegunungan
    assert match.status == "found" and match.region.code == "95.01"
    assert match.method == "code_change" and "2022-07-25" in match.note
    assert successor("91") is None  # Papua still exists
    assert successor("91.03") is None  # Kabupaten Jayapura kept its code
    assert successor("92.01").new_code == "96.01"  # Sorong, Papua Barat Daya (UU 29/2022)


def test_desa_name_variants_hit_rate(shared_data: Path) -> None:
    """OCR/extraction variants of 69 village names, looked up inside their kecamatan."""
    with (shared_data / "wilayah/desa_name_variants_2025.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    hits = wrong = hits_in_kabkota = 0
    for row in rows:
        match = lookup(row["nama_yonatanyl"], within=row["kode"].rsplit(".", 1)[0], level=4)
        hits += match.status == "found" and match.region.code == row["kode"]
        wrong += match.status == "found" and match.region.code != row["kode"]
        wide = lookup(row["nama_yonatanyl"], within=row["kode"][:5], level=4)
        hits_in_kabkota += wide.status == "found" and wide.region.code == row["kode"]
    # measured: 67/69 (97.1 %) inside the kecamatan, 65/69 inside the kab/kota, 0 wrong
    assert len(rows) == 69
    assert hits / len(rows) >= 0.95
    assert hits_in_kabkota / len(rows) >= 0.90
    assert wrong == 0


def test_kbli_2020_levels_and_parents() -> None:
    tenun_ikat = kbli("2020", "13122")
    assert tenun_ikat is not None and tenun_ikat.title == "Industri Kain Tenun Ikat"
    assert (tenun_ikat.level, tenun_ikat.parent) == (5, "1312")
    assert [e.code for e in kbli_ancestors(2020, "13122")] == ["1312", "131", "13", "C"]
    assert kbli(2020, "C").level == 1 and kbli(2020, "99999") is None


@pytest.mark.parametrize("version", [None, "", "2009"])
def test_kbli_without_a_known_version_is_an_error(version: str | None) -> None:
    with pytest.raises(UmkmKgError, match="version"):
        kbli(version, "13122")


def test_kbli_2025_is_not_shipped_but_reads_the_users_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(kbli_module.KBLI2025_ENV, raising=False)
    monkeypatch.setattr(kbli_module, "_kbli2025_dir", None)
    kbli_module._kbli2025.cache_clear()
    with pytest.raises(UmkmKgError, match="not shipped"):
        kbli("2025", "13122")
    levels = {
        "01_kategori.json": [{"code": "C", "title": "INDUSTRI PENGOLAHAN"}],
        "02_golongan_pokok.json": [{"code": "13", "title": "TEKSTIL", "kategori_code": "C"}],
        "03_golongan.json": [{"code": "131", "title": "X", "golongan_pokok_code": "13"}],
        "04_subgolongan.json": [{"code": "1312", "title": "Y", "golongan_code": "131"}],
        "05_kelompok.json": [
            {"code": "13122", "title": "NON-MACHINE WEAVING", "subgolongan_code": "1312"}
        ],
    }
    for name, items in levels.items():
        (tmp_path / name).write_text(json.dumps(items), encoding="utf-8")
    try:
        assert use_kbli2025(tmp_path) == 5
        entry = kbli("2025", "13122")
        assert entry.version == "2025" and entry.title == "NON-MACHINE WEAVING"
        assert kbli("2020", "13122").title == "Industri Kain Tenun Ikat"  # versions stay apart
        (tmp_path / "05_kelompok.json").write_text("[{", encoding="utf-8")
        with pytest.raises(UmkmKgError, match="05_kelompok.json"):
            use_kbli2025(tmp_path)
    finally:
        monkeypatch.setattr(kbli_module, "_kbli2025_dir", None)
        kbli_module._kbli2025.cache_clear()


def test_reference_build_is_deterministic(shared_data: Path, tmp_path: Path) -> None:
    """Re-running the converter gives the shipped files byte for byte."""
    from umkm_kg.reference.build import build
    from umkm_kg.resources import resource_dir

    build(shared_data, tmp_path)
    shipped = resource_dir("reference")
    for built in sorted(tmp_path.iterdir()):
        assert built.read_bytes() == (shipped / built.name).read_bytes(), built.name


def test_data_coded_before_the_papua_split_finds_its_region(tmp_path: Path) -> None:
    """A template row with the old code 91.02 (Jayawijaya) is located in 95.01."""
    from umkm_kg.iris import region_iri
    from umkm_kg.loading import load_source
    from umkm_kg.namespaces import UMKM

    (tmp_path / "sentra.csv").write_text(
        "sentra_id,name,region_code,kbli,kbli_version\nW1,Sentra Noken Wamena,91.02,13929,2020\n",
        encoding="utf-8",
    )
    with load_source(tmp_path) as result:
        graph = result.graph()
        assert set(graph.objects(None, UMKM.locatedIn)) == {region_iri("95.01")}
