"""Cube mappings on the real Open Data Jatim / BPS files; LQ queries on a hand-computed cube."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.discovery.planted import MAPPING, write_planted
from umkm_kg.cli import main
from umkm_kg.cube import convert_table, cube_mappings, mapping_for
from umkm_kg.errors import DataErrors
from umkm_kg.store import open_store

EKRAF_HEADER = (
    "id,id_index,kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,"
    "kategori_ekraf,jumlah_usaha,periode_update,satuan,tahun"
)


def _ekraf(folder: Path, counts: dict[tuple[str, str], int]) -> Path:
    rows = [
        f"{n},{n},35,JAWA TIMUR,{kab},X,{sector},{count},2024,UNIT,2024"
        for n, ((kab, sector), count) in enumerate(counts.items(), start=1)
    ]
    path = folder / "jumlah_usaha_ekonomi_kreatif_berdasarkan_17_sub_sektor.csv"
    path.write_text("\n".join([EKRAF_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cube_store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("cube")
    # Kota Kediri: 6 KRIYA + 4 KULINER; Kota Blitar: 2 KRIYA + 8 KULINER (province: 20 firms)
    table = _ekraf(folder, {("3571", "KRIYA"): 6, ("3571", "KULINER"): 4,
                            ("3572", "KRIYA"): 2, ("3572", "KULINER"): 8})  # fmt: skip
    store_path = folder / "store"
    listing = write_planted(folder)
    for args in (
        ["cube", str(table), "--store", str(store_path)],
        ["discover", str(listing), "--mapping", MAPPING, "--store", str(store_path), "--save"],
    ):
        try:
            main(args)
        except SystemExit as exit_:
            assert not exit_.code
    store = open_store(store_path)
    yield store
    store.close()


def test_location_quotients_on_a_hand_computed_table(cube_store) -> None:
    rows = cube_store.query("location-quotients", dataset="id:cube/jatim-ekraf-17-subsektor")
    found = {(str(r["region"])[-5:], r["category"]): r for r in rows}
    assert len(found) == 4
    kriya = found[("35.71", "KRIYA")]
    assert (kriya["e_ri"], kriya["e_r"], kriya["E_i"], kriya["E"]) == (6, 10, 8, 20)
    assert float(kriya["lq"]) == pytest.approx((6 / 10) / (8 / 20))  # 1.5
    assert float(found[("35.72", "KRIYA")]["lq"]) == pytest.approx(0.5)
    assert float(found[("35.71", "KULINER")]["lq"]) == pytest.approx((4 / 10) / (12 / 20))
    assert float(found[("35.72", "KULINER")]["lq"]) == pytest.approx((8 / 10) / (12 / 20))
    one = cube_store.query("location-quotients", category="KRIYA")
    assert {str(r["region"])[-5:] for r in one} == {"35.71", "35.72"}


def test_specialised_regions_with_the_threshold(cube_store) -> None:
    rows = cube_store.query("specialised-regions")
    assert {(str(r["region"])[-5:], r["category"]) for r in rows} == {
        ("35.71", "KRIYA"),
        ("35.72", "KULINER"),
    }  # fmt: skip  (1.5 and 1.333 >= 1.25)
    rows = cube_store.query("specialised-regions", threshold=Decimal("1.4"))
    assert {(str(r["region"])[-5:], r["category"]) for r in rows} == {("35.71", "KRIYA")}


def test_candidate_sentra_query(cube_store) -> None:
    rows = cube_store.query("candidate-sentra")
    got = {(r["kbliCode"], str(r["area"])[-8:], r["status"], r["ikmMin"], r["ikmMax"],
            r["members"]) for r in rows}  # fmt: skip
    assert got == {
        ("13121", "35.71.01", "met", 5, 5, 5),
        ("10794", "35.72.02", "met", 5, 5, 5),
        ("10392", "35.71.03", "unknown", 4, 6, 6),
    }
    assert {r["kbliCode"] for r in cube_store.query("candidate-sentra", status="unknown")} == {
        "10392"
    }
    blitar = cube_store.query("candidate-sentra", region="id:region/35.72")
    assert [r["kbliCode"] for r in blitar] == ["10794"]
    assert all(r["lq"] is not None for r in rows)


# --- the real tables -----------------------------------------------------------------------

REAL = {
    "jumlah_usaha_ekonomi_kreatif_berdasarkan_17_sub_sektor.csv": ("jatim_ekraf_17_subsektor", 444),
    "nilai_tambah_umkm_atas_dasar_harga_berlaku_di_38_kab_kota.csv": (
        "jatim_nilai_tambah_umkm",
        190,
    ),
    "nilai_modal_usaha_atas_izin_usaha_kecil_menurut_kabkota.csv": ("jatim_modal_usaha_kecil", 380),
    "bps_jumlah_perusahaan_imk_menurut_provinsi_2021.csv": ("bps_imk_provinsi", 68),
    "bps_jumlah_perusahaan_imk_menurut_provinsi_2023.csv": ("bps_imk_provinsi", 76),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REAL))
def test_cube_mappings_on_the_real_files(shared_data: Path, name: str) -> None:
    path = shared_data / "umkm" / "jatim_opendata" / name
    mapping = mapping_for(path)
    expected_mapping, observations = REAL[name]
    assert mapping.name == expected_mapping
    lines, count = convert_table(path, mapping)
    assert count == observations
    observations = [
        x for x in lines if x.endswith("<http://purl.org/linked-data/cube#Observation> .\n")
    ]
    assert len(observations) == len(set(observations)) == count


def test_real_decimal_styles_are_read_right(shared_data: Path) -> None:
    folder = shared_data / "umkm" / "jatim_opendata"
    value_added, _ = convert_table(
        folder / "nilai_tambah_umkm_atas_dasar_harga_berlaku_di_38_kab_kota.csv",
        mapping_for(Path("nilai_tambah_umkm_atas_dasar_harga_berlaku_di_38_kab_kota.csv")),
    )
    assert any("/35.01/2018> " in x and '"9932.44"' in x for x in value_added)  # 9,932.44
    capital, _ = convert_table(
        folder / "nilai_modal_usaha_atas_izin_usaha_kecil_menurut_kabkota.csv",
        mapping_for(Path("nilai_modal_usaha_atas_izin_usaha_kecil_menurut_kabkota.csv")),
    )
    assert any("/35.26/2023/2023-q1> " in x and '"0.03"' in x for x in capital)  # 0,03
    bps, _ = convert_table(
        folder / "bps_jumlah_perusahaan_imk_menurut_provinsi_2023.csv",
        mapping_for(Path("bps_jumlah_perusahaan_imk_menurut_provinsi_2023.csv")),
    )
    assert any("/35/2023/micro> " in x and '"862057"' in x for x in bps)
    assert any("/31/2023/small> " in x for x in bps)  # DKI JAKARTA renamed to 31


def test_real_shares_table_is_refused_where_it_contradicts_itself(shared_data: Path) -> None:
    path = shared_data / "umkm" / "jatim_opendata" / "persentase_usaha_mikro_dan_kecil.csv"
    with pytest.raises(DataErrors) as raised:
        convert_table(path, mapping_for(path))
    first = raised.value.errors[0]
    assert (first.file, first.row) == ("persentase_usaha_mikro_dan_kecil.csv", 89)
    assert "the same observation as row 17 (35.71, 2024)" in first.reason


def test_every_cube_mapping_reads() -> None:
    assert {m.name for m in cube_mappings()} >= {"jatim_ekraf_17_subsektor", "bps_imk_provinsi"}
