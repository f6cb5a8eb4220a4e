"""At 80 columns every command's table stays readable: no line wider than the terminal and
every name (sentra, enterprise, candidate, question) whole on one line."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.discovery.planted import MAPPING, write_planted
from umkm_kg.resources import resource_path

KEDIRI = resource_path("examples", "kediri-tenun-ikat")
ILLUSTRATIVE = resource_path("examples", "illustrative")
LONG_NAME = "Sentra Industri Tenun Ikat dan Batik Tulis Kelurahan Bandar Kidul Kediri"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``umkm-kg ARGS...``: its exit code and standard output."""
    code, out, _ = run_cli(capsys, *args)
    return code, out


def assert_readable(out: str, names: list[str], width: int = 80) -> None:
    """No line wider than ``width``; each name whole on one line."""
    lines = ANSI.sub("", out).splitlines()
    wide = [line for line in lines if len(line.rstrip()) > width]
    assert not wide, f"{len(wide)} line(s) wider than {width}: {wide[:3]}"
    for name in names:
        assert any(name in line for line in lines), f"{name!r} is not whole on any line"


@pytest.fixture()
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture(scope="module")
def long_named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kediri example with a 72-character sentra name."""
    folder = tmp_path_factory.mktemp("long") / "kediri"
    shutil.copytree(KEDIRI, folder)
    path = folder / "sentra.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name"] = LONG_NAME
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _sentra_names(folder: Path) -> list[str]:
    with (folder / "sentra.csv").open(encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_validate_stacks_one_block_per_sentra(capsys, narrow, long_named, lang) -> None:
    code, out = run(capsys, "validate", str(long_named), str(ILLUSTRATIVE), "--lang", lang)
    assert code in (0, 1)
    names = [LONG_NAME, *_sentra_names(ILLUSTRATIVE)]
    assert_readable(out, names)
    assert "┏" not in out  # no table squeezed into 80 columns
    label = {"id": "Unit usaha kecil sejenis", "en": "Similar small business units"}[lang]
    assert label in out  # each criterion by its label in the run's language


def test_validate_from_the_store_at_80_columns(capsys, narrow, long_named, tmp_path) -> None:
    store = tmp_path / "store"
    assert run(capsys, "load", str(long_named), "--store", str(store))[0] == 0
    code, out = run(capsys, "validate", "--store", str(store))
    assert code == 1
    assert_readable(out, [LONG_NAME, "KDR-TENUN"])


def test_a_wide_terminal_still_gets_the_table(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    code, out = run(capsys, "validate", str(KEDIRI))
    assert code == 1
    assert "┏" in out
    assert_readable(out, ["Sentra Industri Tenun Ikat Kota Kediri"], width=220)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_classify_at_80_columns(capsys, narrow, lang) -> None:
    code, out = run(capsys, "classify", str(ILLUSTRATIVE), "--lang", lang)
    assert code == 0
    assert_readable(out, ["A-01", "B-16"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_discover_at_80_columns(capsys, narrow, tmp_path, lang) -> None:
    listing = write_planted(tmp_path)
    code, out = run(capsys, "discover", str(listing), "--mapping", MAPPING, "--lang", lang)
    assert code == 0
    assert_readable(out, ["35.71.01/2020-13121", "35.71.01 Mojoroto"])


def test_queries_at_80_columns(capsys, narrow) -> None:
    from umkm_kg.catalogue import load_catalogue

    catalogue = load_catalogue()
    for lang in ("id", "en"):
        code, out = run(capsys, "queries", "--lang", lang)
        assert code == 0
        assert_readable(out, list(catalogue))
        text = " ".join(out.split())
        other = "en" if lang == "id" else "id"
        assert all(q.title[lang] in text for q in catalogue.values())
        foreign = [q.title[other] for q in catalogue.values() if q.title[other] != q.title[lang]]
        assert not any(title in text for title in foreign)  # one language per run


def test_query_answer_at_80_columns(capsys, narrow, tmp_path) -> None:
    store = tmp_path / "store"
    assert run(capsys, "load", str(ILLUSTRATIVE), "--store", str(store))[0] == 0
    code, out = run(capsys, "query", "external-partners", "--store", str(store))
    assert code == 0
    assert_readable(out, ["Sentra Anyaman Ilustratif C (data rekaan)"])


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["activity", "membuat kain tenun ikat"], ["13122"]),
        (["activity", "membuat kain tenun ikat", "--lang", "en"], ["13122", "accepted"]),
        (["region", "Kediri"], ["35.06", "52.01.02"]),
        (["mappings"], ["jatim_umkm_binaan", "Tata letak sumber"]),
        (["mappings", "--lang", "en"], ["jatim_umkm_binaan", "Source layouts"]),
    ],
)
def test_lookups_at_80_columns(capsys, narrow, args, names) -> None:
    code, out = run(capsys, *args)
    assert code in (0, 1)
    assert_readable(out, names)


def test_a_real_terminal_of_80_columns(long_named) -> None:
    """The installed command as a terminal runs it (Rich treats stdout as a terminal)."""
    env = {**os.environ, "COLUMNS": "80", "LINES": "50", "TTY_COMPATIBLE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", "from umkm_kg.cli import main; main()", "validate", str(long_named)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "\x1b[" in done.stdout  # styled as for a terminal
    assert_readable(done.stdout, [LONG_NAME])


def test_demo_speaks_one_language_and_explains_the_conflict(capsys, narrow, tmp_path) -> None:
    code, out = run(capsys, "demo", "--out", str(tmp_path / "demo"), "--lang", "en")
    assert code == 0
    text = " ".join(out.split())
    assert "Catalogue questions" in text and "Pertanyaan dari katalog" not in text
    assert "Readiness status: not ready" in text and "belum siap" not in text
    # A-01 is an enterprise id; the line says which criteria gave which class
    assert "A-01: criteria disagree: net assets (IDR) micro, annual sales (IDR) small" in text
    assert "uu_20_2008 = MSME criteria of UU 20/2008" in text
    assert_readable(out.split("Next steps")[0], ["Sentra Industri Tenun Ikat Kota Kediri"])


def test_typed_text_is_shown_as_typed_never_as_markup(capsys, narrow) -> None:
    code, out = run(capsys, "activity", "[bold]kain tenun ikat[/bold]")
    assert code == 0
    assert "[bold]kain tenun ikat[/bold]" in out
