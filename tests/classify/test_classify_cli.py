"""``umkm-kg classify``: the JSON contract of docs/size.md, CSV, table and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from umkm_kg.cli import main

DATA = Path(__file__).parent / "data"
KEYS = [
    "enterprise",
    "rule_set",
    "by_net_assets",
    "by_capital",
    "by_annual_sales",
    "by_workers",
    "class",
    "conflict",
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["classify", *args])
    out, err = capsys.readouterr()
    return exit_info.value.code or 0, out, err


def test_template_json_names_enterprises_by_their_template_id(capsys):
    code, out, _ = run(capsys, str(DATA / "template"), "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert all(list(record) == KEYS for record in records)
    assert {r["enterprise"]: r for r in records} == {
        "T-01": dict(
            zip(
                KEYS,
                ["T-01", "uu_20_2008", "micro", None, "small", "micro", None, True],
                strict=True,
            )
        ),
        "T-02": dict(
            zip(
                KEYS,
                ["T-02", "uu_20_2008", "small", None, "small", "small", "small", False],
                strict=True,
            )
        ),
        "B-01": dict(
            zip(
                KEYS,
                ["B-01", "pp_7_2021", None, "small", "micro", "medium", None, True],
                strict=True,
            )
        ),
        "B-02": dict(
            zip(KEYS, ["B-02", "pp_7_2021", None, None, None, None, None, False], strict=True)
        ),
    }


def test_as_of_applies_one_rule_set_to_every_enterprise(capsys):
    code, out, _ = run(capsys, str(DATA / "template"), "--format", "json", "--as-of", "2021-02-02")
    assert code == 0
    records = {r["enterprise"]: r for r in json.loads(out)}
    assert {r["rule_set"] for r in records.values()} == {"pp_7_2021"}
    # under PP 7/2021 net assets are no criterion: T-01 is micro by sales alone
    assert (records["T-01"]["by_net_assets"], records["T-01"]["class"]) == (None, "micro")


def test_rdf_input_names_enterprises_by_iri_and_warns_about_undated_ones(capsys):
    code, out, err = run(capsys, str(DATA / "sentra.ttl"), "--format", "json")
    assert code == 0
    records = {r["enterprise"]: r for r in json.loads(out)}
    e6 = records["https://w3id.org/umkm-kg/id/enterprise/x/e6"]
    assert (e6["rule_set"], e6["by_workers"], e6["class"]) == (None, "large", None)
    assert "1 usaha tanpa tanggal" in err and "--as-of" in err


def test_csv_has_the_json_keys_and_empty_cells_for_null(capsys):
    code, out, _ = run(capsys, str(DATA / "template"), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == KEYS
    assert ["T-01", "uu_20_2008", "micro", "", "small", "micro", "", "true"] in rows


def test_table_shows_classes_and_conflicts(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, str(DATA / "template"), "--lang", "en")
    assert code == 0
    assert "Enterprise size classes" in out and "Golongan" not in out
    assert "T-02" in out and "uu_20_2008" in out
    assert "uu_20_2008 = MSME criteria of UU 20/2008" in out  # the code explained
    # T-01's net assets say micro, its sales small: the conflict names both
    assert "T-01: criteria disagree: net assets (IDR) micro, annual sales (IDR) small" in out


def test_table_speaks_one_language_with_size_classes_from_the_ontology(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, str(DATA / "template"))
    assert code == 0
    assert "Golongan ukuran usaha" in out and "Enterprise" not in out
    assert "mikro" in out and "kecil" in out and "micro" not in out and "small" not in out
    assert "T-01: kriteria tidak sepakat: kekayaan bersih (Rp) mikro" in out
    assert "uu_20_2008 = Kriteria UMKM menurut UU 20/2008" in out


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("2024-13-01", "is not a date"), ("kemarin", "is not a date"), ("1990-01-01", "1995-12-26")],
)
def test_bad_as_of_exits_2_with_one_message(capsys, as_of, message):
    code, out, err = run(capsys, str(DATA / "template"), "--as-of", as_of)
    assert code == 2
    assert out == ""
    assert message in err and "Traceback" not in err


def test_unreadable_figure_exits_2_naming_the_enterprise(capsys, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "<https://w3id.org/umkm-kg/id/enterprise/a/b> "
        '<https://w3id.org/umkm-kg/ontology#annualSalesIDR> "2,5 miliar" .',
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(bad), "--format", "json")
    assert code == 2
    assert out == ""
    assert "enterprise/a/b" in err and "annualSalesIDR" in err and "Traceback" not in err
