"""The workbook an officer fills in: instructions, explained headers, drop-downs, round trip."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from umkm_kg.loading import get_layout, load_source, write_template
from umkm_kg.loading.vocabularies import codelist_labels
from umkm_kg.loading.workbook import EXAMPLES, INSTRUCTIONS, VALUES, allowed_values
from umkm_kg.resources import resource_dir

KEDIRI = resource_dir("examples") / "kediri-tenun-ikat"


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    write_template(folder, workbook=True)
    return folder / "template.xlsx"


def test_sheets_instructions_first_values_last(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    tables = [t.sheet for t in get_layout("template").tables]
    assert book.sheetnames == [INSTRUCTIONS, *tables, EXAMPLES, VALUES]
    text = " ".join(str(c.value) for row in book[INSTRUCTIONS].iter_rows() for c in row if c.value)
    for table in tables:
        assert table in text
    assert "umkm-kg validate" in text and "NIK" in text


def test_every_header_explains_itself(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    for table in get_layout("template").tables:
        sheet = book[table.sheet]
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            assert cell.value == column.name
            note = cell.comment.text
            assert ("WAJIB" in note) == column.required, (table.name, column.name)
            assert column.description.id in note and column.description.en in note
            if column.example:
                assert column.example in note
            assert sheet.column_dimensions[cell.column_letter].number_format == "@"


def test_drop_downs_offer_the_ontology_labels(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    sheet = book["cooperation"]
    header = [c.value for c in sheet[1]]
    letter = sheet.cell(row=1, column=header.index("kind") + 1).column_letter
    checks = [v for v in sheet.data_validations.dataValidation if letter + "2" in str(v.sqref)]
    assert len(checks) == 1 and checks[0].type == "list"
    source = checks[0].formula1.lstrip("=").split("!")[1].replace("$", "")
    first, last = source.split(":")
    offered = [c.value for row in book[VALUES][f"{first}:{last}"] for c in row]
    assert sorted(offered) == sorted(label for label, _ in codelist_labels("kind").values())


def test_closed_columns_all_have_a_list():
    layout = get_layout("template")
    closed = {
        (t.name, c.name)
        for t in layout.tables
        for c in t.columns
        if c.type in ("codelist", "choice", "boolean") and not c.list
    }
    assert closed and all(
        allowed_values(c) for t in layout.tables for c in t.columns if (t.name, c.name) in closed
    )
    kbli_version = next(c for c in layout.table("sentra").columns if c.name == "kbli_version")
    assert allowed_values(kbli_version) == ["2020", "2025"]


def test_filled_workbook_loads_like_the_csv_folder(workbook_path, tmp_path):
    """The Kediri example typed into the workbook, kinds chosen by their Indonesian label."""
    book = openpyxl.load_workbook(workbook_path)
    labels = {key: label for key, (label, _) in codelist_labels("kind").items()}
    for table in get_layout("template").tables:
        source = KEDIRI / table.file
        if not source.is_file():
            continue
        sheet = book[table.sheet]
        header = [c.value for c in sheet[1]]
        with source.open(encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for name, value in row.items():
                    if name == "kind" and table.name == "cooperation":
                        value = labels[value]
                    if value:
                        sheet.cell(row=number, column=header.index(name) + 1, value=value)
    filled = tmp_path / "kediri.xlsx"
    book.save(filled)
    with load_source(KEDIRI) as from_csv, load_source(filled) as from_xlsx:
        assert set(from_csv.graph()) == set(from_xlsx.graph())


def test_a_bad_code_speaks_to_an_officer_and_names_the_sheet(workbook_path, tmp_path):
    from umkm_kg.errors import DataErrors

    book = openpyxl.load_workbook(workbook_path)
    sheet = book["sentra"]
    header = [c.value for c in sheet[1]]
    for name, value in {"sentra_id": "S1", "name": "Sentra Uji", "region_code": "35.71",
                        "kbli": "1312"}.items():  # fmt: skip
        sheet.cell(row=2, column=header.index(name) + 1, value=value)
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(DataErrors) as error:
        load_source(bad, output=tmp_path / "out.nt")
    text = str(error.value)
    assert "[sentra]" in text and "kbli" in text
    assert "5 digits" in text and "13122" in text and "^\\d{5}$" not in text
