"""Verdicts, size classes and query answers back into spreadsheets and pandas."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from umkm_kg.cli import main
from umkm_kg.resources import resource_dir
from umkm_kg.spreadsheet_cells import neutralise, restore
from umkm_kg.validation import validate_sources
from umkm_kg.validation.shapes import criteria

FORMULA = '=HYPERLINK("http://attacker.example","klik")'


@pytest.fixture(scope="module")
def hostile_example(tmp_path_factory) -> Path:
    """The Kediri example with a sentra name that a spreadsheet would run as a formula."""
    folder = tmp_path_factory.mktemp("data") / "kediri"
    shutil.copytree(resource_dir("examples") / "kediri-tenun-ikat", folder)
    sentra = folder / "sentra.csv"
    text = sentra.read_text(encoding="utf-8")
    quoted = '"' + FORMULA.replace('"', '""') + '"'  # a CSV cell holding quotes
    sentra.write_text(
        text.replace("Sentra Industri Tenun Ikat Kota Kediri", quoted), encoding="utf-8"
    )
    return folder


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code


# "-2+3", not "-2": a plain number cannot run and stays a number (umkm_kg.spreadsheet_cells)
@pytest.mark.parametrize("text", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised_and_restored(text):
    assert neutralise(text).startswith("'")
    assert restore(neutralise(text)) == text
    assert neutralise("Kediri") == "Kediri" and restore("'quoted") == "'quoted"


def test_validate_csv_has_a_row_per_sentra_and_criterion(hostile_example, capsys):
    assert run("validate", str(hostile_example), "--format", "csv") in (0, 1)
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(criteria())
    assert {row["criterion"] for row in rows} == {c.key for c in criteria()}
    assert {row["label"] for row in rows} == {"'" + FORMULA}
    assert {row["status"] for row in rows} <= {"met", "not_met", "unknown"}
    assert {row["criterion"]: row["group"] for row in rows} == {
        c.key: c.group.key for c in criteria()
    }
    assert {row["paper_klaster"] for row in rows} == {"yes"}
    assert {(row["province_code"], row["province"], row["kab_kota_code"], row["kab_kota"])
            for row in rows} == {("35", "Jawa Timur", "35.71", "Kota Kediri")}  # fmt: skip


def test_validate_xlsx_summarises_by_province_and_kab_kota(tmp_path):
    """Four sentra, each in its own province and kab/kota: the region sheets count each one
    under both, by code and name."""
    target = tmp_path / "regions.xlsx"
    folders = [resource_dir("examples") / name for name in ("kediri-tenun-ikat", "illustrative")]
    assert run("validate", *map(str, folders), "--format", "xlsx", "--lang", "en",
               "-o", str(target)) == 1  # fmt: skip
    book = load_workbook(target)
    assert book.sheetnames == ["verdicts", "summary", "regions", "regions-criteria"]
    regions = list(book["regions"].iter_rows(values_only=True))
    assert regions[0] == ("level", "code", "region", "sentra", "ready", "not_ready", "incomplete")
    assert ("province", "35", "Jawa Timur", 1, 0, 1, 0) in regions
    assert ("kab_kota", "35.71", "Kota Kediri", 1, 0, 1, 0) in regions
    assert ("kab_kota", "34.02", "Kabupaten Bantul", 1, 0, 0, 1) in regions
    assert len(regions) == 1 + 4 * 2
    by_criterion = list(book["regions-criteria"].iter_rows(min_row=2, values_only=True))
    assert len(by_criterion) == 4 * 2 * len(criteria())
    assert ("province", "52", "Nusa Tenggara Barat", "monthly_turnover",
            "Monthly turnover of the sentra", "prerequisite", 0, 1, 0) in by_criterion  # fmt: skip
    assert all(sum(row[-3:]) == 1 for row in by_criterion)


def test_validate_xlsx_writes_text_cells_and_a_summary(hostile_example, tmp_path):
    target = tmp_path / "putusan.xlsx"
    assert run("validate", str(hostile_example), "--format", "xlsx", "-o", str(target)) in (0, 1)
    book = load_workbook(target)
    assert book.sheetnames == ["putusan", "ringkasan", "wilayah", "wilayah-kriteria"]
    verdicts = book["putusan"]
    label = verdicts.cell(row=2, column=2)
    assert label.value == FORMULA and label.data_type == "s"  # a string, never a formula
    summary = list(book["ringkasan"].iter_rows(min_row=2, values_only=True))
    assert len(summary) == len(criteria())
    assert all(met + not_met + unknown == 1 for *_, met, not_met, unknown in summary)


def test_validate_xlsx_needs_an_output_file(hostile_example, capsys):
    assert run("validate", str(hostile_example), "--format", "xlsx") == 2
    assert "-o FILE.xlsx" in capsys.readouterr().err


def test_validation_to_df_matches_the_json_contract():
    pytest.importorskip("pandas")
    validation = validate_sources([resource_dir("examples") / "illustrative"])
    frame = validation.to_df("en")
    contract = validation.to_json()["sentra"]
    assert len(frame) == sum(len(s["criteria"]) for s in contract)
    assert set(frame["sentra"]) == {s["sentra"] for s in contract}
    assert frame.columns[0] == "sentra"


def test_classify_xlsx(tmp_path, capsys):
    folder = resource_dir("examples") / "kediri-tenun-ikat"
    target = tmp_path / "ukuran.xlsx"
    assert run("classify", str(folder), "--format", "xlsx", "-o", str(target)) == 0
    run_json = run("classify", str(folder), "--format", "json")
    assert run_json == 0
    import json

    records = json.loads(capsys.readouterr().out)
    rows = list(load_workbook(target).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(records) > 0
    assert {row[0] for row in rows} == {r["enterprise"] for r in records}


def test_query_xlsx(tmp_path, capsys):
    store = tmp_path / "store"
    assert run("load", str(resource_dir("examples") / "illustrative"), "--store", str(store)) == 0
    capsys.readouterr()
    target = tmp_path / "answer.xlsx"
    assert run("query", "support-overlap", "--store", str(store), "--format", "xlsx",
               "-o", str(target)) == 0
    assert run("query", "support-overlap", "--store", str(store), "--format", "json") == 0
    import json

    answer = json.loads(capsys.readouterr().out)
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == list(answer[0])
    assert sheet.max_row - 1 == len(answer) > 0
