"""Hostile input, issue 10 items 15, 16, 17 and 19: what umkm-kg reads from the analyst.

Every case is one clear message naming the file, row and column where there is one, exit 2 on
the command line, never a traceback, and nothing written. Some cases passed before issue 10
(bad dates, unknown mapping, wrong delimiter...): they stay here so the suite says what a
hostile user gets, all in one place.
"""

from __future__ import annotations

import csv
import io
import json
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run_cli
from umkm_kg.errors import DataErrors, UmkmKgError
from umkm_kg.loading import load_source, write_template
from umkm_kg.loading.values import ValueProblem, parse_money, parse_number
from umkm_kg.resources import resource_dir

SENTRA_HEADER = ["sentra_id", "name", "region_code", "kbli", "monthly_turnover_idr", "as_of"]
GOOD_SENTRA = ["S1", "Sentra Uji", "35.71", "13122", "600000000", "2017-06-30"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def sentra_folder(folder: Path, rows: list[list[str]], header: list[str] = SENTRA_HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    (folder / "sentra.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def only_error(folder: Path) -> str:
    with pytest.raises(DataErrors) as caught:
        load_source(folder)
    (error,) = caught.value.errors
    return str(error)


def assert_clean(code: int, out: str, err: str) -> None:
    assert code == 2, out + err
    assert "Traceback" not in out + err
    assert err.startswith("error:")
    assert "\x00" not in out + err


# -- item 15: money ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\t000", "1000"),
        ("1\u2009500", "1500"),
        ("1\u202f500", "1500"),
        ("1\u00a0500\u00a0000", "1500000"),
        ("Rp 1 250 000,50", "1250000.5"),
        ("170141183460469231731", "170141183460469231731"),
        ("2,5 M", "2500000000"),
    ],
)
def test_whitespace_between_groups_of_three_digits_is_a_thousands_separator(
    text: str, expected: str
) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("00\t19461.500", "does not separate groups of three digits"),
        ("12\t500000", "does not separate groups of three digits"),
        ("1 5", "does not separate groups of three digits"),
        ("１５００", "FULLWIDTH DIGIT ONE"),
        ("٣٠٠", "ARABIC-INDIC DIGIT THREE"),
        ("1٣", "only the digits 0-9"),
        ("1000000000000000000000000000000", "larger than the store can compare"),
        ("200000000000 miliar", "larger than the store can compare"),
        ("0,0000000000000000001", "more than 18 decimals"),
        ("1" * 40_000 + "!", "40,001 characters long"),
        ("9" * 65, "too long for a number"),
    ],
)
def test_money_that_cannot_be_read_is_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money(text)
    assert words in caught.value.reason
    assert len(caught.value.reason) < 300  # a long cell is cut, never echoed whole
    assert caught.value.hint


