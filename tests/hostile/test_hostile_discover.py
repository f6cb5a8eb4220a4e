"""Bad input to discover and to the cube mappings: one clear message, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.discovery.planted import MAPPING, write_planted
from tests.linking.jatim_rows import HEADER
from umkm_kg.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    _, err = capsys.readouterr()
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
def test_bad_options(tmp_path, capsys, args, message) -> None:  # noqa: ANN001
    listing = write_planted(tmp_path)
    code, err = run(capsys, "discover", str(listing), "--mapping", MAPPING, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_unknown_mapping(tmp_path, capsys) -> None:  # noqa: ANN001
    code, err = run(capsys, "discover", str(write_planted(tmp_path)), "--mapping", "nope")
    assert code == 2 and "unknown mapping 'nope'" in err


def test_listing_without_a_region_column(tmp_path, capsys) -> None:  # noqa: ANN001
    path = _no_region_columns(tmp_path)
    code, err = run(capsys, "discover", str(path), "--mapping", MAPPING)
    assert code == 2
    assert "jatim_umkm_binaan_2024.csv, row 1, column 'KAB_KOTA'" in err
    assert "no region column" in err


def test_missing_file(tmp_path, capsys) -> None:  # noqa: ANN001
    code, err = run(capsys, "discover", str(tmp_path / "nope.csv"), "--mapping", MAPPING)
    assert code == 2 and "no such file or folder" in err
