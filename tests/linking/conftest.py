"""Fixtures of the linking tests: the entity-resolution sources with known true pairs."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal

from umkm_kg.iris import kbli_iri, region_iri
from umkm_kg.namespaces import ID, ROV, UMKM

FIXTURES = Path(__file__).parent / "fixtures"
FIGURES = {
    "workers": UMKM.workers,
    "annual_sales_idr": UMKM.annualSalesIDR,
    "monthly_turnover_idr": UMKM.monthlyTurnoverIDR,
}


@pytest.fixture(scope="session")
def er_graphs() -> dict[str, Graph]:
    """The two sources of ``er_records.csv`` as graphs in the docs/model.md vocabulary."""
    graphs: dict[str, Graph] = {}
    with (FIXTURES / "er_records.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            graph = graphs.setdefault(row["source"], Graph())
            node = ID[f"{row['kind']}/{row['source']}/{row['id']}"]
            kind = UMKM.Sentra if row["kind"] == "sentra" else UMKM.Enterprise
            graph.add((node, RDF.type, kind))
            graph.add((node, RDFS.label, Literal(row["name"])))
            graph.add((node, UMKM.locatedIn, region_iri(row["region"])))
            if row["kbli"]:
                graph.add((node, ROV.orgActivity, kbli_iri(2020, row["kbli"])))
            for column, prop in FIGURES.items():
                if row[column]:
                    graph.add((node, prop, Literal(Decimal(row[column]))))
    return graphs


@pytest.fixture(scope="session")
def er_truth() -> set[tuple[str, str]]:
    with (FIXTURES / "er_truth.csv").open(encoding="utf-8") as handle:
        return {(row["dinas_id"], row["provinsi_id"]) for row in csv.DictReader(handle)}