@pytest.mark.parametrize("length", [2_000, 40_000, 1_000_000])
def test_a_long_money_cell_is_refused_at_once(length: int) -> None:
    started = time.perf_counter()
    for text in ("1" * length + "!", "1." * (length // 2) + "x", "1 " * (length // 2) + "!"):
        with pytest.raises(ValueProblem):
            parse_money(text)
        with pytest.raises(ValueProblem):
            parse_number(text)
    assert time.perf_counter() - started < 1.0  # was 73 s for 40,000 digits


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("monthly_turnover_idr", "1000000000000000000000000000000", "larger than the store"),
        ("monthly_turnover_idr", "1\t5", "does not separate groups of three digits"),
        ("monthly_turnover_idr", "１０００", "FULLWIDTH DIGIT ONE"),
        ("monthly_turnover_idr", "Rp " + "9" * 300, "too long for a number"),
        ("as_of", "2017-02-30", "is not a date"),
        ("as_of", "30/06/2017", "is not a date"),
        ("kbli", "13122x", "is not a valid kbli"),
        ("region_code", "Kota Antah Berantah", "unknown region"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column(
    tmp_path: Path, column: str, value: str, words: str
) -> None:
    row = list(GOOD_SENTRA)
    row[SENTRA_HEADER.index(column)] = value
    message = only_error(sentra_folder(tmp_path / "d", [row]))
    assert message.startswith(f"sentra.csv, row 2, column '{column}': ")
    assert words in message
    assert len(message) < 400


def test_a_huge_amount_is_refused_at_load_and_never_reaches_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = list(GOOD_SENTRA)
    row[4] = "1000000000000000000000000000000"
    folder = sentra_folder(tmp_path / "d", [row])
    code, out, err = run(capsys, "load", str(folder), "--store", str(tmp_path / "store"))
    assert_clean(code, out, err)
    assert "column 'monthly_turnover_idr'" in err and "larger than the store can compare" in err


# -- item 19: messages about cells and files -----------------------------------------------


@pytest.mark.parametrize("size", [200_000, 5_000_000])
@pytest.mark.parametrize("column", ["name", "product"])
def test_a_huge_cell_names_its_column_and_the_cause(
    tmp_path: Path, size: int, column: str
) -> None:
    header = ["sentra_id", "name", "region_code", "kbli", "product"]
    row = ["S1", "Sentra", "35.71", "13122", "kain"]
    row[header.index(column)] = "A" * size
    message = only_error(sentra_folder(tmp_path / "d", [row], header))
    assert f"row 2, column '{column}'" in message
    assert "more than 131,072 characters" in message
    assert "quoting" not in message


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("monthly_turnover_idr", "banyak sekali " * 3_000),
        ("as_of", "kemarin " * 5_000),
        ("kbli", "1" * 40_000),
        ("region_code", "Kabupaten " * 4_000),
        ("sentra_id", "S1 " * 10_000),
    ],
)
def test_messages_cut_long_cells(tmp_path: Path, column: str, value: str) -> None:
    row = list(GOOD_SENTRA)
    row[SENTRA_HEADER.index(column)] = value
    folder = sentra_folder(tmp_path / "d", [row, row] if column == "sentra_id" else [row])
    with pytest.raises(DataErrors) as caught:
        load_source(folder)
    for error in caught.value.errors:
        assert len(str(error)) < 600
        assert "…" in str(error)


LATIN1_ROWS = [["S1", "Sentra Tenun Café", "35.71", "13122", "600000000", "2017-06-30"]]


@pytest.mark.parametrize("bad_row", [1, 2, 3])
def test_a_latin1_file_is_reported_once_with_the_accepted_encodings(
    tmp_path: Path, bad_row: int
) -> None:
    folder = resource_dir("examples") / "illustrative"
    copy = tmp_path / "d"
    copy.mkdir()
    for file in folder.glob("*.csv"):
        copy.joinpath(file.name).write_bytes(file.read_bytes())
    lines = (copy / "sentra.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[bad_row] = lines[bad_row].replace(",", ",Café ", 1)
    (copy / "sentra.csv").write_bytes("".join(lines).encode("latin-1"))
    with pytest.raises(DataErrors) as caught:
        load_source(copy)
    (error,) = caught.value.errors  # other files' rows referring to it are not blamed too
    assert error.file == "sentra.csv" and error.row == bad_row + 1
    assert "not UTF-8" in error.reason and "Windows-1252/Latin-1" in error.reason
    assert "UTF-8, with or without a byte-order mark" in error.reason


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32"], ids=lambda e: e
)
def test_utf16_and_utf32_files_are_named_and_no_nul_reaches_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    folder = sentra_folder(tmp_path / "d", [GOOD_SENTRA])
    text = (folder / "sentra.csv").read_text(encoding="utf-8")
    (folder / "sentra.csv").write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "convert", str(folder), "-o", str(tmp_path / "x.ttl"))
    assert_clean(code, out, err)
    assert "UTF-16" in err and "sentra.csv, row 1" in err
    assert "missing" not in err
    assert not (tmp_path / "x.ttl").exists()


@pytest.mark.parametrize(
    ("payload", "shown"),
    [
        ("[/]", "'[/]'"),
        ("[bold red]merah", "'[bold red]merah'"),
        ("\x1b[31mmerah", "'\\x1b[31mmerah'"),
        ("a\x00b", "'a\\x00b'"),
        ("\u202eterbalik", "'\\u202eterbalik'"),
    ],
)
def test_cells_in_messages_are_text_never_markup_or_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: str, shown: str
) -> None:
    row = list(GOOD_SENTRA)
    row[4] = payload
    folder = sentra_folder(tmp_path / "d", [row])
    code, out, err = run(capsys, "convert", str(folder), "-o", str(tmp_path / "x.ttl"))
    assert_clean(code, out, err)
    assert shown in err
    assert "\x1b[31m" not in err and "\u202e" not in err


