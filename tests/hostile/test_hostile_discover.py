"""Bad input to discover and to the cube mappings: one clear message, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.discovery.planted import MAPPING, write_planted
from tests.linking.jatim_rows import HEADER


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, _, err = run_cli(capsys, *args)
    return code, " ".join(err.split())


def _no_region_columns(tmp_path: Path) -> Path:
    columns = HEADER.split(",")
    keep = [i for i, c in enumerate(columns) if c not in ("KAB_KOTA", "KECAMATAN")]
    row = "1,[71] KOTA KEDIRI,MOJOROTO,TENUN,USAHA 1" + ",x" * (len(columns) - 5)
    cells = row.split(",")
    path = tmp_path / "jatim_umkm_binaan_2024.csv"
    path.write_text(
        ",".join(columns[i] for i in keep) + "\n" + ",".join(cells[i] for i in keep) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "provinsi"], "unknown level 'provinsi': expected one of kabkota, kecamatan"),
        (["--min-units", "0"], "--min-units must be at least 1 (got 0)"),
        (["--min-units", "-3"], "--min-units must be at least 1 (got -3)"),
        (["--as-of", "31-12-2021"], "--as-of '31-12-2021' is not a date"),
        (["--lang", "fr"], "unknown language 'fr'"),
    ],
)
def test_bad_options(tmp_path, capsys, args, message) -> None:
    listing = write_planted(tmp_path)
    code, err = run(capsys, "discover", str(listing), "--mapping", MAPPING, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_unknown_mapping(tmp_path, capsys) -> None:
    code, err = run(capsys, "discover", str(write_planted(tmp_path)), "--mapping", "nope")
    assert code == 2 and "unknown mapping 'nope'" in err


def test_listing_without_a_region_column(tmp_path, capsys) -> None:
    path = _no_region_columns(tmp_path)
    code, err = run(capsys, "discover", str(path), "--mapping", MAPPING)
    assert code == 2
    assert "jatim_umkm_binaan_2024.csv, row 1, column 'KAB_KOTA'" in err
    assert "no region column" in err


def test_missing_file(tmp_path, capsys) -> None:
    code, err = run(capsys, "discover", str(tmp_path / "nope.csv"), "--mapping", MAPPING)
    assert code == 2 and "no such file or folder" in err


_EKRAF = (
    "id,id_index,kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,"
    "kategori_ekraf,jumlah_usaha,periode_update,satuan,tahun\n"
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,1,35,JAWA TIMUR,3571,KOTA KEDIRI,KRIYA,12,2024,UNIT,",
         "row 3, column 'tahun': the year is empty"),
        ("1,1,35,JAWA TIMUR,3571,KOTA KEDIRI,KRIYA,dua belas,2024,UNIT,2024",
         "row 3, column 'jumlah_usaha': 'dua belas' is not a number"),
        ('1,1,35,JAWA TIMUR,3571,KOTA KEDIRI,KRIYA,"1,500",2024,UNIT,2024',
         "row 3, column 'jumlah_usaha': '1,500' is ambiguous"),
        ("1,1,35,JAWA TIMUR,3571,KOTA KEDIRI,KRIYA,-4,2024,UNIT,2024",
         "row 3, column 'jumlah_usaha': '-4' is not a count"),
        ("1,1,35,JAWA TIMUR,9999,ATLANTIS,KRIYA,4,2024,UNIT,2024",
         "row 3, column 'kode_kabupaten_kota'"),
    ],
)  # fmt: skip
def test_bad_cube_cells(tmp_path, capsys, row, message) -> None:
    path = tmp_path / "jumlah_usaha_ekonomi_kreatif_berdasarkan_17_sub_sektor.csv"
    good = "1,1,35,JAWA TIMUR,3572,KOTA BLITAR,KRIYA,3,2024,UNIT,2024\n"
    path.write_text(_EKRAF + good + row + "\n", encoding="utf-8")
    store = tmp_path / "store"
    code, err = run(capsys, "cube", str(path), "--store", str(store))
    assert code == 2, err
    assert f"jumlah_usaha_ekonomi_kreatif_berdasarkan_17_sub_sektor.csv, {message}" in err
    assert "nothing was loaded" in err and "Traceback" not in err


def test_cube_without_a_mapping_for_the_file(tmp_path, capsys) -> None:
    path = tmp_path / "something_else.csv"
    path.write_text(_EKRAF, encoding="utf-8")
    code, err = run(capsys, "cube", str(path))
    assert code == 2 and "no cube mapping reads this file" in err
