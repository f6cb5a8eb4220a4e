"""``umkm-kg region``: output and exit codes (0 found, 1 ambiguous, 2 not found)."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import run_cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "region", *args)


def test_code_prints_the_region_with_its_parents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "35.71.01.1002", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["status"] == "found"
    (found,) = result["regions"]
    assert found["name"] == "Bandar Kidul" and found["bps_code"] == "3571010005"
    assert [p["name"] for p in found["parents"]] == ["Mojoroto", "Kota Kediri", "Jawa Timur"]


@pytest.mark.parametrize(
    ("query", "code"),
    [("[71] KOTA KEDIRI", "35.71"), ("Kab. Kediri", "35.06"), ("[06] KEDIRI", "35.06")],
)
def test_names_as_people_write_them(
    capsys: pytest.CaptureFixture[str], query: str, code: str
) -> None:
    status, out, _ = run(capsys, query, "--format", "json")
    assert status == 0 and [r["code"] for r in json.loads(out)["regions"]] == [code]


def test_table_shows_the_chain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "35.71.01.1002")
    assert code == 0
    flat = " ".join(out.split())
    assert "Bandar Kidul < Mojoroto <" in flat and "Kota Kediri < Jawa Timur" in flat


def test_ambiguous_name_lists_candidates_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Kediri", "--province", "35", "--format", "json")
    assert code == 1
    result = json.loads(out)
    assert result["status"] == "ambiguous"
    assert {r["code"] for r in result["regions"]} == {"35.06", "35.71"}


def test_unknown_name_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "Atlantis", "--province", "35")
    assert code == 2
    assert "no region matches 'Atlantis' in province 35" in " ".join(err.split())
    assert "Traceback" not in err
