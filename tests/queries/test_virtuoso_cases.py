"""validate --endpoint on Virtuoso gives the embedded store's verdicts and data errors on every
validation case (``tests/validation/cases.py``) and on the near miss of every profile shape
(``tests/validation/near_misses.py``), the same files loaded into both stores."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from tests.conftest import started_virtuoso
from umkm_kg.store import open_store
from umkm_kg.store.bulk import bulk_load
from umkm_kg.validation import validate_opened
from umkm_kg.validation.render import to_json

sys.path.insert(0, str(Path(__file__).parents[1] / "validation"))  # as its conftest does
from builders import sentra_graph
from cases import CASES, case_spec
from near_misses import FIXTURES, fixture_graph

# Near misses that give a firm two values of one figure: ``load`` refuses such a source (two
# sources that differ are told apart in tests/queries/test_virtuoso_rows.py); and the
# conforming fixture, whose key is the conforming case's.
LEFT_OUT = {"bad_data", "enterprise_capital", "enterprise_net_assets", "conforming"}
# Ill-formed literals of a well-typed figure that ``load`` takes (it reads the firms' own
# figures only): Virtuoso 7.2 casts "abc"^^xsd:decimal without failing.
ILL_FORMED = """@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/umkm-kg/id/> .
id:enterprise\\/ill\\/e1 a umkm:Enterprise ; umkm:workers 3 .
id:enterprise\\/ill\\/e1\\/cooperation\\/c a umkm:Cooperation ;
  umkm:participant id:enterprise\\/ill\\/e1 ; umkm:amountIDR "abc"^^xsd:decimal ;
  umkm:year "20x"^^xsd:gYear .
"""


def _sources(folder: Path) -> list[Path]:
    """The cases and the fixtures that ``load`` takes, one file each (disjoint subjects)."""
    cases = folder / "cases.ttl"
    sentra_graph(*(case_spec(name) for name in CASES)).serialize(cases, format="turtle")
    fixtures = folder / "near-misses.ttl"
    graph = Graph()
    for name in sorted(set(FIXTURES) - LEFT_OUT):
        graph += fixture_graph(name)
    graph.serialize(fixtures, format="turtle")
    ill_formed = folder / "ill-formed.ttl"
    ill_formed.write_text(ILL_FORMED, encoding="utf-8")
    return [cases, fixtures, ill_formed]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict, dict]]:
    """The validation of the same files on the embedded store and on a fresh Virtuoso."""
    folder = tmp_path_factory.mktemp("cases")
    with started_virtuoso(folder / "virtuoso") as server:
        sources = _sources(folder)
        with open_store(folder / "store") as embedded:
            for source in sources:
                embedded.load(source)
            expected = json.loads(to_json(validate_opened(embedded)))
        store = open_store(endpoint=f"{server.url}/sparql", timeout=120)
        for source in sources:
            bulk_load(store, source, server.sql, server.dirs_allowed[0])
        yield expected, json.loads(to_json(validate_opened(store)))


def test_the_data_give_every_status_and_data_errors(verdicts):
    expected, _ = verdicts
    statuses = {c["status"] for s in expected["sentra"] for c in s["criteria"]}
    assert statuses == {"met", "not_met", "unknown"}
    assert len(expected["sentra"]) == len(CASES) + len(set(FIXTURES) - LEFT_OUT)
    shapes = {e["shape"] for e in expected["data_errors"]}
    assert {"umkmsh:enterprise_workers", "umkmsh:observation_year"} <= shapes
    ill = {(e["path"], e["value"]) for e in expected["data_errors"] if "/ill/" in e["focus"]}
    assert {("umkm:amountIDR", "abc"), ("umkm:year", "20x")} <= ill


def test_verdicts_are_the_embedded_stores(verdicts):
    expected, served = verdicts
    assert served["sentra"] == expected["sentra"]


def test_data_errors_are_the_embedded_stores(verdicts):
    expected, served = verdicts
    key = lambda e: json.dumps(e, sort_keys=True)  # noqa: E731
    missing = sorted(map(key, expected["data_errors"]), key=str)
    found = sorted(map(key, served["data_errors"]), key=str)
    assert [e for e in missing if e not in found] == []
    assert [e for e in found if e not in missing] == []
