"""``umkm-kg serve``: the in-process server, its SPARQL protocol, pages, writes and time limit."""

from __future__ import annotations

import io
import json
import re
import socket
import time
import urllib.parse
import urllib.request
import warnings

import pytest

from tests.queries.conftest import FIXTURES, KNOWN_DATA, store_with_known_data
from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import ID
from umkm_kg.server.app import create_app
from umkm_kg.server.run import serving
from umkm_kg.store import open_store

TOKEN = "s3cret-token-for-tests-0123456789"
with warnings.catch_warnings():  # Starlette's notice that httpx2 is coming
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def store_folder(tmp_path):
    return store_with_known_data(tmp_path / "store")


@pytest.fixture
def client(store_folder):
    with TestClient(create_app(store_folder, workers=1), base_url="http://127.0.0.1:7878") as c:
        yield c


def test_read_only_server_answers_sparqlwrapper_and_refuses_writes(store_folder):
    with serving(store_folder) as url:
        remote = open_store(endpoint=f"{url}/query", timeout=30)
        assert len(remote.query("support-overlap")) == 5
        with pytest.raises(UmkmKgError, match="HTTP 403"):
            remote.load(FIXTURES / "sentra.ttl", name="second")
        assert len(remote.query("support-overlap")) == 5
        assert not any("second" in str(g["graph"]) for g in remote.graphs())


def test_pandas_reads_a_csv_result(store_folder):
    pandas = pytest.importorskip("pandas")
    with serving(store_folder) as url:
        query = urllib.parse.urlencode({"query": COUNT})
        by_parameter = pandas.read_csv(f"{url}/query?{query}&format=csv")
        by_accept = pandas.read_csv(f"{url}/query?{query}", storage_options={"Accept": "text/csv"})
    assert by_parameter["n"][0] == by_accept["n"][0] > 100


