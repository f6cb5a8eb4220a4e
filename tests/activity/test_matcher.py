"""The free-text activity matcher: candidates, scores, matched words, the acceptance rule."""

from __future__ import annotations

import csv

import pytest

from umkm_kg.activity import MARGIN, SCORE_THRESHOLD, resolve, suggest, synonym_table, words
from umkm_kg.reference import kbli
from umkm_kg.resources import resource_path


@pytest.mark.parametrize(
    ("text", "code", "matched"),
    [
        ("MEMBUAT KAIN TENUN", "13121", ("kain", "tenun")),
        ("membuat kain tenun ikat", "13122", ("tenun", "ikat")),
        ("PRODUKSI TEMPE", "10391", ("tempe",)),
        ("KRIPIK SINGKONG/ GLITHI", "10794", ("kripik",)),
        ("keripk pisang", "10794", ("keripk",)),  # a typo of keripik, matched by rapidfuzz
        ("BATIK TULIS", "13134", ("batik", "tulis")),
        ("pengrajin tahu", "10392", ("tahu",)),
        ("Konveksi", "14111", ("konveksi",)),
        ("MEBEL", "31001", ("mebel",)),
        ("mebel rotan", "31002", ("mebel", "rotan")),
        ("anyaman bambu", "16291", ("anyaman", "bambu")),
        ("kerajinan gerabah", "23932", ("gerabah",)),
        ("bordir", "14302", ("bordir",)),
    ],
)
def test_the_accepted_candidate_and_its_words(text: str, code: str, matched: tuple) -> None:
    found = resolve(text)
    assert found.candidate is not None, found
    assert found.candidate.code == code
    assert set(matched) <= set(found.candidate.matched)
    assert found.candidate.score >= SCORE_THRESHOLD
    assert str(found.candidate.iri).endswith(f"/kbli/2020/{code}")
    assert found.candidate.label == kbli("2020", code).title


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("PRODUKSI MAKANAN", "ambiguous"),  # dozens of food kelompok say 'makanan'
        ("anyaman", "ambiguous"),  # rotan/bambu or other plants: the material decides
        ("SIMPAN PINJAM", "ambiguous"),  # KSP or USP, primer or sekunder
        ("ECOPRINT", "no_match"),
        ("PERTOKOAN", "below_threshold"),
        ("-", "empty"),
        ("", "empty"),
        ("membuat produksi usaha", "no_match"),  # only words that say nothing
    ],
)
def test_vague_or_unknown_text_gets_no_accepted_candidate(text: str, reason: str) -> None:
    found = resolve(text)
    assert found.candidate is None
    assert found.reason == reason


def test_candidates_are_ranked_with_a_margin_for_the_accepted_one() -> None:
    found = suggest("membuat kain tenun", limit=3)
    assert [c.code for c in found] == ["13121", "13122", found[2].code]
    assert found[0].score - found[1].score >= MARGIN
    assert found[0].via == "synonym" and found[1].via == "title"
    assert all(a.score >= b.score for a, b in zip(found, found[1:], strict=False))
    assert len(suggest("membuat kain tenun", limit=1)) == 1
    assert suggest("membuat kain tenun", limit=0) == []


def test_words_fold_case_accents_and_punctuation() -> None:
    assert words("KRIPIK SINGKONG/ GLITHI") == ["kripik", "singkong", "glithi"]
    assert words("Café 2 Kopi-Bubuk") == ["cafe", "kopi", "bubuk"]


def test_every_synonym_row_names_a_kelompok_with_a_rationale() -> None:
    path = resource_path("reference", "activity_synonyms.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 80
    for row in rows:
        assert row["rationale"].strip(), row
        if row["kbli2020"]:
            assert kbli("2020", row["kbli2020"]).level == 5, row
    table = synonym_table()
    phrases = {p.words: p.codes for p in table.phrases}
    for term in (
        "tenun",
        "batik",
        "anyaman",
        "gerabah",
        "tempe",
        "tahu",
        "keripik",
        "kripik",
        "konveksi",
        "mebel",
        "bordir",
    ):
        assert (term,) in phrases, term
    assert phrases[("anyaman",)] == ("16291", "16292")
    assert "membuat" in table.ignored and "produksi" in table.ignored
