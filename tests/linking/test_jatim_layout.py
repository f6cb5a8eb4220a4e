"""The Jawa Timur portal layout (loaders/jatim_umkm_binaan.toml): the real list and bad input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from tests.linking.jatim_rows import HEADER, firm, row, write
from umkm_kg.errors import DataErrors
from umkm_kg.iris import region_iri
from umkm_kg.loading import LoadResult, available_mappings, load_source
from umkm_kg.namespaces import SIZE, UMKM

MAPPING = "jatim_umkm_binaan"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def real(shared_data: Path) -> tuple[LoadResult, Graph, str]:
    result = load_source(shared_data / "umkm/jatim_umkm_binaan_2024.csv", mapping=MAPPING)
    text = result.ntriples_path.read_text(encoding="utf-8")
    graph = result.graph()
    yield result, graph, text
    result.close()


def test_the_layout_is_listed() -> None:
    assert MAPPING in {m.name for m in available_mappings()}


def test_real_list_reports_loaded_rejected_and_unresolved(real) -> None:
    result, _, _ = real
    assert result.rows_loaded == 3388 and result.rejected == []
    (dropped,) = result.dropped  # the founding year 2104: the cell goes, the firm stays
    assert (dropped.row, dropped.column) == (566, "TAHUN_MULAI_USAHA")
    assert "2104" in dropped.reason
    # kecamatan of the kab/kota of the same name: linked there (209); others kept as text (48)
    assert len(result.corrections) == 209
    kept = [u for u in result.unresolved if u.column == "KECAMATAN"]
    assert len(kept) == 48 and len(result.corrections) + len(kept) == 257
    lowokwaru = [c for c in result.corrections if "LOWOKWARU" in c.reason]
    assert len(lowokwaru) == 35
    assert "Kabupaten Malang (35.07)" in lowokwaru[0].reason
    assert "35.73.05 Lowokwaru" in lowokwaru[0].reason
    elsewhere = next(u for u in kept if "KEDUNGKANDANG" in u.reason)  # Kota Malang, not Madiun
    assert "35.73.03 Kedungkandang" in elsewhere.reason
    assert result.coverage == {
        "umkm": {
            "rows": 3388,
            "region_kecamatan": 3332,
            "activity_concept": 3346,
            "candidate_kelompok": 1100,
        }
    }


def test_portal_kab_kota_numbers_resolve_to_kemendagri_codes(real) -> None:
    _, graph, _ = real
    codes = {str(o).rsplit("/", 1)[1] for o in graph.objects(None, UMKM.locatedIn)}
    located = {code for code in codes if code.count(".") == 1}
    assert len(located) == 38 and {"35.71", "35.06", "35.09", "35.08"} <= located
    kota_kediri = firm("14632")  # [71] KOTA KEDIRI, MOJOROTO
    assert set(graph.objects(kota_kediri, UMKM.locatedIn)) == {
        region_iri("35.71"),
        region_iri("35.71.01"),
    }
    for iri_id in ("17346",):  # [19] MADIUN, WUNGU
        assert region_iri("35.19") in set(graph.objects(firm(iri_id), UMKM.locatedIn))


def test_yearly_figures_are_dated_observations(real) -> None:
    _, graph, _ = real
    first = firm("17346")
    observation = URIRef(f"{first}/observation/annual-sales-2019")
    assert (first, UMKM.observation, observation) in graph
    assert (observation, UMKM.measure, UMKM.annualSalesIDR) in graph
    assert (observation, UMKM.referenceYear, Literal("2019", datatype=XSD + "gYear")) in graph
    assert (
        observation,
        UMKM.observedValue,
        Literal("907000000", datatype=XSD + "decimal"),
    ) in graph
    # 2021 also sits on the enterprise, for the classifier; a blank figure gives no observation
    assert graph.value(first, UMKM.annualSalesIDR).toPython() == 39000000
    assert graph.value(first, UMKM.workers).toPython() == 5
    assert (
        first,
        UMKM.observation,
        URIRef(f"{first}/observation/production-cost-2020"),
    ) not in graph
    assert (first, UMKM.reportedSizeClass, SIZE.small) in graph  # KECIL 1


def test_owner_data_is_never_loaded(real) -> None:
    _, _, text = real
    for personal in ("PEREMPUAN", "LAKI-LAKI", "S1/ LEBIH", "TAMAT SLTA"):
        assert personal not in text


def test_loading_twice_gives_the_same_triples(shared_data: Path, real) -> None:
    _, _, text = real
    # the activity candidates carry the time they were made; everything else is the same
    made_at = re.compile(r'(<http://www.w3.org/ns/prov#generatedAtTime> )"[^"]*"')
    with load_source(shared_data / "umkm/jatim_umkm_binaan_2024.csv", mapping=MAPPING) as again:
        assert sorted(
            made_at.sub(r'\1"T"', again.ntriples_path.read_text(encoding="utf-8")).splitlines()
        ) == sorted(made_at.sub(r'\1"T"', text).splitlines())


# ------------------------------------------------------------------ bad input of this layout


def test_unknown_kab_kota_rejects_the_row_with_its_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path, [row(1), row(2, kab="[88] KOTA ATLANTIS"), row(3, kab="[06] KEDIRI", kec="PARE")]
    )
    with load_source(path, mapping=MAPPING) as result:
        assert result.rows_loaded == 2
        (rejected,) = result.rejected
        assert (rejected.file, rejected.row, rejected.column) == ("j.csv", 3, "KAB_KOTA")
        assert "KOTA ATLANTIS" in rejected.reason
        graph = result.graph()
        assert region_iri("35.06") in set(graph.objects(firm("3"), UMKM.locatedIn))
        assert (firm("2"), None, None) not in graph  # nothing of the rejected row


def test_unknown_kecamatan_is_kept_as_written_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, [row(1, kab="[09] JEMBER", kec="MOJOROTO"), row(2, kec="MOJOROTTO")])
    with load_source(path, mapping=MAPPING) as result:
        assert result.rows_loaded == 2 and not result.rejected
        (unresolved,) = result.unresolved
        assert (unresolved.row, unresolved.column) == (2, "KECAMATAN")
        assert "in Kabupaten Jember (35.09)" in unresolved.reason
        assert "35.71.01 Mojoroto" in unresolved.reason  # not the same name: no correction
        assert result.corrections == []
        graph = result.graph()
        assert graph.value(firm("1"), UMKM.regionName) == Literal("MOJOROTO")
        assert set(graph.objects(firm("1"), UMKM.locatedIn)) == {region_iri("35.09")}
        assert region_iri("35.71.01") in set(graph.objects(firm("2"), UMKM.locatedIn))  # typo


@pytest.mark.parametrize(
    ("value", "expected"), [("1.500.000", 1500000), ("Rp 2.500.000", 2500000), ("1.500", 1500)]
)
def test_numbers_are_read_in_the_declared_indonesian_style(
    tmp_path: Path, value: str, expected: int
) -> None:
    with load_source(write(tmp_path, [row(1, omset_2021=value)]), mapping=MAPPING) as result:
        assert result.graph().value(firm("1"), UMKM.annualSalesIDR).toPython() == expected


@pytest.mark.parametrize(
    ("value", "reason"), [("9,932.44", "9,932.44"), ("-5000000", "negative"), ("banyak", "banyak")]
)
def test_unreadable_or_negative_money_in_an_optional_cell_drops_the_cell(
    tmp_path: Path, value: str, reason: str
) -> None:
    with load_source(
        write(tmp_path, [row(1), row(2, omset_2021=value)]), mapping=MAPPING
    ) as result:
        assert result.rejected == [] and result.rows_loaded == 2
        (dropped,) = result.dropped
        assert (dropped.row, dropped.column) == (3, "OMSET_2021")
        assert reason in dropped.reason and "the row loads" in dropped.reason
        graph = result.graph()
        assert graph.value(firm("2"), UMKM.annualSalesIDR) is None
        assert graph.value(firm("2"), UMKM.workers) is not None  # the rest of the row is there


def test_utf8_with_bom_loads(tmp_path: Path) -> None:
    path = write(tmp_path, [row(1)], encoding="utf-8-sig")
    with load_source(path, mapping=MAPPING) as result:
        assert result.rows_loaded == 1
        assert (firm("1"), None, None) in result.graph()


def test_latin1_file_is_refused_naming_file_and_row(tmp_path: Path) -> None:
    path = write(tmp_path, [row(1), row(2, kec="MOJOROTO").replace("TENUN IKAT", "TENUN IKAT Ã©")])
    path.write_bytes(path.read_bytes().replace("Ã©".encode(), b"\xe9"))
    with pytest.raises(DataErrors) as error:
        load_source(path, mapping=MAPPING)
    message = str(error.value)
    assert "j.csv" in message and "row 3" in message and "not UTF-8" in message


def test_missing_kab_kota_column_loads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.csv"
    lines = [HEADER.replace("KAB_KOTA,", ""), row(1).replace("[71] KOTA KEDIRI,", "")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        load_source(path, mapping=MAPPING)
    assert "required column 'KAB_KOTA' is missing" in str(error.value)


_LOAD_AND_MEASURE = """
import resource, sys
from umkm_kg.loading import load_source
with load_source(sys.argv[1], mapping="jatim_umkm_binaan") as result:
    print(result.rows_loaded, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _big_file(path: Path, megabytes: int) -> int:
    """A portal file of ``megabytes`` MB, written row by row (wide text, few figures)."""
    activity = "PRODUKSI " + "KERIPIK SINGKONG PEDAS MANIS " * 30
    rows = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        while handle.tell() < megabytes * 1_000_000:
            rows += 1
            handle.write(row(rows).replace("TENUN IKAT", activity + str(rows)) + "\n")
    return rows


def _peak_mb(path: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_MEASURE, str(path)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    loaded, peak = done.stdout.split()
    return int(loaded), int(peak)


def test_a_100_mb_file_streams_with_bounded_memory(tmp_path: Path) -> None:
    """Peak memory grows far less than the file: rows are streamed, not held."""
    small_rows = _big_file(tmp_path / "small.csv", 10)
    big_rows = _big_file(tmp_path / "big.csv", 100)
    small_loaded, small_peak = _peak_mb(tmp_path / "small.csv")
    big_loaded, big_peak = _peak_mb(tmp_path / "big.csv")
    assert (small_loaded, big_loaded) == (small_rows, big_rows)
    # measured: about 110 MB for 10 MB and 150 MB for 100 MB (the ids of the rows are kept)
    assert big_peak - small_peak < 0.75 * 90
    assert big_peak < 100 + small_peak
