"""Hostile input, issue 10 items 6, 7 and 18: what umkm-kg writes for people to open.

Exported cells never run as formulas (CSV, TSV, SSSOM, workbooks), Markdown reports keep
markup from the data as text, provenance names no folder of the analyst, and ``link-accept``
checks every reviewed row before it writes anything, atomically.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph

from tests.cli_runner import run_cli
from umkm_kg.linking.sssom import COLUMNS, read_sssom
from umkm_kg.resources import resource_dir
from umkm_kg.store import open_store

PREFIXES = """@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
FORMULAS = [
    '=HYPERLINK("http://127.0.0.2/x","klik")',
    "+cmd|' /C calc'!A0",
    "=1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def turtle_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace(
        "\r", "\\r"
    ) + '"'


def sentra_file(path: Path, names: list[str]) -> Path:
    lines = [PREFIXES]
    for number, name in enumerate(names):
        lines.append(
            f"<https://w3id.org/umkm-kg/id/sentra/s{number}> a umkm:Sentra ; "
            f"rdfs:label {turtle_literal(name)} .\n"
        )
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose sentra are named like formulas, and one figure below zero."""
    folder = tmp_path_factory.mktemp("formulas")
    data = sentra_file(folder / "formulas.ttl", FORMULAS)
    store = folder / "store"
    with open_store(store) as opened:
        opened.load(data)
    query = folder / "names.rq"
    query.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?name ?number WHERE { ?s rdfs:label ?name BIND(-5 AS ?number) }\n",
        encoding="utf-8",
    )
    return folder


# -- item 6: query --format csv|tsv --------------------------------------------------------


@pytest.mark.parametrize("output_format", ["csv", "tsv"])
@pytest.mark.parametrize("payload", FORMULAS)
def test_query_export_cells_never_run_as_formulas(
    formula_store: Path, capsys: pytest.CaptureFixture[str], output_format: str, payload: str
) -> None:
    code, out, _ = run(
        capsys, "query", "--file", str(formula_store / "names.rq"),
        "--store", str(formula_store / "store"), "--format", output_format,
    )  # fmt: skip
    assert code == 0
    delimiter = "," if output_format == "csv" else "\t"
    rows = list(csv.DictReader(io.StringIO(out, newline=""), delimiter=delimiter))
    names = {row["name"] for row in rows}
    assert "'" + payload in names
    assert payload not in names
    assert {row["number"] for row in rows} == {"-5"}  # a number stays a number


@pytest.mark.parametrize(
    ("text", "cell"),
    [(payload, "'" + payload) for payload in FORMULAS]
    + [("-5", "-5"), ("+2.5e3", "+2.5e3"), ("-", "'-"), ("'=1+1", "''=1+1"), ("''@x", "\'\'\'@x"),
       ("'-5", "'-5"), ("plain", "plain"), ("", ""), ("a=b", "a=b"), (" =1", " =1")],
)  # fmt: skip
def test_neutralise_then_restore_gives_the_text_back(text: str, cell: str) -> None:
    from umkm_kg.spreadsheet_cells import neutralise, restore

    assert neutralise(text) == cell
    assert restore(cell) == text


# -- item 6: the SSSOM table of link and link-accept ---------------------------------------


@pytest.mark.parametrize("payload", FORMULAS[:5])
def test_sssom_labels_never_run_as_formulas_and_link_accept_reads_them_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    left = sentra_file(tmp_path / "left.ttl", [payload])
    right = sentra_file(tmp_path / "right.ttl", [payload])
    table = tmp_path / "links.sssom.tsv"
    code, out, err = run(
        capsys, "link", str(left), str(right), "--kind", "sentra", "-o", str(table)
    )
    assert code == 0, err
    body = [line for line in table.read_text(encoding="utf-8").splitlines(True) if line[0] != "#"]
    (row,) = list(csv.DictReader(body, delimiter="\t"))
    assert row["subject_label"] == row["object_label"] == "'" + payload
    # the reviewer confirms the row with a name that starts like a formula
    row["reviewer_id"] = "'@budi"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    (read,) = read_sssom(table)
    assert read.reviewer_id == "@budi"
    assert read.subject_id == "https://w3id.org/umkm-kg/id/sentra/s0"
    links = tmp_path / "links.ttl"
    code, _, err = run(capsys, "link-accept", str(table), "-o", str(links))
    assert code == 0, err
    assert len(Graph().parse(links)) == 1


# -- item 6: workbooks ---------------------------------------------------------------------


def test_set_text_writes_a_string_never_a_formula(tmp_path: Path) -> None:
    from umkm_kg.spreadsheet_cells import set_text

    book = openpyxl.Workbook()
    for column, payload in enumerate(FORMULAS[:5], start=1):
        set_text(book.active.cell(row=1, column=column), payload)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    read = openpyxl.load_workbook(path).active
    assert [c.value for c in read[1]] == FORMULAS[:5]
    assert {c.data_type for c in read[1]} == {"s"}


@pytest.mark.parametrize("command", ["query", "validate"])
def test_xlsx_exports_hold_text_never_formulas(
    formula_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    book = tmp_path / "out.xlsx"
    if command == "query":
        argv = ["query", "--file", str(formula_store / "names.rq"),
                "--store", str(formula_store / "store")]  # fmt: skip
    else:
        argv = ["validate", "--store", str(formula_store / "store")]
    code, out, err = run(capsys, *argv, "--format", "xlsx", "-o", str(book))
    assert "Traceback" not in out + err and book.exists()  # validate: exit 2, data errors
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    if command == "query":
        values = {c.value for row in openpyxl.load_workbook(book).active for c in row}
        assert set(FORMULAS) - {"\r=1+1"} <= values and -5 in values  # openpyxl reads \r back as \n


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "--file", "{f}/names.rq", "--store", "{f}/store", "--format", "xlsx"],
        ["validate", "--store", "{f}/store", "--format", "xlsx"],
        ["validate", "--store", "{f}/store", "--format", "csv"],
    ],
)
def test_exports_into_a_missing_folder_give_one_message(
    formula_store: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [a.format(f=formula_store) for a in argv]
    code, out, err = run(capsys, *argv, "-o", "/nonexistent/out.xlsx")
    assert code == 2 and "Traceback" not in out + err
    assert "/nonexistent does not exist" in err


def test_the_template_workbook_holds_no_formula(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "template", str(tmp_path / "t"), "--xlsx")
    assert code == 0, err
    (book,) = (tmp_path / "t").glob("*.xlsx")
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)


# -- item 6: validate --format markdown ----------------------------------------------------

MARKUP = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>"),
    ('<img src="http://127.0.0.2/p.png">', "&lt;img src=", "<img"),
    ("![x](http://127.0.0.2/p.png)", "!\\[x\\](http://127.0.0.2/p.png)", "![x]"),
    ("[klik](javascript:alert(1))", "\\[klik\\](javascript:alert(1))", "[klik]"),
    ("Sentra | palsu | kolom", "Sentra \\| palsu \\| kolom", "Sentra | palsu"),
    ("**tebal** `kode`", "\\*\\*tebal\\*\\* \\`kode\\`", "**tebal**"),
]


@pytest.mark.parametrize(("name", "escaped", "raw"), MARKUP)
def test_markdown_report_escapes_markup_from_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, escaped: str, raw: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    source = resource_dir("examples") / "kediri-tenun-ikat"
    for file in source.glob("*.csv"):
        text = file.read_text(encoding="utf-8")
        if file.name == "sentra.csv":
            rows = list(csv.reader(io.StringIO(text)))
            rows[1][rows[0].index("name")] = name
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            text = out.getvalue()
        (folder / file.name).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(folder), "--format", "markdown")
    assert code in (0, 1), err
    assert escaped in out
    assert raw not in out


# -- item 7: provenance names the file, never the analyst's folder -------------------------


def _template_copy(folder: Path) -> Path:
    source = resource_dir("examples") / "kediri-tenun-ikat"
    folder.mkdir(parents=True)
    for file in source.glob("*.csv"):
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


def _workbook_copy(path: Path) -> Path:
    folder = _template_copy(path.parent / "csv")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for file in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(file.stem)
        for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8"))):
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda home: sentra_file(home / "kediri.ttl", ["Sentra Uji"]), id="ttl"),
        pytest.param(lambda home: _template_copy(home / "kediri"), id="template-folder"),
        pytest.param(lambda home: _workbook_copy(home / "kediri.xlsx"), id="workbook"),
    ],
)
def test_provenance_records_file_name_and_sha256_never_the_path(tmp_path: Path, make) -> None:
    home = tmp_path / "home" / "budi.santoso" / "Dokumen"
    home.mkdir(parents=True)
    source = make(home)
    with open_store(tmp_path / "store") as store:
        store.load(source)
        dump = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        graphs = store.graphs()
    text = "\n".join(f"{r['s']} {r['p']} {r['o']}" for r in dump)
    assert "budi.santoso" not in text and "Dokumen" not in text and "file://" not in text
    assert source.name in {str(r["source"]) for r in graphs if r["source"] is not None}
    if source.is_file():
        assert hashlib.sha256(source.read_bytes()).hexdigest() in text


# -- item 18: link-accept checks every row, then writes atomically -------------------------

BAD_IRIS = [
    ("https://w3id.org/umkm-kg/id/sentra/a b", "subject_id"),
    ("https://w3id.org/umkm-kg/id/sentra/a>b", "subject_id"),
    ('id:sentra/a"b', "object_id"),
    ("id:sentra/a<script>", "object_id"),
    ("sentra a", "subject_id"),
    ("", "object_id"),
]


@pytest.mark.parametrize(("iri", "column"), BAD_IRIS)
def test_link_accept_refuses_a_bad_iri_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], iri: str, column: str
) -> None:
    good = ["id:sentra/x", "X", "owl:sameAs", "", "id:sentra/y", "Y", "semapv:CompositeMatching",
            "0.95", "a", "b", "umkm-kg link", "budi", ""]  # fmt: skip
    bad = list(good)
    bad[COLUMNS.index(column)] = iri
    table = tmp_path / "reviewed.sssom.tsv"
    rows = [good, bad, good]
    table.write_text(
        "#mapping_set_id: x\n" + "\n".join("\t".join(r) for r in [list(COLUMNS), *rows]) + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "links.ttl"
    code, out, err = run(capsys, "link-accept", str(table), "-o", str(output))
    assert code == 2
    assert "Traceback" not in out + err
    assert f"row 4, column '{column}'" in err and "not an IRI" in err
    assert list(tmp_path.iterdir()) == [table]  # no output, no temporary file


def test_link_accept_reports_every_bad_row_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "\t".join(COLUMNS)
    good = ["id:sentra/x", "X", "owl:sameAs", "", "id:sentra/y", "Y", "semapv:CompositeMatching",
            "0.95", "a", "b", "umkm-kg link", "budi", ""]  # fmt: skip
    rows = [list(good) for _ in range(3)]
    rows[0][0] = "id:sentra/a b"
    rows[2][4] = "id:sentra/c>d"
    table = tmp_path / "reviewed.sssom.tsv"
    table.write_text(header + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", "utf-8")
    output = tmp_path / "links.ttl"
    output.write_text("# the earlier links\n", encoding="utf-8")
    code, _, err = run(capsys, "link-accept", str(table), "-o", str(output))
    assert code == 2
    assert "2 error(s)" in err and "row 2, column 'subject_id'" in err
    assert "row 4, column 'object_id'" in err
    assert output.read_text(encoding="utf-8") == "# the earlier links\n"
