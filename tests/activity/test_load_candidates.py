"""At load time a firm's free-text activity gets its candidate as its own dated statement."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from tests.cli_runner import run_cli
from tests.linking.jatim_rows import HEADER, firm
from umkm_kg.iris import kbli_iri
from umkm_kg.loading import load_source
from umkm_kg.namespaces import ROV, UMKM

_ROW = (
    "{n},[71] KOTA KEDIRI,MOJOROTO,{activity},USAHA {n},PEREMPUAN,S1/ LEBIH,KOPERASI,"
    '"[C] INDUSTRI PENGOLAHAN",,,TIDAK,YA,,2015,58,2,3,4,1,2,3,,,,,,,19,1'
)


def _listing(tmp_path: Path, activities: list[str]) -> Path:
    path = tmp_path / "jatim_umkm_binaan_2024.csv"
    rows = [_ROW.format(n=n, activity=a) for n, a in enumerate(activities, start=1)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_candidate_sits_beside_the_source_code_with_date_and_provenance(tmp_path) -> None:
    source = _listing(tmp_path, ["MEMBUAT KAIN TENUN", "PRODUKSI MAKANAN", "-", "TEMPE"])
    before = datetime.now(UTC)
    with load_source(source, "jatim_umkm_binaan") as result:
        graph = result.graph()
        assert result.activity_candidates == 2
    weaver, vague, blank, tempe = (firm(str(n)) for n in range(1, 5))
    candidate = graph.value(weaver, UMKM.activityCandidate)
    assert candidate == URIRef(str(weaver) + "/activity-candidate")
    assert (candidate, RDF.type, UMKM.ActivityCandidate) in graph
    assert graph.value(candidate, UMKM.candidateActivity) == kbli_iri("2020", "13121")
    assert float(graph.value(candidate, UMKM.matchScore)) == 1.0
    assert {str(w) for w in graph.objects(candidate, UMKM.matchedWord)} == {"kain", "tenun"}
    made = graph.value(candidate, PROV.generatedAtTime).toPython()
    assert before <= made <= datetime.now(UTC)
    assert "activity_synonyms.csv" in str(graph.value(candidate, DCTERMS.source))
    # the source's own code and text are untouched, beside the candidate
    assert graph.value(weaver, ROV.orgActivity) == kbli_iri("2020", "C")
    assert graph.value(weaver, DCTERMS.description) == Literal("MEMBUAT KAIN TENUN", lang="id")
    # the proposed kelompok is a concept with its title, so queries can show it
    assert graph.value(kbli_iri("2020", "13121"), SKOS.notation) == Literal("13121")
    assert graph.value(URIRef(tempe + "/activity-candidate"), UMKM.candidateActivity) == kbli_iri(
        "2020", "10391"
    )
    for firm_iri in (vague, blank):  # too vague, or no text: no candidate at all
        assert graph.value(firm_iri, UMKM.activityCandidate) is None


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args)


def test_activity_command_shows_the_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "activity", "membuat kain tenun", "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert rows[0]["kbli"] == "13121" and rows[0]["accepted"] is True
    assert rows[0]["matched"] == ["kain", "tenun"]
    assert rows[1]["kbli"] == "13122" and rows[1]["accepted"] is False
    code, out, _ = run(capsys, "activity", "produksi makanan")
    assert code == 1
    assert "terlalu umum" in " ".join(out.split())  # Indonesian by default
    code, out, _ = run(capsys, "activity", "produksi makanan", "--lang", "en")
    assert code == 1
    assert "too vague" in " ".join(out.split()) and "terlalu" not in out
    code, _, err = run(capsys, "activity", "x", "--limit", "0")
    assert code == 2 and "--limit must be at least 1" in err


def test_real_jatim_list_share_of_rows_with_a_candidate(shared_data) -> None:
    source = shared_data / "umkm" / "jatim_umkm_binaan_2024.csv"
    with load_source(source, "jatim_umkm_binaan") as result:
        share = result.activity_candidates / result.rows_loaded
    # measured 2026-12-02: 1,100 of 3,388 loaded rows (32.5 %)
    assert 0.28 <= share <= 0.40, share
