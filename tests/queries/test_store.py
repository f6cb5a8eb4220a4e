"""The embedded store: named graphs with provenance, atomic loads, idempotent reloads."""

from __future__ import annotations

import hashlib
import io

import pyoxigraph
import pytest
from rdflib import Graph

from tests.queries.conftest import KNOWN_DATA
from umkm_kg.classify import assessment_graph, outcome_graph
from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import UMKM
from umkm_kg.store import default_store_path, open_store
from umkm_kg.store.assessments import FigureCollector, write_assessments
from umkm_kg.store.provenance import source_file_iri

GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _graphs(store) -> dict[str, int]:
    return {str(row["g"]): row["n"] for row in store.select(GRAPHS)}


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as opened:
        opened.load(KNOWN_DATA)
        yield opened


def test_each_source_has_its_graph_with_provenance(store):
    graphs = _graphs(store)
    base = "https://w3id.org/umkm-kg/id/graph/"
    assert set(graphs) == {
        base + "sentra",
        base + "size-assessments/sentra",
        base + "ontology",
        base + "shapes",
        base + "size-outcomes",
        base + "kbli-correspondence",  # read by the similarity criteria on any server
        base + "reference",  # the regions and KBLI concepts the data use, held once
    }
    checksum = hashlib.sha256(KNOWN_DATA.read_bytes()).hexdigest()
    rows = store.select(
        """PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX spdx: <http://spdx.org/rdf/terms#>
        SELECT ?file ?sum ?end WHERE { GRAPH <https://w3id.org/umkm-kg/id/graph/sentra> {
          ?g prov:wasDerivedFrom ?file ; prov:wasGeneratedBy/prov:endedAtTime ?end .
          ?file spdx:checksum/spdx:checksumValue ?sum } }"""
    )
    assert len(rows) == 1
    assert str(rows[0]["file"]) == str(source_file_iri(checksum))
    assert rows[0]["sum"] == checksum


def test_loading_the_same_source_twice_changes_nothing(store):
    before = _graphs(store)
    answer = store.query("support-overlap")
    report = store.load(KNOWN_DATA)
    assert report.replaced and report.triples == 347
    assert _graphs(store) == before
    assert store.query("support-overlap") == answer


def test_bad_rdf_leaves_the_store_as_it_was(store, tmp_path):
    before = _graphs(store)
    broken = tmp_path / "sentra.ttl"  # same name: it would replace the loaded source
    good_half = KNOWN_DATA.read_text(encoding="utf-8")
    broken.write_text(good_half + '\nid:oops umkm:broken "unterminated .\n', encoding="utf-8")
    with pytest.raises(UmkmKgError, match="the store is unchanged"):
        store.load(broken)
    assert _graphs(store) == before


def test_data_the_classifier_refuses_leaves_the_store_as_it_was(store, tmp_path):
    before = _graphs(store)
    bad = tmp_path / "sentra.ttl"
    bad.write_text(
        "@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .\n"
        "<https://w3id.org/umkm-kg/id/enterprise/x/e> a umkm:Enterprise ; umkm:workers 3 , 4 .\n",
        encoding="utf-8",
    )
    with pytest.raises(UmkmKgError):
        store.load(bad)
    assert _graphs(store) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('\nid:oops umkm:broken "unterminated .\n', "not valid RDF; the store is unchanged"),
        ("\n<urn:x:e> a umkm:Enterprise ; umkm:workers 3 , 4 .\n", "two values"),
        ('\n<urn:x:e> umkm:netAssetsIDR "500 juta" .\n', "not an xsd:decimal amount"),
    ],
)
def test_a_new_source_that_fails_half_way_leaves_nothing_behind(store, tmp_path, body, message):
    """A new source is bulk-loaded before its figures are checked: a failure drops it all."""
    before = _graphs(store)
    bad = tmp_path / "another.ttl"  # a new name: nothing to replace, nothing checked first
    bad.write_text(KNOWN_DATA.read_text(encoding="utf-8") + body, encoding="utf-8")
    with pytest.raises(UmkmKgError, match=message):
        store.load(bad)
    assert _graphs(store) == before


def test_a_missing_source_is_a_clear_error(store, tmp_path):
    with pytest.raises(UmkmKgError, match="no such file or folder"):
        store.load(tmp_path / "nothing-here")


def test_the_store_persists_and_two_openers_read_it(tmp_path):
    with open_store(tmp_path / "s") as first:
        first.load(KNOWN_DATA)
        with open_store(tmp_path / "s") as second:
            assert len(second.query("financial-partner-gaps")) == 3
    with open_store(tmp_path / "s") as again:
        assert len(again.query("financial-partner-gaps")) == 3


def test_default_store_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("UMKM_KG_STORE", str(tmp_path / "mine"))
    assert default_store_path() == tmp_path / "mine"
    monkeypatch.delenv("UMKM_KG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "umkm-kg" / "store"


def test_path_and_endpoint_together_are_refused(tmp_path):
    with pytest.raises(UmkmKgError, match="not both"):
        open_store(tmp_path, endpoint="http://127.0.0.1:1/query")


def test_to_graph_gives_rdflib_all_triples(store):
    graph = store.to_graph()
    assert len(graph) == sum(_graphs(store).values())


def test_query_df_gives_a_dataframe(store):
    pandas = pytest.importorskip("pandas")
    frame = store.query_df("cross-province-market")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns)[:2] == ["sentra", "sentraName"] and len(frame) == 2


def test_query_df_without_pandas_says_how_to_get_it(store, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UmkmKgError, match="pip install pandas"):
        store.query_df("cross-province-market")


def test_streamed_assessments_equal_the_classifiers_graph():
    data = Graph().parse(KNOWN_DATA)
    collector = FigureCollector()
    for triple in pyoxigraph.parse(path=str(KNOWN_DATA)):
        collector.add(triple)
    collector.check()
    out = io.StringIO()
    count = write_assessments(collector.figures, out)
    streamed = Graph().parse(data=out.getvalue(), format="nt")
    expected = assessment_graph(data)
    links = {t for t in expected if t[1] == UMKM.sizeAssessment}
    assert count == len(streamed) == len(links)
    assert set(streamed) == links
    # the outcomes linked to are described once, in the store's size-outcomes graph
    assert set(expected) - links <= set(outcome_graph())
