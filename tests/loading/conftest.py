"""Helpers for loader tests: a blank template folder, filled row by row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from umkm_kg.loading import write_template

SENTRA = {
    "sentra_id": "S1",
    "name": "Sentra Uji Tenun",
    "region_code": "35.71.01.1002",
    "kbli": "13122",
    "product": "sarung goyor; kain tenun ikat",
    "founded_year": "1946",
    "as_of": "2017-06-30",
    "market_reach": "35.71; Kabupaten Blitar",
    "monthly_turnover_idr": "2,5 M",
}


def fill(folder: Path, table: str, rows: list[dict[str, str]]) -> Path:
    """Append rows to a template CSV file, under the header the template wrote."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            unknown = set(row) - set(header)
            assert not unknown, f"not template columns: {unknown}"
            writer.writerow(row.get(column, "") for column in header)
    return path


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A blank template folder with one valid sentra row."""
    folder = tmp_path / "data"
    write_template(folder)
    fill(folder, "sentra", [SENTRA])
    return folder