@pytest.mark.parametrize(
    ("accept", "media", "start"),
    [
        (None, "application/sparql-results+json", b'{"head"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"n\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?n\n"),
        ("text/html,application/xml;q=0.9,*/*;q=0.8", "application/xml", b"<?xml"),
        ("text/csv;q=0.1, text/tab-separated-values", "text/tab-separated-values", b"?n"),
    ],
)
def test_select_content_negotiation(client, accept, media, start):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/query", params={"query": COUNT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.content.startswith(start)


def test_construct_turtle_and_n_triples_and_406(client):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3"
    turtle = client.post("/query", data={"query": construct}, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    triples = client.post(
        "/query",
        content=construct,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert triples.status_code == 200 and triples.text.count(" .\n") == 3
    refused = client.get("/query", params={"query": COUNT}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "text/csv" in refused.text


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        ({"method": "GET", "url": "/query"}, 400, "no SPARQL query"),
        ({"method": "GET", "url": "/query?query=SELEC"}, 400, "not valid SPARQL"),
        ({"method": "POST", "url": "/query", "content": "ASK {}"}, 415, "application/sparql-query"),
        ({"method": "POST", "url": "/query", "data": {"update": "CLEAR ALL"}}, 400, "/update"),
        ({"method": "GET", "url": "/query?query=ASK{}&query=ASK{}"}, 400, "once"),
    ],
)
def test_bad_query_requests_are_clear(client, request_args, status, message):
    response = client.request(**request_args)
    assert response.status_code == status
    assert message in response.text


def test_home_page_and_editor_stay_on_this_machine(client):
    home = client.get("/")
    assert home.status_code == 200
    assert "id:graph/sentra" in home.text and "sentra.ttl" in home.text
    form = client.get("/editor")
    assert form.status_code == 200 and "<textarea" in form.text
    answer = client.get("/editor", params={"query": COUNT})
    assert "1 baris" in answer.text and "format=csv" in answer.text
    for page in (home.text, form.text, answer.text):
        assert "<script" not in page and "<style" not in page
        assert not re.search(r'(src|href|action)="(https?:)?//', page)  # nothing outside


def test_writes_need_the_token(store_folder):
    with serving(store_folder, allow_writes=True, token=TOKEN) as url:
        anonymous = open_store(endpoint=f"{url}/query", timeout=30)
        assert len(anonymous.query("support-overlap")) == 5  # reads need no token
        with pytest.raises(UmkmKgError, match="HTTP 401"):
            anonymous.load(KNOWN_DATA, name="second")
        wrong = open_store(endpoint=f"{url}/query", timeout=30, token="x" * 32)
        with pytest.raises(UmkmKgError, match="HTTP 401"):
            wrong.load(KNOWN_DATA, name="second")
        assert not any("second" in str(g["graph"]) for g in anonymous.graphs())
        writer = open_store(endpoint=f"{url}/query", timeout=30, token=TOKEN)
        writer.load(KNOWN_DATA, name="second")
        assert any(str(g["graph"]).endswith("/graph/second") for g in anonymous.graphs())
    with open_store(store_folder) as reopened:  # the write reached the store itself
        assert any(str(g["graph"]).endswith("/graph/second") for g in reopened.graphs())


def test_a_read_only_server_shows_data_loaded_while_it_runs(store_folder, tmp_path):
    """Issue 10 item 9: a load into a served store works, and the server sees it (fails on
    main: the server kept answering from the store as it was when it started)."""
    from umkm_kg.store import EmbeddedStore

    with serving(store_folder) as url:
        reader = open_store(endpoint=f"{url}/query", timeout=30)
        before = {str(g["graph"]) for g in reader.graphs()}
        with EmbeddedStore(store_folder) as store:
            store.load(KNOWN_DATA, name="loaded-while-serving")
        after = {str(g["graph"]) for g in reader.graphs()}
        assert str(ID["graph/loaded-while-serving"]) in after - before


def test_added_pages_are_public_only_as_reading_pages(store_folder):
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from umkm_kg.server.auth import reading_page

    async def hello(request):
        return PlainTextResponse("hello")

    extra = [reading_page("/hello", hello), Route("/admin", hello, methods=["GET", "POST"])]
    app = create_app(store_folder, token=TOKEN, workers=1, extra_routes=extra)
    with TestClient(app, base_url="http://127.0.0.1:7878") as client:
        assert client.get("/hello").text == "hello"
        assert client.post("/hello").status_code == 401  # a reading page is read, not posted
        assert client.get("/admin").status_code == 401
        authorised = {"Authorization": f"Bearer {TOKEN}"}
        assert client.get("/admin", headers=authorised).text == "hello"
        assert client.get("/hello", headers={"Host": "evil.example"}).status_code == 421


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"allow_writes": True}, "needs --token"),
        ({"allow_writes": True, "token": "short"}, "at least 16 characters"),
        ({"token": TOKEN}, "only makes sense with --allow-writes"),
    ],
)
def test_write_options_are_checked(store_folder, options, message):
    with pytest.raises(UmkmKgError, match=message), serving(store_folder, **options):
        pass


def test_serving_a_missing_store_says_to_load_first(tmp_path):
    with pytest.raises(UmkmKgError, match="load data first"), serving(tmp_path / "none"):
        pass


def test_a_query_past_the_limit_is_stopped(store_folder):
    with serving(store_folder, timeout=2) as url:
        started = time.monotonic()
        request = urllib.request.Request(
            f"{url}/query", data=urllib.parse.urlencode({"query": HEAVY}).encode()
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 503
        assert "ran longer than 2 s" in refused.value.read().decode()
        assert time.monotonic() - started < 20
        with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=60) as answer:
            assert json.load(io.TextIOWrapper(answer))["boolean"] is True


def test_a_client_that_leaves_frees_the_query_process(store_folder):
    with serving(store_folder, timeout=600, workers=1) as url:
        port = int(url.rsplit(":", 1)[1])
        body = urllib.parse.urlencode({"query": HEAVY}).encode()
        with socket.create_connection(("127.0.0.1", port)) as leaving:
            leaving.sendall(
                b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )
            time.sleep(1)
        started = time.monotonic()  # the only query process was busy; now it must be free
        with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=120) as answer:
            assert answer.status == 200
        assert time.monotonic() - started < 60


def test_service_is_refused_by_the_server(client):
    response = client.get(
        "/query", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
    )
    assert response.status_code == 400
    assert "federated SERVICE is refused" in response.text


def test_the_query_form_escapes_what_it_shows(client):
    script = "<script>alert(1)</script>"
    page = client.get("/editor", params={"query": f'SELECT ("{script}" AS ?v) WHERE {{}}'})
    assert page.status_code == 200
    assert "<script" not in page.text and "&lt;script&gt;" in page.text
