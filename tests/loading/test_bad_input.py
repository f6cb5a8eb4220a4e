"""Bad input: each case names file, row and column, and nothing is produced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from umkm_kg.errors import DataError, DataErrors, UmkmKgError
from umkm_kg.loading import load_source

from .conftest import fill

HEADER = "sentra_id,name,region_code,kbli"


def load_fails(folder: Path, tmp_path: Path, mapping: str | Path = "template") -> DataErrors:
    """Load into an empty output folder; the load must fail and leave the folder empty."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    with pytest.raises(DataErrors) as caught:
        load_source(folder, mapping, output=out / "data.nt")
    assert list(out.iterdir()) == [], "a failed load must produce nothing"
    return caught.value


def only_error(errors: DataErrors) -> DataError:
    assert len(errors.errors) == 1, str(errors)
    return errors.errors[0]


def assert_names(error: DataError, file: str, row: int | None, column: str | None) -> None:
    assert error.file == file
    assert error.row == row
    assert error.column == column
    text = str(error)
    assert file in text
    if row is not None:
        assert f"row {row}" in text
    if column is not None:
        assert f"column '{column}'" in text


def write(folder: Path, name: str, text: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (folder / name).write_bytes(data)


def test_missing_column(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", "sentra_id,name,region_code\nS1,Sentra,35.71\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 1, "kbli")
    assert "missing" in error.reason


def test_misspelt_column_is_missing_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", "sentra_id,name,region_code,kblii\nS1,S,35.71,13122\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 1, "kbli")
    assert "kblii" in error.hint


def test_unknown_column_is_ignored_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER},catatan\nS1,Sentra,35.71,13122,bebas\n")
    with load_source(tmp_path / "d") as result:
        assert result.rows_loaded == 1
        assert len(result.warnings) == 1
        assert "sentra.csv, row 1, column 'catatan'" in result.warnings[0]
        assert "bebas" not in result.ntriples_path.read_text()


@pytest.mark.parametrize(("delimiter", "name"), [("\t", "tab"), ("|", "bar")])
def test_wrong_delimiter(tmp_path: Path, delimiter: str, name: str) -> None:
    write(
        tmp_path / "d",
        "sentra.csv",
        HEADER.replace(",", delimiter) + "\n" + delimiter.join(["S1", "S", "35.71", "13122"]),
    )
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 1, None)
    assert name in error.reason


def test_latin1_file(tmp_path: Path) -> None:
    text = f"{HEADER}\nS1,Sentra Café,35.71,13122\n"
    write(tmp_path / "d", "sentra.csv", text.encode("latin-1"))
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 2, None)
    assert "not UTF-8" in error.reason and "UTF-8" in error.hint


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    write(
        tmp_path / "d",
        "sentra.csv",
        f"{HEADER},monthly_turnover_idr\nS1,Sentra,35.71,13122,2,5 juta\n",
    )
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 2, "field 6")
    assert "6 fields" in error.reason and "quotes" in error.hint


def test_row_with_too_few_fields(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER}\nS1,Sentra,35.71,13122\nS2,Sentra 2\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 3, "region_code")


def test_unbalanced_quote(tmp_path: Path) -> None:
    write(
        tmp_path / "d",
        "sentra.csv",
        f'{HEADER}\nS1,Sentra,35.71,13122\nS2,"Sentra dua,35.71,13122\nS3,Tiga,35.71,13122\n',
    )
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 3, "field 2")
    assert "unbalanced quote" in error.reason


@pytest.mark.parametrize(
    ("value", "words"),
    [("1.500", "ambiguous"), ("-500000", "negative"), ("banyak", "not an amount")],
)
def test_bad_money(template: Path, tmp_path: Path, value: str, words: str) -> None:
    fill(template, "enterprises", [{"enterprise_id": "E1", "sentra_id": "S1", "name": "U",
                                    "annual_sales_idr": value}])  # fmt: skip
    error = only_error(load_fails(template, tmp_path))
    assert_names(error, "enterprises.csv", 2, "annual_sales_idr")
    assert words in error.reason


@pytest.mark.parametrize(
    ("kbli", "words"), [("1312", "not a valid kbli"), ("99999", "no code '99999'")]
)
def test_bad_kbli(tmp_path: Path, kbli: str, words: str) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER}\nS1,Sentra,35.71,{kbli}\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 2, "kbli")
    assert words in error.reason


def test_kbli_without_version_in_a_layout_without_default(tmp_path: Path) -> None:
    from umkm_kg.resources import resource_path

    layout = resource_path("loaders", "template.toml").read_text(encoding="utf-8")
    strict = layout.replace('default = "2020"\n', "")
    assert strict != layout
    (tmp_path / "strict.toml").write_text(strict, encoding="utf-8")
    write(
        tmp_path / "d",
        "sentra.csv",
        f"{HEADER},kbli_version\nS1,Sentra,35.71,13122,\nS2,Sentra 2,35.71,13122,2020\n",
    )
    error = only_error(load_fails(tmp_path / "d", tmp_path, tmp_path / "strict.toml"))
    assert_names(error, "sentra.csv", 2, "kbli_version")
    assert "kbli_version empty" in error.reason and "no default" in error.reason


def test_duplicate_ids(tmp_path: Path) -> None:
    write(
        tmp_path / "d",
        "sentra.csv",
        f"{HEADER}\nS1,Sentra,35.71,13122\nS2,Lain,35.71,13122\nS1,Lagi,35.06,13122\n",
    )
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 4, "sentra_id")
    assert "duplicate sentra_id 'S1': already in row 2" in error.reason


