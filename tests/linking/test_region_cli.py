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
    code, _, err = run(capsys, "Atlantis", "--province", "35", "--lang", "en")
    assert code == 2
    assert "no region matches 'Atlantis' in province 35" in " ".join(err.split())
    assert "Traceback" not in err


# One language per run: (query, words only the Indonesian run prints, words only the English one)
ONE_LANGUAGE = [
    ("35.71.01.1002", ["kode", "wilayah < induk", "kelurahan"], ["code", "region <", "urban"]),
    ("Kediri", ["Kandidat (ambigu)", "desa"], ["Candidates (ambiguous)", "village"]),
    ("DKI", ["adalah nama singkat 31"], ["is a short name of 31", "province"]),
    ("91.01", ["menjadi 93.01 sejak 2022-07-25", "kabupaten"], ["became 93.01 on", "regency"]),
    ("Atlantis", ["tidak ada wilayah", "Saran"], ["no region", "Suggestions"]),
]  # fmt: skip


@pytest.mark.parametrize(("query", "indonesian", "english"), ONE_LANGUAGE)
def test_region_speaks_one_language(
    capsys: pytest.CaptureFixture[str], query: str, indonesian: list[str], english: list[str]
) -> None:
    for lang, wanted, foreign in (("id", indonesian, english), ("en", english, indonesian)):
        _, out, err = run(capsys, query, "--lang", lang)
        flat = " ".join((out + err).split())
        assert all(word in flat for word in wanted), (lang, flat)
        assert not [word for word in foreign if word in flat.replace("Kabupaten", "")], lang


def test_indonesian_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "91.01")
    assert "menjadi 93.01" in " ".join(out.split())


def test_json_note_in_the_run_language_keeps_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    results = {lang: json.loads(run(capsys, "DKI", "--format", "json", "--lang", lang)[1])
               for lang in ("id", "en")}  # fmt: skip
    assert "nama singkat" in results["id"]["note"] and "short name" in results["en"]["note"]
    assert results["id"]["regions"] == results["en"]["regions"]
