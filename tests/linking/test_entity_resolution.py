"""Entity resolution on a fixture with known true and false pairs; SSSOM review round trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from umkm_kg.errors import DataErrors
from umkm_kg.iris import region_iri
from umkm_kg.linking import (
    ACCEPT_THRESHOLD,
    candidate_links,
    links_graph,
    read_sssom,
    records,
    write_sssom,
)
from umkm_kg.linking.sssom import COLUMNS
from umkm_kg.namespaces import ID, ORG, UMKM

FIXTURES = Path(__file__).parent / "fixtures"


def links(graphs: dict[str, Graph], min_score: float) -> set[tuple[str, str]]:
    found = set()
    for kind in ("sentra", "enterprise"):
        left = records(graphs["dinas"], kind, "dinas")
        right = records(graphs["provinsi"], kind, "provinsi")
        for candidate in candidate_links(left, right):
            if candidate.score >= min_score:
                found.add(
                    (candidate.left.iri.rsplit("/", 1)[1], candidate.right.iri.rsplit("/", 1)[1])
                )
    return found


def test_precision_and_recall_on_known_pairs(
    er_graphs: dict[str, Graph], er_truth: set[tuple[str, str]]
) -> None:
    """Measured: accepted (score >= 0.8) P = R = 18/19 = 0.947; candidates P = 0.90, R = 0.947."""
    true_pairs = er_truth
    accepted_links = links(er_graphs, ACCEPT_THRESHOLD)
    true_positives = len(accepted_links & true_pairs)
    precision = true_positives / len(accepted_links)
    recall = true_positives / len(true_pairs)
    assert (true_positives, len(accepted_links), len(true_pairs)) == (18, 19, 19)
    assert precision >= 0.94 and recall >= 0.94
    # the known limits: homonyms without figures link; a renamed sentra is missed
    assert ("e13", "f13") in accepted_links and ("s13", "p14") not in accepted_links
    # traps that must not be accepted: same name elsewhere, other activity, batik cap vs tulis
    for wrong in [("s10", "p02"), ("e10", "f01"), ("e11", "f01"), ("s06", "p10"), ("e07", "f11")]:
        assert wrong not in accepted_links
    candidates = links(er_graphs, 0.0)
    assert ("e12", "f12") in candidates and ("e12", "f12") not in accepted_links  # for review
    assert len(candidates & true_pairs) / len(candidates) >= 0.9


def test_records_take_region_and_activity_from_the_graph(er_graphs: dict[str, Graph]) -> None:
    graph = Graph()
    for triple in er_graphs["dinas"]:
        graph.add(triple)
    by_iri = {r.iri: r for r in records(graph, "enterprise")}
    first = by_iri[str(ID["enterprise/dinas/e01"])]
    assert first.region == "35.71.01.1002" and first.activity == ("2020", "13122")
    assert first.figures == {"workers": Decimal(12), "annualSalesIDR": Decimal(480000000)}
    member = URIRef(ID["enterprise/x/member"])
    sentra = URIRef(ID["sentra/x"])
    graph.add((member, RDF.type, UMKM.Enterprise))
    graph.add((sentra, ORG.hasMember, member))
    graph.add((sentra, UMKM.locatedIn, region_iri("35.73.03")))
    inherited = {r.iri: r for r in records(graph, "enterprise")}[str(member)]
    assert inherited.region == "35.73.03"  # an enterprise without a region takes its sentra's


def test_sssom_review_round_trip(tmp_path: Path, er_graphs: dict[str, Graph]) -> None:
    graphs = er_graphs
    left = records(graphs["dinas"], "enterprise", "dinas")
    right = records(graphs["provinsi"], "enterprise", "provinsi")
    path = tmp_path / "links.sssom.tsv"
    count = write_sssom(candidate_links(left, right), path, mapping_set_id=str(ID["mapping/test"]))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#curie_map:") and "#mapping_set_id: " in text
    assert "semapv:CompositeMatching" in text and "id:enterprise/dinas/e01" in text
    rows = read_sssom(path)
    assert len(rows) == count
    # review: reject the homonym, confirm the neighbour below the threshold
    reviewed = []
    for line in text.splitlines():
        cells = line.split("\t")
        if "enterprise/dinas/e13" in line:
            cells[3] = "Not"
        if "enterprise/dinas/e12" in line:
            cells[11] = "Reviewer Dinas"
        reviewed.append("\t".join(cells))
    path.write_text("\n".join(reviewed) + "\n", encoding="utf-8")
    graph = links_graph(read_sssom(path))
    same = set(graph.subject_objects(OWL.sameAs))
    e = lambda s, i: URIRef(ID[f"enterprise/{s}/{i}"])  # noqa: E731
    assert (e("dinas", "e01"), e("provinsi", "f01")) in same
    assert (e("dinas", "e13"), e("provinsi", "f13")) not in same  # rejected
    assert (e("dinas", "e12"), e("provinsi", "f12")) in same  # confirmed by a reviewer


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        (
            ["id:a", "x", "owl:differentFrom", "", "id:b", "y", "semapv:CompositeMatching", "0.9"],
            "predicate_id",
        ),
        (
            ["id:a", "x", "owl:sameAs", "", "id:b", "y", "semapv:CompositeMatching", "high"],
            "confidence",
        ),
    ],
)
def test_bad_sssom_rows_name_row_and_column(tmp_path: Path, cells: list[str], column: str) -> None:
    path = tmp_path / "bad.sssom.tsv"
    header = "\t".join(COLUMNS[:8])
    path.write_text(f"#mapping_set_id: x\n{header}\n" + "\t".join(cells) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        read_sssom(path)
    (only,) = error.value.errors
    assert only.row == 3 and only.column == column