def test_two_rows_naming_the_same_node(template: Path, tmp_path: Path) -> None:
    fill(
        template,
        "infrastructure",
        [{"sentra_id": "S1", "kind": "electricity"}, {"sentra_id": "S1", "kind": "electricity"}],
    )
    error = only_error(load_fails(template, tmp_path))
    assert_names(error, "infrastructure.csv", 3, None)
    assert "same infrastructure node as row 2" in error.reason


def test_unknown_id_reference(template: Path, tmp_path: Path) -> None:
    fill(template, "enterprises", [{"enterprise_id": "E1", "sentra_id": "S1", "name": "U"}])
    fill(
        template,
        "cooperation",
        [
            {
                "cooperation_id": "K1",
                "sentra_id": "S1",
                "kind": "joint_production",
                "participants": "E1; E9",
            }
        ],
    )
    error = only_error(load_fails(template, tmp_path))
    assert_names(error, "cooperation.csv", 2, "participants")
    assert "unknown id 'E9'" in error.reason and "enterprises.csv" in error.reason


def test_unknown_code_list_value_suggests_the_closest(template: Path, tmp_path: Path) -> None:
    fill(
        template,
        "cooperation",
        [{"cooperation_id": "K1", "sentra_id": "S1", "kind": "join_production"}],
    )
    error = only_error(load_fails(template, tmp_path))
    assert_names(error, "cooperation.csv", 2, "kind")
    assert "did you mean 'joint_production'" in error.hint


@pytest.mark.parametrize(
    ("region", "words"),
    [
        ("35.99", "unknown region code '35.99'"),
        ("Kediri", "ambiguous"),
        ("Negeri Antah Berantah", "unknown region"),
    ],
)
def test_bad_region(tmp_path: Path, region: str, words: str) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER}\nS1,Sentra,{region},13122\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 2, "region_code")
    assert words in error.reason


def test_empty_file(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", b"")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 1, None)
    assert "empty" in error.reason


def test_header_only_loads_nothing(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER}\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert "no data rows" in error.reason


def test_missing_required_file(tmp_path: Path) -> None:
    write(tmp_path / "d", "enterprises.csv", "enterprise_id,sentra_id,name\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert "sentra.csv" in error.reason


def test_every_error_of_a_file_is_reported_at_once(template: Path, tmp_path: Path) -> None:
    fill(template, "enterprises", [
        {"enterprise_id": "E1", "sentra_id": "S1", "name": "U", "workers": "lima"},
        {"enterprise_id": "E2", "sentra_id": "S9", "name": "V", "net_assets_idr": "1,500"},
    ])  # fmt: skip
    errors = load_fails(template, tmp_path)
    places = sorted((e.row, e.column) for e in errors.errors)
    assert places == [(2, "workers"), (3, "net_assets_idr")]
    assert re.search(r"2 error\(s\); nothing was loaded", str(errors))


def test_a_failed_load_leaves_an_existing_output_as_it_was(template: Path, tmp_path: Path) -> None:
    target = tmp_path / "kept.nt"
    target.write_text("old\n", encoding="utf-8")
    fill(template, "enterprises", [{"enterprise_id": "E1", "sentra_id": "S1", "name": "U",
                                    "workers": "-3"}])  # fmt: skip
    with pytest.raises(DataErrors):
        load_source(template, output=target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "kept.nt"]


def test_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(UmkmKgError, match="no such file"):
        load_source(tmp_path / "nothing")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(UmkmKgError, match="not a folder of CSV files"):
        load_source(tmp_path / "x.pdf")


def test_sentra_row_fixture_is_valid(template: Path) -> None:
    with load_source(template) as result:
        assert result.rows_loaded == 1


def test_workbook_errors_name_the_sheet_row_and_column(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sentra"
    sheet.append(["sentra_id", "name", "region_code", "kbli", "monthly_turnover_idr"])
    sheet.append(["S1", "Sentra", "35.71", "13122", "1.500"])
    book = tmp_path / "data.xlsx"
    workbook.save(book)
    error = only_error(load_fails(book, tmp_path))
    assert_names(error, "data.xlsx [sentra]", 2, "monthly_turnover_idr")
    assert "ambiguous" in error.reason


def test_workbook_without_the_required_sheet(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    book = tmp_path / "data.xlsx"
    workbook.save(book)
    error = only_error(load_fails(book, tmp_path))
    assert "required sheet 'sentra' is missing" in error.reason


def test_damaged_workbook(tmp_path: Path) -> None:
    book = tmp_path / "data.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DataError, match="cannot read the workbook"):
        load_source(book)


def test_many_errors_stop_after_a_hundred(template: Path, tmp_path: Path) -> None:
    rows = [{"enterprise_id": f"E{i}", "sentra_id": "S1", "name": "U", "workers": "x"}
            for i in range(150)]  # fmt: skip
    fill(template, "enterprises", rows)
    errors = load_fails(template, tmp_path).errors
    assert len(errors) == 101
    assert "stopped after 100 errors" in errors[-1].reason


def test_rows_referring_to_a_bad_row_are_not_blamed_too(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", f"{HEADER},monthly_turnover_idr\nS1,S,35.71,13122,-5\n")
    write(tmp_path / "d", "enterprises.csv", "enterprise_id,sentra_id,name\nE1,S1,U\nE2,S1,V\n")
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 2, "monthly_turnover_idr")


def test_unbalanced_quote_in_the_header(tmp_path: Path) -> None:
    write(tmp_path / "d", "sentra.csv", 'sentra_id,"name,region_code,kbli\nS1,S,35.71,13122\n')
    error = only_error(load_fails(tmp_path / "d", tmp_path))
    assert_names(error, "sentra.csv", 1, "field 2")


def test_a_folder_holding_only_a_workbook_points_to_it(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "d"
    folder.mkdir()
    openpyxl.Workbook().save(folder / "template.xlsx")
    error = only_error(load_fails(folder, tmp_path))
    assert "template.xlsx" in error.hint
