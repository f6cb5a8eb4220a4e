"""The Jawa Timur list reaches the criteria: corrections, dropped cells, cooperation, shares.

Issue 11 section 2: kecamatan of the kab/kota of the same name, a bad optional cell, credit
and assisting agencies as cooperation with one node per institution, the shares ``load``
reports, and ``validate`` on a store without sentra.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS

from tests.cli_runner import run_cli
from tests.linking.jatim_rows import HEADER, firm
from umkm_kg.iris import region_iri
from umkm_kg.loading import load_source
from umkm_kg.namespaces import ID, KIND, ROV, UMKM

MAPPING = "jatim_umkm_binaan"
KEMENKOP = ID["institution/kementerian-koperasi-dan-ukm"]
DINKOP = ID["institution/35/dinas-koperasi-dan-ukm-provinsi-jawa-timur-atau-kabupaten-kota"]
XSD_GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
BOTH = "KEMENTERIAN KOPERASI DAN UKM RI, DINAS KOPERASI DAN UKM PROVINSI JAWA TIMUR ATAU KAB/ KOTA"


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """A portal file: every column blank but those given (ID_DT_BINAAN_EXCEL, KAB_KOTA...)."""
    columns = HEADER.split(",")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for number, cells in enumerate(rows, start=1):
        base = {"ID_DT_BINAAN_EXCEL": str(number), "KAB_KOTA": "[71] KOTA KEDIRI"}
        writer.writerow({**dict.fromkeys(columns, ""), **base, **cells})
    path = tmp_path / "jatim_umkm_binaan_2024.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_kecamatan_of_the_kota_of_the_same_name_is_linked_there_with_a_correction(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        [
            {"KAB_KOTA": "[07] MALANG", "KECAMATAN": "LOWOKWARU"},  # Kota Malang's
            {"KAB_KOTA": "[07] MALANG", "KECAMATAN": "SINGOSARI"},  # Kabupaten Malang's own
            {"KAB_KOTA": "[19] MADIUN", "KECAMATAN": "KEDUNGKANDANG"},  # Kota Malang: not a twin
        ],
    )
    with load_source(path, mapping=MAPPING) as result:
        graph = result.graph()
        assert set(graph.objects(firm("1"), UMKM.locatedIn)) == {
            region_iri("35.73"),
            region_iri("35.73.05"),
        }
        correction = URIRef(f"{firm('1')}/correction/kecamatan")
        assert (firm("1"), UMKM.correction, correction) in graph
        assert (correction, RDF.type, UMKM.Correction) in graph
        written = str(graph.value(correction, UMKM.writtenValue))
        assert written == "KAB_KOTA: [07] MALANG; KECAMATAN: LOWOKWARU"
        assert "Kota Malang (35.73)" in str(graph.value(correction, RDFS.comment))
        assert "jatim_umkm_binaan.toml" in str(graph.value(correction, DCTERMS.source))
        assert region_iri("35.07") in set(graph.objects(firm("2"), UMKM.locatedIn))
        assert (firm("2"), UMKM.correction, None) not in graph
        assert graph.value(firm("3"), UMKM.regionName) == Literal("KEDUNGKANDANG")
        assert set(graph.objects(firm("3"), UMKM.locatedIn)) == {region_iri("35.19")}
        ((note,), kept) = result.corrections, result.unresolved
        assert (note.row, note.column) == (2, "KECAMATAN")
        assert [u.row for u in kept] == [4] and "35.73.03 Kedungkandang" in kept[0].reason


def test_a_bad_optional_cell_is_dropped_but_a_bad_required_cell_rejects_the_row(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        [
            {"TAHUN_MULAI_USAHA": "2104", "OMSET_2021": "5000000"},
            {"KAB_KOTA": ""},  # required
            {"KAB_KOTA": "[88] ATLANTIS"},  # required, unknown
        ],
    )
    with load_source(path, mapping=MAPPING) as result:
        assert result.rows_loaded == 1
        assert [(r.row, r.column) for r in result.rejected] == [(3, "KAB_KOTA"), (4, "KAB_KOTA")]
        (dropped,) = result.dropped
        assert (dropped.row, dropped.column) == (2, "TAHUN_MULAI_USAHA")
        graph = result.graph()
        assert graph.value(firm("1"), UMKM.foundingYear) is None
        assert graph.value(firm("1"), UMKM.annualSalesIDR).toPython() == 5000000


def test_credit_and_assisting_agencies_become_cooperation_with_one_node_per_institution(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        [
            {"DAPAT_KREDIT": "YA", "INSTANSI_PEMBINAAN": BOTH},
            {"DAPAT_KREDIT": "TIDAK", "INSTANSI_PEMBINAAN": "KEMENTERIAN KOPERASI DAN UKM RI"},
            {"INSTANSI_PEMBINAAN": "Tidak ada"},
            {"INSTANSI_PEMBINAAN": "Bank bri, Disnaker"},
        ],
    )
    with load_source(path, mapping=MAPPING) as result:
        graph = result.graph()
        credit = URIRef(f"{firm('1')}/cooperation/credit")
        assert (credit, UMKM.participant, firm("1")) in graph
        assert (credit, UMKM.cooperationKind, KIND.credit) in graph
        assert (credit, RDF.type, UMKM.Cooperation) in graph
        assert (None, UMKM.participant, firm("2")) in graph  # mentoring only
        assert not any(graph.triples((URIRef(f"{firm('2')}/cooperation/credit"), None, None)))
        partners = {
            firm_id: set(
                graph.value(c, UMKM.partner) or graph.value(c, UMKM.partnerName)
                for c in graph.subjects(UMKM.participant, firm(firm_id))
                if (c, UMKM.cooperationKind, KIND.mentoring) in graph
            )
            for firm_id in "1234"
        }
        assert partners["1"] == {KEMENKOP, DINKOP}
        assert partners["2"] == {KEMENKOP}  # the same node for both firms
        assert partners["3"] == set()
        assert partners["4"] == {ID["institution/bank-rakyat-indonesia"], Literal("Disnaker")}
        assert len(set(graph.objects(KEMENKOP, RDFS.label))) == 2  # described once, id + en
        assert (DINKOP, RDF.type, UMKM.LocalGovernmentOffice) in graph
        assert (DINKOP, UMKM.locatedIn, region_iri("35")) in graph
        (kept,) = result.unresolved
        assert (kept.row, kept.column) == (5, "INSTANSI_PEMBINAAN") and "Disnaker" in kept.reason


def test_kbli_sections_and_combined_categories_are_the_listed_firms_activity(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        [
            {"JENIS_LAPANGAN_USAHA": "[C] INDUSTRI PENGOLAHAN"},
            {"JENIS_LAPANGAN_USAHA": "[R,S] AKTIVITAS JASA LAINNYA"},
            {"JENIS_LAPANGAN_USAHA": "[D] PENGADAAN AIR, PENGELOLAAN SAMPAH DAN DAUR ULANG"},
        ],
    )
    with load_source(path, mapping=MAPPING) as result:
        graph = result.graph()
        assert (firm("1"), RDF.type, UMKM.ListedEnterprise) in graph
        assert set(graph.objects(firm("1"), ROV.orgActivity)) == {ID["kbli/2020/C"]}
        assert set(graph.objects(firm("2"), ROV.orgActivity)) == {
            ID["kbli/2020/R"],
            ID["kbli/2020/S"],
        }
        assert set(graph.objects(firm("3"), ROV.orgActivity)) == set()  # letter/title swapped
        assert result.coverage == {
            "umkm": {"rows": 3, "region_kecamatan": 0, "activity_concept": 2}
        }


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, out, err = run_cli(capsys, *args)
    return code, " ".join((out + err).split())


def test_load_reports_the_shares_and_validate_without_sentra_points_to_discovery(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        [
            {"KECAMATAN": "MOJOROTO", "JENIS_LAPANGAN_USAHA": "[C] INDUSTRI PENGOLAHAN"},
            {"KECAMATAN": "", "JENIS_LAPANGAN_USAHA": "[R,S] AKTIVITAS JASA LAINNYA"},
        ],
    )
    store = tmp_path / "store"
    code, out = _run(capsys, "load", str(path), "--mapping", MAPPING, "--store", str(store))
    assert code == 0, out
    assert "kecamatan level or below: 1 of 2 (50.0 %)" in out
    assert "activity concept (KBLI, any level): 2 of 2 (100.0 %)" in out
    code, out = _run(capsys, "validate", "--store", str(store), "--lang", "en")
    assert code == 0, out
    assert "No sentra in these data" in out and "umkm-kg discover" in out
    assert "violation" not in out


def test_the_real_list_validates_without_profile_violations(
    shared_data: Path, tmp_path: Path
) -> None:
    from umkm_kg.store import open_store
    from umkm_kg.validation import validate_opened

    with open_store(tmp_path / "store") as store:
        report = store.load(shared_data / "umkm/jatim_umkm_binaan_2024.csv", mapping=MAPPING)
        assert report.rows_loaded == 3388 and report.rows_rejected == 0
        assert report.coverage == {
            "umkm": {
                "rows": 3388,
                "region_kecamatan": 3332,
                "activity_concept": 3346,
                "candidate_kelompok": 1100,  # free text given a KBLI 2020 kelompok (issue 11)
            }
        }
        validation = validate_opened(store)
    assert validation.data_errors == []  # was 2,335 "activity must be one 5-digit KBLI"
    assert validation.sentra == [] and validation.exit_code == 0


def test_size_band_disagreement_says_which_years_match_the_band(tmp_path: Path) -> None:
    from umkm_kg.store import open_store

    kecil = "KECIL 1: OMSET SATU TAHUN ANTARA 300 - 1 MILYAR"
    path = _write(
        tmp_path,
        [
            # kecil band, micro 2021 sales: the band is 2019's (small), not 2020's (micro)
            {
                "KLasIFIKasI_USAHA": kecil,
                "OMSET_2019": "400000000",
                "OMSET_2020": "200000000",
                "OMSET_2021": "250000000",
            },
            {"KLasIFIKasI_USAHA": kecil, "OMSET_2019": "100", "OMSET_2021": "250000000"},
        ],
    )
    with open_store(tmp_path / "store") as store:
        store.load(path, mapping=MAPPING)
        rows = store.query("size-band-disagreement")
    assert [
        (r["enterprise"], r.get("firstMatchingYear"), r.get("lastMatchingYear")) for r in rows
    ] == [(firm("1"), 2019, 2019), (firm("2"), None, None)]


def test_a_firms_figures_are_classified_under_the_rules_of_their_observation_date(
    tmp_path: Path,
) -> None:
    from umkm_kg.classify import classify_graph, figure_dates

    path = _write(tmp_path, [{"OMSET_2021": "2600000000"}])
    with load_source(path, mapping=MAPPING) as result:
        graph = result.graph()
    (size,) = classify_graph(graph)
    # dated 2021-12-31 by OMSET_2021: PP 7/2021 (micro up to Rp 2 M, small up to Rp 15 M)
    assert (size.as_of.isoformat(), size.rule_set, size.size_class) == (
        "2021-12-31",
        "pp_7_2021",
        "small",
    )
    # the same figure observed for 2020 only: UU 20/2008, in force on 2020-12-31 (medium)
    observation = URIRef(f"{firm('1')}/observation/annual-sales-2021")
    graph.set((observation, UMKM.referenceYear, Literal("2020", datatype=XSD_GYEAR)))
    assert figure_dates(graph)[firm("1")].isoformat() == "2020-12-31"
    (size,) = classify_graph(graph)
    assert (size.rule_set, size.size_class) == ("uu_20_2008", "medium")
