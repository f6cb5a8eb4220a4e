"""Parameters reach queries by binding only: hostile values stay literals on every backend."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from tests.queries.conftest import FIXTURES
from umkm_kg.catalogue import get_query, parse_query_file
from umkm_kg.errors import UmkmKgError
from umkm_kg.store.in_memory import query_graph
from umkm_kg.store.values_block import with_values

HOSTILE = [
    '"} ; DROP ALL ; #',
    'S1" } UNION { ?sentra ?p ?o } #',
    "'; DELETE WHERE { ?s ?p ?o } ; '",
    'line one\nline two\r\n"""triple""" \\ back\\slash \\u0022',
    "} } } VALUES ?x { 1 } {",
]
ECHO = FIXTURES / "echo.rq"


def _size(store) -> int:
    return store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("backend", ["embedded", "remote"])  # the store's fixture
def test_hostile_value_is_a_literal_in_the_store(request, backend, value):
    store = request.getfixturevalue(backend)
    before = _size(store)
    assert store.query("external-partners", sentra_id=value) == []
    rows = store.query_file(ECHO, value=value)
    assert rows[0]["value"] == value and rows[0]["length"] == len(value)
    assert _size(store) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_value_is_a_literal_in_rdflib(embedded, value):
    graph = embedded.to_graph()
    assert query_graph(graph, "external-partners", sentra_id=value) == []
    rows = query_graph(graph, parse_query_file(ECHO), value=value)
    assert rows[0]["value"] == value and rows[0]["length"] == len(value)


@pytest.mark.parametrize("value", ["<x> } DROP ALL", "id:region/35> } #", "not an iri", ""])
def test_hostile_iri_parameter_is_refused(embedded, value):
    with pytest.raises(UmkmKgError, match="parameter 'region' expects iri"):
        embedded.query("cooperation-intensity", region=value)


def test_values_block_opens_the_outer_where_group():
    query = parse_query_file(ECHO)
    text = with_values(query.text, {"value": Literal('"} ; DROP ALL ; #')})
    where = text.index("WHERE {")
    assert text[where:].startswith('WHERE { VALUES (?value) { ("\\"} ; DROP ALL ; #") }')
    assert text.count("DROP ALL") == 1


def test_values_block_skips_construct_templates_and_strings():
    query = 'CONSTRUCT { ?s <urn:p> "}" } WHERE { ?s ?p ?o }'
    text = with_values(query, {"s": URIRef("urn:a")})
    assert text.endswith("WHERE { VALUES (?s) { (<urn:a>) }\n ?s ?p ?o }")


def test_unknown_parameter_is_refused(embedded):
    with pytest.raises(UmkmKgError, match="has no parameter colour"):
        embedded.query("internal-cooperation", colour="red")


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("integer", "12a", "expects integer"),
        ("decimal", "NaN", "expects decimal"),
        ("date", "2024-13-01", "expects date"),
        ("boolean", "maybe", "expects boolean"),
    ],
)
def test_typed_parameters_refuse_bad_values(kind, value, message):
    from umkm_kg.catalogue import Parameter

    with pytest.raises(UmkmKgError, match=message):
        Parameter("x", kind).to_term(value)


def test_defaults_are_applied_and_overridable():
    query = get_query("size-disagreements")
    assert query.bindings() == {
        "rule_set_a": Literal("uu_20_2008"),
        "rule_set_b": Literal("pp_7_2021"),
    }
    assert query.bindings({"rule_set_b": "bps_workers"})["rule_set_b"] == Literal("bps_workers")