@pytest.mark.parametrize(
    ("formula", "cell"), [("=1000*500", "E2"), ("=SUM(F2:F9)", "E2"), ("=B2&C2", "B2")]
)
def test_formula_cells_without_a_value_give_a_warning_naming_the_cell(
    tmp_path: Path, formula: str, cell: str
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "sentra"
    sheet.append(["sentra_id", "name", "region_code", "kbli", "monthly_turnover_idr"])
    row = ["S1", "Sentra", "35.71", "13122", "600000000"]
    row["ABCDE".index(cell[0])] = formula
    sheet.append(row)
    path = tmp_path / "data.xlsx"
    book.save(path)  # openpyxl saves formulas without a computed value
    if cell == "B2":
        with pytest.raises(DataErrors, match="column 'name'"):
            load_source(path)  # the name reads as empty: a required column
        return
    with load_source(path) as result:
        (warning,) = result.warnings
    assert f"data.xlsx [sentra], row 2, column 'monthly_turnover_idr' (cell {cell})" in warning
    assert formula in warning and "without its value" in warning


def test_a_formula_warning_reaches_the_console_with_its_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "sentra"
    sheet.append(["sentra_id", "name", "region_code", "kbli", "monthly_turnover_idr"])
    sheet.append(["S1", "Sentra", "35.71", "13122", "=2*3"])
    book.save(tmp_path / "data.xlsx")
    code, _, err = run(capsys, "convert", str(tmp_path / "data.xlsx"), "-o", str(tmp_path / "x.nt"))
    assert code == 0
    assert "data.xlsx [sentra], row 2" in err and "(cell E2)" in " ".join(err.split())


# -- bad input that was already handled: kept in the suite ---------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"sentra_id\tname\tregion_code\tkbli\nS1\tS\t35.71\t13122\n", "tab"),
        (b"sentra_id|name|region_code|kbli\nS1|S|35.71|13122\n", "bar"),
        (b'sentra_id,name,region_code,kbli\nS1,"Sentra,35.71,13122\n', "unbalanced quote"),
        (b"sentra_id,name,region_code,kbli\nS1,S,35.71,13122,extra\n", "extra value"),
        (b"sentra_id,name,region_code\nS1,S,35.71\n", "required column 'kbli' is missing"),
        (b"sentra_id,name,region_code,kbli\nS1,S,35.99,13122\n", "unknown region code"),
        (b"sentra_id,name,region_code,kbli\nS1,S,35.71,99999\n", "no code '99999'"),
        (b"sentra_id,name,region_code,kbli\n", "no data rows"),
        (b"\xef\xbb\xbfsentra_id,name,region_code,kbli\nS1,S,35.71,1312\n", "not a valid kbli"),
    ],
    ids=["empty", "tab", "bar", "quote", "extra", "missing", "region", "kbli", "no-rows",
         "bom-kbli"],  # fmt: skip
)
def test_bad_csv_files_give_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "sentra.csv").write_bytes(content)
    code, out, err = run(capsys, "convert", str(folder), "-o", str(tmp_path / "x.ttl"))
    assert_clean(code, out, err)
    assert words in err and ("sentra.csv" in err or words == "no data rows")
    assert not (tmp_path / "x.ttl").exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["convert", "{data}", "-o", "{tmp}/x.ttl", "--mapping", "no_such_layout"], "layout"),
        (["convert", "{data}", "-o", "{tmp}/x.pdf"], "cannot tell the format"),
        (["convert", "{tmp}/nothing", "-o", "{tmp}/x.ttl"], "no such file or folder"),
        (["validate", "{data}", "--as-of", "2017-13-01"], "is not a date"),
        (["classify", "{data}", "--as-of", "1990-01-01"], "1990-01-01"),
        (["query", "no-such-question", "--store", "{tmp}/store"], "no query named"),
        (["load", "{tmp}/x.pdf", "--store", "{tmp}/store"], "no such file or folder"),
        (["region", ""], ""),
    ],
)
def test_bad_arguments_give_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    data = sentra_folder(tmp_path / "d", [GOOD_SENTRA])
    argv = [a.format(data=data, tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2, out + err
    assert "Traceback" not in out + err
    assert words in err


def test_a_blank_template_loads_nothing_with_one_message(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_template(folder)
    with pytest.raises(UmkmKgError, match="no data rows"):
        load_source(folder)


# -- item 16: RDF input with huge literals -------------------------------------------------

HUGE = 20 * 1024 * 1024


def huge_literal_file(path: Path, size: int) -> Path:
    literal = '"' + "A" * size + '"'
    subject = "<https://w3id.org/umkm-kg/id/sentra/x>"
    typed = f"{subject} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    typed += "<https://w3id.org/umkm-kg/ontology#Sentra> .\n"
    label = f"{subject} <http://www.w3.org/2000/01/rdf-schema#label> {literal} .\n"
    path.write_text(typed + label, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
@pytest.mark.parametrize("command", ["load", "validate", "classify"])
def test_a_20_mb_literal_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, command: str
) -> None:
    data = huge_literal_file(tmp_path / f"big{suffix}", HUGE)
    store = ["--store", str(tmp_path / "store")] if command == "load" else []
    argv = [command, str(data), *store]
    code, out, err = run(capsys, *argv)
    if command == "classify" and suffix == ".ttl":  # rdflib's Turtle parser reads it
        assert code == 0, err
        return
    assert_clean(code, out, err)
    assert "longer than 16 MiB" in err and "big" in err


@pytest.mark.parametrize("size", [200_000, 2_000_000])
def test_reading_n_triples_is_linear_in_the_length_of_a_literal(tmp_path: Path, size: int) -> None:
    from rdflib import Graph

    from umkm_kg.sources import read_graph

    data = huge_literal_file(tmp_path / "long.nt", size)
    started = time.perf_counter()
    graph: Graph = read_graph([data])
    assert len(graph) == 2
    assert time.perf_counter() - started < 5.0  # rdflib's parser: 16.6 s for 2 MB


# -- item 17: paths that are not what they should be ---------------------------------------


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    return sentra_folder(tmp_path / "data", [GOOD_SENTRA])


def _damaged_store(tmp_path: Path, damage: str) -> Path:
    from umkm_kg.store import open_store

    store = tmp_path / "store"
    with open_store(store) as opened:
        opened.load(sentra_folder(tmp_path / "kecil", [GOOD_SENTRA]))
    if damage == "current":
        currents = sorted(store.glob("**/CURRENT"))  # RocksDB's, in each generation folder
        assert currents
        for current in currents:
            current.write_bytes(b"garbage\x00\xff\n")
    else:
        tables = sorted(store.glob("**/*.sst"))
        assert tables
        for table in tables:
            with table.open("r+b") as handle:
                handle.truncate(100)
    return store


@pytest.mark.parametrize(
    ("make", "argv", "words"),
    [
        ("file", ["load", "{data}", "--store", "{tmp}/afile"], "is a file"),
        ("file", ["load", "{data}", "--store", "{tmp}/afile/sub"], "is a file"),
        ("file", ["query", "support-overlap", "--store", "{tmp}/afile"], "no store at"),
        ("file", ["validate", "--store", "{tmp}/afile/sub"], "no store at"),
        ("current", ["query", "support-overlap", "--store", "{tmp}/store"], "damaged"),
        ("current", ["load", "{data}", "--store", "{tmp}/store"], "damaged"),
        ("sst", ["query", "support-overlap", "--store", "{tmp}/store"], "damaged"),
        ("sst", ["validate", "--store", "{tmp}/store"], "damaged"),
        (None, ["convert", "{data}", "-o", "/nonexistent/x.ttl"], "/nonexistent does not exist"),
        (None, ["convert", "{data}", "-o", "/nonexistent/x.nt"], "/nonexistent does not exist"),
        (None, ["convert", "{data}", "-o", "{tmp}"], "is a folder"),
        ("file", ["convert", "{data}", "-o", "{tmp}/afile/x.ttl"], "is a file"),
        (None, ["validate", "{data}", "--format", "html", "-o", "/nonexistent/r.html"],
         "/nonexistent does not exist"),
        (None, ["validate", "{data}", "--format", "markdown", "-o", "/nonexistent/r.md"],
         "/nonexistent does not exist"),
        ("file", ["template", "{tmp}/afile"], "is a file"),
        ("file", ["template", "{tmp}/afile/sub"], "is a file"),
        ("file", ["template", "{tmp}/afile", "--xlsx"], "is a file"),
        ("binary", ["query", "--file", "{tmp}/binary.rq", "--store", "{tmp}/store"], "not a text"),
        ("latin1", ["query", "--file", "{tmp}/latin1.rq", "--store", "{tmp}/store"], "not UTF-8"),
        ("latin1", ["query", "--file", "{tmp}", "--store", "{tmp}/store"], "no such query file"),
        ("file", ["link", "{data}", "{data}", "-o", "/nonexistent/l.tsv"], "does not exist"),
    ],  # fmt: skip
)
def test_paths_that_cannot_be_used_give_one_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    small_data: Path,
    make: str | None,
    argv: list[str],
    words: str,
) -> None:
    if make == "file":
        (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    elif make in ("current", "sst"):
        _damaged_store(tmp_path, make)
    elif make in ("binary", "latin1"):
        (tmp_path / "binary.rq").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
        (tmp_path / "latin1.rq").write_bytes("# café\nSELECT * {}".encode("latin-1"))
        from umkm_kg.store import open_store

        open_store(tmp_path / "store").close()
    argv = [a.format(data=small_data, tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *argv)
    assert_clean(code, out, err)
    assert words in " ".join(err.split())


# -- item 19: messages of query ------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <http://x/c> <http://x/d> \"x\" }",
    "PREFIX x: <http://x/#a>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP SILENT GRAPH <https://w3id.org/umkm-kg/id/graph/data>",
    "base <http://x/> load <http://127.0.0.1:9/evil.ttl>",
    "CLEAR ALL",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.fixture
def query_store(tmp_path: Path) -> Path:
    from umkm_kg.store import open_store

    store = tmp_path / "store"
    with open_store(store) as opened:
        opened.load(sentra_folder(tmp_path / "kecil", [GOOD_SENTRA]))
    return store


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_in_query_file_is_refused_with_the_way_to_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], query_store: Path, update: str
) -> None:
    from umkm_kg.store import open_store

    path = tmp_path / "update.rq"
    path.write_text(update, encoding="utf-8")
    code, out, err = run(capsys, "query", "--file", str(path), "--store", str(query_store))
    assert_clean(code, out, err)
    text = " ".join(err.split())
    assert "updates are refused" in text and "umkm-kg load" in text
    with open_store(query_store) as opened:
        assert opened.select("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[0]["n"] > 0


@pytest.mark.parametrize(
    "value", ["abc", "1.000.000", "1e999999999999", "NaN", "1,5", "9" * 5_000, "Infinity", ""]
)
def test_a_bad_decimal_parameter_gives_a_human_message(
    capsys: pytest.CaptureFixture[str], query_store: Path, value: str
) -> None:
    code, out, err = run(
        capsys, "query", "turnover-threshold", "--param", f"threshold={value}",
        "--store", str(query_store),
    )  # fmt: skip
    assert_clean(code, out, err)
    text = " ".join(err.split())
    assert "parameter 'threshold' expects decimal" in text
    assert "e.g. 500000000 or 2.5" in text or "larger than the store" in text
    assert "decimal.ConversionSyntax" not in text and len(text) < 400


@pytest.mark.parametrize("value", ["2.5", "500000000", "-1", "+7"])
def test_a_good_decimal_parameter_is_bound(
    capsys: pytest.CaptureFixture[str], query_store: Path, value: str
) -> None:
    code, out, err = run(
        capsys, "query", "turnover-threshold", "--param", f"threshold={value}",
        "--store", str(query_store), "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    (row,) = json.loads(out)
    assert Decimal(str(row["thresholdIDR"])) == Decimal(value)
