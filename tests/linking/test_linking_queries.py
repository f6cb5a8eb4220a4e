"""The linking queries on known data: conflicting values across sources, size band vs computed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from tests.linking.jatim_rows import firm, row, write
from umkm_kg.linking import LINKS_GRAPH, candidate_links, links_graph, read_sssom, records
from umkm_kg.linking.sssom import write_sssom
from umkm_kg.namespaces import ID, SIZE
from umkm_kg.store import EmbeddedStore


@pytest.fixture
def store(tmp_path: Path):
    opened = EmbeddedStore(tmp_path / "store")
    yield opened
    opened.close()


def short(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def test_conflicting_values_of_linked_entities(
    store: EmbeddedStore, er_graphs: dict[str, Graph], tmp_path: Path
) -> None:
    for name, graph in er_graphs.items():
        path = tmp_path / f"{name}.ttl"
        graph.serialize(path, format="turtle")
        store.load(path)
    table = tmp_path / "links.sssom.tsv"
    candidates = []
    for kind in ("sentra", "enterprise"):
        left, right = (records(er_graphs[s], kind, s) for s in ("dinas", "provinsi"))
        candidates += candidate_links(left, right)
    write_sssom(candidates, table, mapping_set_id=str(ID["mapping/test"]))
    store.add_graph(links_graph(read_sssom(table)), LINKS_GRAPH)
    rows = store.query("conflicting-values")
    found = {(short(r["entity"]), short(r["property"]), r["value1"], r["value2"]) for r in rows}
    assert found == {
        ("s01", "monthlyTurnoverIDR", 250000000, 240000000),
        ("e01", "annualSalesIDR", 480000000, 500000000),
        ("e03", "workers", 30, 28),
        ("e05", "annualSalesIDR", 250000000, 260000000),
        ("e07", "annualSalesIDR", 120000000, 110000000),
        ("e09", "annualSalesIDR", 900000000, 850000000),
        ("e09", "workers", 15, 14),
    }
    assert {short(r["graph1"]) for r in rows} == {"dinas"}
    one = store.query("conflicting-values", entity=ID["enterprise/dinas/e09"])
    assert {short(r["property"]) for r in one} == {"annualSalesIDR", "workers"}


def test_conflicting_yearly_observations_of_the_same_firm(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    """Two extracts of the portal list: the same firm (same IRI), one 2019 turnover differs."""
    first = write(tmp_path, [row(1), row(2)], name="extract-a.csv")
    second = write(tmp_path, [row(1, omset_2019="120000000"), row(2)], name="extract-b.csv")
    store.load(first, mapping="jatim_umkm_binaan")
    store.load(second, mapping="jatim_umkm_binaan")
    rows = store.query("conflicting-values")
    assert [
        (short(r["entity"]), short(r["property"]), r["year"], r["value1"], r["value2"])
        for r in rows
    ] == [("1", "annualSalesIDR", 2019, 100000000, 120000000)]


def test_size_band_disagreement(store: EmbeddedStore, tmp_path: Path) -> None:
    kecil = "KECIL 1: OMSET SATU TAHUN ANTARA 300 - 1 MILYAR"
    path = write(
        tmp_path,
        [
            row(1, omset_2021="250000000"),  # mikro band, Rp 250 juta: micro under UU 20/2008
            row(2, omset_2021="250000000", band=kecil),  # kecil band but micro sales
            row(3, omset_2021="300000001", band=kecil),  # just above the micro limit: small
            row(4, omset_2021="-"),  # no 2021 turnover: nothing to compare
        ],
    )
    store.load(path, mapping="jatim_umkm_binaan")
    rows = store.query("size-band-disagreement")
    assert [(r["enterprise"], r["reported"], r["computed"]) for r in rows] == [
        (firm("2"), SIZE.small, SIZE.micro)
    ]
    # under PP 7/2021 (micro up to Rp 2 miliar) both kecil rows disagree
    rows = store.query("size-band-disagreement", rule_set="pp_7_2021")
    assert {r["enterprise"] for r in rows} == {firm("2"), firm("3")}


def test_conflicting_figures_of_one_iri_in_two_sources(store: EmbeddedStore, tmp_path: Path):
    """Same firm IRI in two sources: the differing figure is listed, the equal one is not."""
    firm_ttl = (
        "@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .\n"
        "<https://w3id.org/umkm-kg/id/enterprise/x/e1> a umkm:Enterprise ;\n"
        "    umkm:workers {workers} ; umkm:annualSalesIDR 100000000 .\n"
    )
    for name, workers in (("first", 3), ("second", 4)):
        path = tmp_path / f"{name}.ttl"
        path.write_text(firm_ttl.replace("{workers}", str(workers)), encoding="utf-8")
        store.load(path)
    rows = store.query("conflicting-values")
    assert [
        (short(r["entity"]), short(r["property"]), r["value1"], r["value2"], short(r["graph1"]))
        for r in rows
    ] == [("e1", "workers", 3, 4, "first")]
