"""The CLI: load, query (catalogue and --file, four formats), queries, and clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.bench_synthetic import synthetic_listing
from tests.cli_runner import run_cli
from tests.queries.conftest import FIXTURES, KNOWN_DATA
from umkm_kg.catalogue import load_catalogue
from umkm_kg.commands.load import SHOWN_NOTES
from umkm_kg.store import EmbeddedStore


def run(capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


@pytest.fixture
def loaded(tmp_path, capsys):
    store = tmp_path / "store"
    code, out, _ = run(capsys, "load", str(KNOWN_DATA), "--store", str(store))
    assert code == 0 and "347 triples" in out
    return store


def test_query_formats(loaded, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: the table need not fold
    code, out, _ = run(
        capsys, "query", "cross-province-market", "--store", str(loaded), "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)
    assert {
        (r["sentra"].rsplit("/", 1)[1], r["marketProvince"].rsplit("/", 1)[1]) for r in rows
    } == {
        ("kediri", "34"),
        ("bantul", "35"),
    }
    code, out, _ = run(
        capsys, "query", "turnover-threshold", "--store", str(loaded), "--format", "csv"
    )
    table = list(csv.DictReader(io.StringIO(out)))
    kediri = next(r for r in table if r["sentra"].endswith("/kediri"))
    assert (kediri["totalMonthlyTurnoverIDR"], kediri["meetsThreshold"]) == ("285000000", "false")
    code, out, _ = run(
        capsys, "query", "support-overlap", "--store", str(loaded), "--format", "tsv"
    )
    assert out.splitlines()[0].split("\t")[:3] == ["sentra", "sentraName", "support"]
    assert len(out.splitlines()) == 6
    code, out, _ = run(capsys, "query", "support-overlap", "--store", str(loaded))
    assert code == 0 and "kind:credit" in out and "5 row(s)" in out


def test_query_with_params_and_file(loaded, capsys, tmp_path):
    code, out, _ = run(
        capsys,
        "query",
        "sentra-by-activity",
        "--store",
        str(loaded),
        "--format",
        "json",
        "--param",
        "activity=id:kbli/2020/131",
        "--param",
        "region=id:region/35",
    )
    assert code == 0 and [r["sentraName"] for r in json.loads(out)] == [
        "Sentra Tenun Ikat Bandar Kidul"
    ]
    code, out, _ = run(
        capsys,
        "query",
        "--file",
        str(FIXTURES / "echo.rq"),
        "--param",
        'value="} ; DROP ALL ; #',
        "--store",
        str(loaded),
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)[0]["value"] == '"} ; DROP ALL ; #'


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "no-such-question"], "umkm-kg queries"),
        (["query", "support-overlap", "--format", "xml"], "--format 'xml'"),
        (["query", "support-overlap", "--param", "oops"], "write NAME=VALUE"),
        (["query", "cooperation-intensity", "--param", "region=not an iri"], "expects iri"),
        (["query"], "give a question NAME or --file"),
    ],
)
def test_bad_query_arguments_exit_2_with_one_message(loaded, capsys, argv, message):
    code, out, err = run(capsys, *argv, "--store", str(loaded))
    assert code == 2 and message in err and "Traceback" not in err


def test_query_on_a_missing_store_says_to_load_first(tmp_path, capsys):
    code, _, err = run(capsys, "query", "support-overlap", "--store", str(tmp_path / "none"))
    assert code == 2 and "load data first" in err


def test_load_of_bad_data_exits_2_and_keeps_the_store(loaded, capsys, tmp_path):
    broken = tmp_path / "sentra.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    code, _, err = run(capsys, "load", str(broken), "--store", str(loaded))
    assert code == 2 and "store is unchanged" in err
    code, out, _ = run(
        capsys, "query", "financial-partner-gaps", "--store", str(loaded), "--format", "json"
    )
    assert len(json.loads(out)) == 3


def test_load_shows_the_first_notes_and_writes_them_all(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # one console line per note
    listing = synthetic_listing(tmp_path / "listing.csv", rows=1000)
    report = EmbeddedStore(tmp_path / "api").load(listing, mapping="jatim_umkm_binaan")
    assert len(report.notes) > SHOWN_NOTES  # misspelt and misplaced kecamatan, kept as written
    notes = tmp_path / "notes.txt"
    code, out, _ = run(
        capsys, "load", str(listing), "--mapping", "jatim_umkm_binaan",
        "--store", str(tmp_path / "store"), "--notes", str(notes),
    )  # fmt: skip
    assert code == 0
    shown = [line[4:] for line in out.splitlines() if line.startswith("  - ")]
    assert shown == list(report.notes[:SHOWN_NOTES])
    assert f"and {len(report.notes) - SHOWN_NOTES} more notes (all of them in {notes})" in out
    assert notes.read_text(encoding="utf-8").splitlines() == [
        f"{listing}: {note}" for note in report.notes
    ]


def test_load_with_an_unwritable_notes_file_exits_2_before_loading(tmp_path, capsys):
    store = tmp_path / "store"
    notes = tmp_path / "missing-folder" / "notes.txt"
    code, _, err = run(
        capsys, "load", str(KNOWN_DATA), "--store", str(store), "--notes", str(notes)
    )
    assert code == 2 and f"cannot write the notes to {notes}" in err and "Traceback" not in err
    code, _, err = run(capsys, "query", "support-overlap", "--store", str(store))
    assert code == 2 and "load data first" in err  # nothing was loaded


def test_load_and_query_a_remote_endpoint(oxigraph_server, capsys, tmp_path):
    endpoint = f"{oxigraph_server.url}/query"
    code, out, _ = run(capsys, "load", str(FIXTURES / "sentra.ttl"), "--endpoint", endpoint)
    assert code == 0
    code, out, _ = run(
        capsys, "query", "financial-partner-gaps", "--endpoint", endpoint, "--format", "json"
    )
    assert {r["gap"] for r in json.loads(out)} == {
        "bank_without_microfinance",
        "microfinance_without_bank",
        "no_financial_institution",
    }


def test_queries_lists_the_catalogue(capsys):
    code, out, _ = run(capsys, "queries", "--format", "json")
    catalogue = {q["name"]: q for q in json.loads(out)}
    assert code == 0 and len(catalogue) >= 15
    assert catalogue["size-structure"]["parameters"] == [
        {
            "name": "rule_set",
            "type": "string",
            "default": "@in_force",
            "description": catalogue["size-structure"]["parameters"][0]["description"],
        }
    ]
    assert catalogue["support-overlap"]["title"]["id"] == "Tumpang tindih pemberdayaan"


def test_queries_lists_parameters_in_the_run_language(capsys):
    query = load_catalogue()["size-structure"]
    (rule_set,) = query.parameters
    for lang, shown, foreign in (
        ("id", rule_set.description_id, rule_set.description),
        ("en", rule_set.description, rule_set.description_id),
    ):
        _, out, _ = run(capsys, "queries", "--lang", lang)
        flat = " ".join(out.split())
        assert " ".join(shown.split()[:4]) in flat and " ".join(foreign.split()[:4]) not in flat
