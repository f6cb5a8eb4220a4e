"""The catalogue on a real Oxigraph server equals the embedded store; remote failures are clear."""

from __future__ import annotations

import socket

import pytest

from tests.queries.helpers import canonical
from umkm_kg.catalogue import load_catalogue
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import open_store
from umkm_kg.store.in_memory import query_graph
from umkm_kg.store.oxigraph_server import free_port

PARAMETERS = {
    "internal-cooperation": {"kind": "kind:joint_production"},
    "external-partners": {"sentra_id": "S1"},
    "support-overlap": {"support": "kind:credit"},
    "size-structure": {"rule_set": "uu_20_2008"},
    "turnover-threshold": {"threshold": "250000000"},
    "cluster-composition": {"sentra_id": "S1"},
    "infrastructure-gaps": {"infrastructure": "infra:clean_water"},
    "cooperation-intensity": {"region": "id:region/35"},
    "sentra-by-activity": {"activity": "id:kbli/2020/131", "region": "id:region/34"},
    "size-disagreements": {"rule_set_a": "pp_7_2021", "rule_set_b": "bps_workers"},
}


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_server_answers_equal_embedded(embedded, remote, name):
    assert canonical(remote.query(name)) == canonical(embedded.query(name))


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_server_answers_equal_embedded_with_parameters(embedded, remote, name):
    params = PARAMETERS[name]
    expected = canonical(embedded.query(name, **params))
    assert expected  # the parameters select something on the known data
    assert canonical(remote.query(name, **params)) == expected


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_rdflib_graph_answers_equal_embedded(embedded, name):
    graph = embedded.to_graph()
    params = PARAMETERS[name]
    assert canonical(query_graph(graph, name, **params)) == canonical(
        embedded.query(name, **params)
    )


def test_server_holds_each_source_in_its_graph_with_provenance(remote):
    graphs = {str(row["graph"]).rsplit("/graph/", 1)[1]: row for row in remote.graphs()}
    assert {"sentra", "size-assessments/sentra", "ontology", "shapes"} <= set(graphs)
    assert str(graphs["sentra"]["source"]).endswith("sentra.ttl")


def test_unreachable_endpoint_is_a_clear_error():
    store = open_store(endpoint=f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(UmkmKgError, match="cannot reach the SPARQL endpoint"):
        store.query("internal-cooperation")


def test_http_error_is_a_clear_error(oxigraph_server):
    store = open_store(endpoint=f"{oxigraph_server.url}/no-such-endpoint", timeout=5)
    with pytest.raises(UmkmKgError, match="no-such-endpoint"):
        store.query("internal-cooperation")


def test_malformed_query_on_the_server_is_a_clear_error(remote, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    with pytest.raises(UmkmKgError, match="malformed"):
        remote.query_file(bad)


def test_timeout_is_a_clear_error():
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        store = open_store(endpoint=f"http://127.0.0.1:{port}/query", timeout=1)
        with pytest.raises(UmkmKgError, match="ran longer than 1 s"):
            store.query("internal-cooperation")


def test_update_refused_by_the_server_is_a_clear_error(oxigraph_server, tmp_path):
    store = open_store(
        endpoint=f"{oxigraph_server.url}/query",
        update_endpoint=f"{oxigraph_server.url}/no-update-here",
        timeout=5,
    )
    with pytest.raises(UmkmKgError, match="HTTP 404"):
        store.load(_tiny(tmp_path))


def _tiny(folder):
    path = folder / "tiny.ttl"
    path.write_text("<https://example.org/a> <https://example.org/b> 1 .\n", encoding="utf-8")
    return path
