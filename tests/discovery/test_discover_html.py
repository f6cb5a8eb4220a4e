"""discover --format html: one offline page, sortable table, SVG LQ chart, id/en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.discovery.planted import MAPPING, write_planted


def page(capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "discover", *args, "--format", "html")


def test_offline_sortable_page_with_the_lq_chart(tmp_path: Path, capsys) -> None:
    listing = write_planted(tmp_path)
    code, html, err = page(capsys, str(listing), "--mapping", MAPPING)
    assert code == 0, err
    assert html.startswith("<!DOCTYPE html>") and '<html lang="id">' in html
    # nothing is fetched: the only URL is the SVG namespace; a CSP forbids requests
    assert set(re.findall(r"https?://[^\"' <]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html and "<link" not in html and " src=" not in html
    assert html.count("<tr>") == 1 + 3  # the head and the three candidates
    assert "th.addEventListener('click'" in html  # sorting
    # the chart of the first candidate's activity (13121): one bar per kab/kota with the LQ
    assert "Location quotient 13121" in html
    bars = re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', html)
    assert len(bars) == 2 and float(bars[1]) == 0  # Kota Kediri, and Kota Blitar (no weavers)
    assert ">1.75</text>" in html and ">0.00</text>" in html  # (5 / 16) / (5 / 28); 0
    assert "LQ = (e_ri / e_r) / (E_i / E)" in html and "tahun 2021" in html
    assert "Kandidat Sentra IKM" in html


def test_english_page_and_a_chosen_activity(tmp_path: Path, capsys) -> None:
    listing = write_planted(tmp_path)
    code, html, _ = page(capsys, str(listing), "--mapping", MAPPING, "--lang", "en",
                         "--activity", "13134")  # fmt: skip
    assert code == 0 and '<html lang="en">' in html and "Candidate Sentra IKM" in html
    assert "Location quotient of 13134" in html and "data year 2021" in html
    code, _, err = page(capsys, str(listing), "--mapping", MAPPING, "--activity", "99999")
    assert code == 2 and "not a KBLI 2020 code" in err


def test_data_text_is_escaped(tmp_path: Path, capsys) -> None:
    listing = write_planted(tmp_path)
    text = listing.read_text(encoding="utf-8").replace("Tenun Ikat Bandar 1", "<script>x</script>")
    listing.write_text(text, encoding="utf-8")
    code, html, _ = page(capsys, str(listing), "--mapping", MAPPING, "--all")
    assert code == 0 and "<script>x</script>" not in html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_empty_listing_page(tmp_path: Path, capsys, lang: str) -> None:
    listing = write_planted(tmp_path)
    code, html, _ = page(capsys, str(listing), "--mapping", MAPPING, "--min-units", "50",
                         "--lang", lang)  # fmt: skip
    assert code == 0 and ("Tidak ada kandidat" in html or "No candidates" in html)
