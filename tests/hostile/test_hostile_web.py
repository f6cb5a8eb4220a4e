"""Hostile input to the analyst's pages (issue 13 on the issue-10 security model): parameter
values that try to leave their binding, pages asked to write, and markup in the data."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from umkm_kg.server.app import create_app
from umkm_kg.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

KNOWN_DATA = Path(__file__).parents[1] / "queries" / "fixtures" / "sentra.ttl"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-hostile") / "store"
    markup = folder.parent / "markup.ttl"
    markup.write_text(  # markup in a name, as a source might hold it
        "<https://w3id.org/umkm-kg/id/sentra/x> a <https://w3id.org/umkm-kg/ontology#Sentra> ;"
        ' <http://www.w3.org/2000/01/rdf-schema#label> "<script>alert(1)</script> Sentra" .\n',
        encoding="utf-8",
    )
    with open_store(folder) as store:
        store.load(KNOWN_DATA)
        store.load(markup, name="markup")
    with TestClient(create_app(folder, workers=1), base_url="http://127.0.0.1:7878") as c:
        yield c


def _count(client) -> str:
    return client.get("/query", params={"query": COUNT, "format": "csv"}).text


@pytest.mark.parametrize(
    ("question", "name", "value"),
    [
        ("size-structure", "rule_set", '" } } ; DROP ALL ; SELECT * { { "'),
        ("size-structure", "rule_set", 'pp_7_2021") . ?s ?p ?o } #'),
        ("sentra-by-activity", "region", "id:region/35> } INSERT DATA { <x> <y> <z> } #"),
        ("sentra-by-activity", "region", "<http://x/> } SERVICE <http://example.org/> { ?a ?b ?c"),
        ("infrastructure-gaps", "infrastructure", "infra:clean_water }} UNION {{ ?s ?p ?o"),
        ("turnover-threshold", "threshold", "1 ) } ; CLEAR ALL #"),
        ("external-partners", "sentra_id", 'S1\\" } ?s ?p ?o'),
    ],
)
def test_a_parameter_value_stays_a_value(client, question, name, value):
    before = _count(client)
    for path in (f"/catalogue/{question}", f"/catalogue/{question}/download"):
        answer = client.get(path, params={"run": "1", name: value, "format": "csv"})
        assert answer.status_code in (200, 400), answer.text
        if answer.status_code == 200 and path.endswith("download"):
            assert answer.text.count("\n") <= 1, "a bound value that matches nothing gives no row"
    assert _count(client) == before


@pytest.mark.parametrize(
    "path",
    [
        "/catalogue",
        "/catalogue/size-structure",
        "/catalogue/size-structure/download",
        "/sentra",
        "/search",
        "/static/app.css",
        "/",
        "/editor",
        "/enterprise",
        "/institution",
        "/validation",
    ],
)
def test_pages_only_read(client, path):
    for method in ("POST", "PUT", "DELETE"):
        assert client.request(method, path).status_code == 403
    assert client.get(path, headers={"Host": "evil.example"}).status_code == 421


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "nonexistent", "page": "-5"},
        {"sort": "x" * 5000, "page": "9" * 400},
        {"page": "NaN", "desc": "1"},
    ],
)
def test_odd_sorting_and_paging_fall_back(client, params):
    page = client.get("/catalogue/support-overlap", params={"run": "1", **params})
    assert page.status_code == 200 and "5 baris" in page.text


@pytest.mark.parametrize(
    "typed", ["<script>alert(1)</script>", "' OR 1=1 --", "\u0000\u202e", "a" * 10000]
)
def test_search_text_is_only_searched(client, typed):
    page = client.get("/search", params={"q": typed})
    assert page.status_code == 200
    assert "<script>alert" not in page.text


def test_markup_in_the_data_is_shown_as_text(client):
    found = client.get("/search", params={"q": "script"})
    profile = client.get("/sentra", params={"iri": "id:sentra/x"})
    for page in (found, profile):
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Sentra" in page.text
        assert "<script>" not in page.text


@pytest.mark.parametrize(
    "query",
    [
        "DROP ALL",
        "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
        "CLEAR ALL ; SELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
        "SELECT * WHERE { ?s ?p ?o " + "{ " * 5000,
        'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }' + " " * 30000,
    ],
)
def test_the_editor_only_reads(client, query):
    before = _count(client)
    page = client.get("/editor", params={"query": query})
    assert page.status_code in (200, 400)
    assert "<script>alert" not in page.text
    assert _count(client) == before


@pytest.mark.parametrize(
    "iri",
    [
        "id:enterprise/x> ?p ?o } ; DROP ALL #",
        "javascript:alert(1)",
        'https://w3id.org/umkm-kg/id/enterprise/kediri/e3" } #',
        "<" * 3000,
        "",
    ],
)
def test_entity_pages_take_an_iri_as_a_value(client, iri):
    before = _count(client)
    for path in ("/enterprise", "/institution", "/sentra"):
        page = client.get(path, params={"iri": iri})
        assert page.status_code == 404 and "<script" not in page.text
    assert _count(client) == before


@pytest.mark.parametrize(
    "params",
    [
        {"page": "NaN", "criterion": "' OR 1=1"},
        {"page": "-1", "status": "<b>", "region": "x" * 5000},
        {"criterion": "infrastructure", "format": "exe"},
    ],
)
def test_odd_dashboard_filters_fall_back(client, params):
    page = client.get("/validation", params=params)
    assert page.status_code == 200 and "<b>" not in page.text
    assert 'id="verdicts"' in page.text or "dihitung" in page.text
