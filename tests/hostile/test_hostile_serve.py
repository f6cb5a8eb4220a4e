"""Hostile requests against ``umkm-kg serve``, over real sockets, and faults of its process.

Issue 10, items 1-5: no write without the token whatever the form of the request target; Host
only 127.0.0.1, localhost or [::1]; malformed framing answered at once; SERVICE refused; the
query time limit; SIGTERM, SIGHUP and kill -9 leave no process behind.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.queries.conftest import store_with_known_data
from umkm_kg.server.run import serving
from umkm_kg.store import open_store
from umkm_kg.store.federation import uses_service

KNOWN_DATA = Path(__file__).parents[1] / "queries" / "fixtures" / "sentra.ttl"
TOKEN = "hostile-test-token-0123456789abcdef"
BEARER = f"Authorization: Bearer {TOKEN}"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
WRITE = 'INSERT DATA { GRAPH <http://x/hostile> { <http://x/c> <http://x/d> "x" } }'
DROP = "DROP SILENT GRAPH <https://w3id.org/umkm-kg/id/graph/sentra>"
ALLOWED = 'INSERT DATA { GRAPH <http://x/allowed> { <http://x/c> <http://x/d> "ok" } }'
UPDATE_TYPE = "Content-Type: application/sparql-update"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = store_with_known_data(tmp_path_factory.mktemp("hostile") / "store")
    with serving(folder, allow_writes=True, token=TOKEN, timeout=30, workers=1) as url:
        yield int(url.rsplit(":", 1)[1])


def message(
    method: str,
    target: str,
    headers: list[str],
    body: str = "",
    version="HTTP/1.1",
    length: bool = True,
) -> bytes:
    """One raw HTTP request (Content-Length added unless ``length`` is False)."""
    data = body.encode("utf-8")
    lines = [f"{method} {target} {version}", *headers]
    if length and (data or method in ("POST", "PUT")):
        lines.append(f"Content-Length: {len(data)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data


def exchange(port: int, raw: bytes, wait: float = 15.0) -> list[int]:
    """Send ``raw`` and return the status codes of every response until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        connection.sendall(raw)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except TimeoutError:
            pytest.fail(f"no answer (or no close) within {wait} s: {received[:200]!r}")
    return [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", received)]


def status(port: int, raw: bytes) -> int:
    codes = exchange(port, raw)
    assert len(codes) == 1, codes
    return codes[0]


def graphs(port: int) -> set[str]:
    store = open_store(endpoint=f"http://127.0.0.1:{port}/query", timeout=30)
    return {str(row["graph"]) for row in store.graphs()}


H = "Host: 127.0.0.1"
C = "Connection: close"
# (method, target, headers, body, version, expected status without the token)
WRITES_WITHOUT_TOKEN = [
    ("POST", "/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update", [H, UPDATE_TYPE, C], DROP, "HTTP/1.1", 401),
    ("POST", "http://x/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 421),
    ("POST", "http://127.0.0.1/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "HTTP://LOCALHOST:7878/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "https://[::1]/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "//host/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "//127.0.0.1/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/%75pdate", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/%75%70%64%61%74%65", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/UPDATE", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/Update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("post", "/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update", [H, UPDATE_TYPE], WRITE, "HTTP/1.0", 401),
    ("POST", "/update", [UPDATE_TYPE], WRITE, "HTTP/1.0", 400),
    ("POST", "/./update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/query/../update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/%2e%2e/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update%2f", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/a%2Fupdate", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update%00", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update%ZZ", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/%C0%AFupdate", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "*", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("OPTIONS", "*", [H, C], "", "HTTP/1.1", 400),
    ("POST", "/update#x", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update/", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update;x", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update?x=1", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    (
        "PUT",
        "/store?graph=http://x/hostile",
        [H, "Content-Type: text/turtle", C],
        "<http://x/c> <http://x/d> 1 .",
        "HTTP/1.1",
        401,
    ),
    (
        "DELETE",
        "/store?graph=https://w3id.org/umkm-kg/id/graph/sentra",
        [H, C],
        "",
        "HTTP/1.1",
        401,
    ),
    (
        "DELETE",
        "http://a/store?graph=https://w3id.org/umkm-kg/id/graph/sentra",
        [H, C],
        "",
        "HTTP/1.1",
        421,
    ),
    ("PATCH", "/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("GET", "/update?update=" + urllib.parse.quote(DROP), [H, C], "", "HTTP/1.1", 401),
    (
        "POST",
        "/query",
        [H, "Content-Type: application/x-www-form-urlencoded", C],
        urllib.parse.urlencode({"update": DROP}),
        "HTTP/1.1",
        400,
    ),
    ("POST", "/query", [H, UPDATE_TYPE, C], DROP, "HTTP/1.1", 415),
    ("GET", "/query?update=" + urllib.parse.quote(DROP), [H, C], "", "HTTP/1.1", 400),
    (
        "POST",
        "/update",
        [H, UPDATE_TYPE, "Authorization: Bearer wrong-token", C],
        WRITE,
        "HTTP/1.1",
        401,
    ),
    (
        "POST",
        "/update",
        [H, UPDATE_TYPE, f"Authorization: Basic {TOKEN}", C],
        WRITE,
        "HTTP/1.1",
        401,
    ),
    ("POST", "/update", [H, UPDATE_TYPE, BEARER, BEARER, C], WRITE, "HTTP/1.1", 401),
    (
        "POST",
        "/update",
        [H, UPDATE_TYPE, f"Authorization: Bearer {TOKEN[:-1]}", C],
        WRITE,
        "HTTP/1.1",
        401,
    ),
    ("POST", "/update", ["Host: evil.example", UPDATE_TYPE, BEARER, C], WRITE, "HTTP/1.1", 421),
    ("POST", "/update", ["Host: 127.0.0.1.evil.example", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 421),
    ("POST", "/update", ["Host: localhost:7878@evil", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update", ["Host: [::1]:80", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update", ["Host: LOCALHOST", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 401),
    ("POST", "/update", [H, "Host: evil.example", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/2.0", 505),
    ("POST", "/update", [H, UPDATE_TYPE, C], WRITE, "HTTP/0.9", 505),
    ("POST", "/update", [H, " evil.example", UPDATE_TYPE, C], WRITE, "HTTP/1.1", 400),
    ("POST", "/update", [H, UPDATE_TYPE, " folded: header", C], WRITE, "HTTP/1.1", 401),
]


@pytest.mark.parametrize(
    ("method", "target", "headers", "body", "version", "expected"), WRITES_WITHOUT_TOKEN
)
def test_no_write_without_the_token(server, method, target, headers, body, version, expected):
    raw = message(method, target, headers, body, version)
    assert status(server, raw) == expected
    held = graphs(server)
    assert "http://x/hostile" not in held
    assert "https://w3id.org/umkm-kg/id/graph/sentra" in held


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Connection: close\r\n\r\n",
            411,
        ),
        (
            b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            411,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n",
            411,
        ),
        (b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 400),
        (b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n", 400),
        (
            b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
            b"Content-Length: 6\r\n\r\nabcdef",
            400,
        ),
        (b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999\r\n\r\n", 413),
        (
            b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
            b"\r\nContent-Length: 4194304\r\nConnection: close\r\n\r\n",
            413,
        ),
        (b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\x00b\r\n\r\n", 400),
        (b"GET /que\xffry HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),
    ],
)
def test_malformed_framing_is_answered_at_once(server, raw, expected):
    started = time.monotonic()
    assert status(server, raw) == expected
    assert time.monotonic() - started < 10


def test_pipelined_write_after_a_read_still_needs_the_token(server):
    read = message("GET", "/query?query=ASK%7B%7D", [H])
    write = message("POST", "/update", [H, UPDATE_TYPE, C], WRITE)
    assert exchange(server, read + read + write) == [200, 200, 401]
    assert "http://x/hostile" not in graphs(server)


def test_pipelined_request_after_an_authorised_one_needs_its_own_token(server):
    allowed = message("POST", "/update", [H, UPDATE_TYPE, BEARER], ALLOWED)
    anonymous = message("POST", "/update", [H, UPDATE_TYPE, C], WRITE)
    assert exchange(server, allowed + anonymous) == [204, 401]
    held = graphs(server)
    assert "http://x/allowed" in held and "http://x/hostile" not in held


@pytest.mark.parametrize(
    ("target", "version", "host"),
    [
        ("/%75pdate", "HTTP/1.1", H),
        ("http://127.0.0.1/update", "HTTP/1.1", H),
        ("/update", "HTTP/1.0", "Host: localhost:7878"),
    ],
)
def test_every_form_of_the_update_target_reaches_the_same_route(server, target, version, host):
    raw = message("POST", target, [host, UPDATE_TYPE, BEARER, C], ALLOWED, version)
    assert status(server, raw) == 204


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:9/>{} }",
        "SELECT * WHERE { ?s ?p 1SERVICE<http://127.0.0.1:9/>{} }",
        "PREFIX ex: <http://127.0.0.1:9/> SELECT * WHERE { SERVICEex:x {} }",
        "SELECT * WHERE { SERVICE#comment\n<http://127.0.0.1:9/> {} }",
        "SELECT * WHERE { OPTIONAL { GRAPH ?g { SERVICE ?endpoint { ?s ?p ?o } } } }",
        "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> {} } }",
        "SELECT * WHERE { SERVIC\\u0045 <http://127.0.0.1:9/> {} }",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_service_is_found(sparql):
    assert uses_service(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> {}",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
        "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p '''many\nSERVICE <http://127.0.0.1:9/> {}\nlines''' }",
    ],
)
def test_service_in_comments_strings_iris_and_names_does_not_count(sparql):
    assert not uses_service(sparql)


def test_service_is_refused_by_the_server(server):
    query = urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    raw = message("GET", f"/query?query={query}", [H, C])
    assert status(server, raw) == 400
    update = "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert status(server, message("POST", "/update", [H, UPDATE_TYPE, BEARER, C], update)) == 400


def _umkm_kg(*args: str) -> list[str]:
    return [sys.executable, "-c", "from umkm_kg.cli import main; main()", *args]


@pytest.fixture
def cli_store(tmp_path):
    return store_with_known_data(tmp_path / "store")


def test_query_file_with_service_is_refused_without_traceback(cli_store, tmp_path):
    query = tmp_path / "ssrf.rq"
    query.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    run = subprocess.run(
        _umkm_kg("query", "--file", str(query), "--store", str(cli_store)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "federated SERVICE is refused" in run.stderr and "Traceback" not in run.stderr
    allowed = subprocess.run(
        _umkm_kg("query", "--file", str(query), "--store", str(cli_store), "--allow-service"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "refused" not in allowed.stderr and "Traceback" not in allowed.stderr


def test_query_timeout_stops_the_query(cli_store, tmp_path):
    query = tmp_path / "heavy.rq"
    query.write_text(HEAVY)
    started = time.monotonic()
    run = subprocess.run(
        _umkm_kg("query", "--file", str(query), "--store", str(cli_store), "--timeout", "2"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "the query ran longer than 2 s" in run.stderr and "Traceback" not in run.stderr
    assert time.monotonic() - started < 60


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = set()
        for pid in pids:
            try:
                state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
                if state[0] != "Z":
                    alive.add(pid)
            except OSError:
                pass
        if not alive:
            return True
        time.sleep(0.2)
    return False


def test_query_stops_on_ctrl_c(cli_store, tmp_path):
    query = tmp_path / "heavy.rq"
    query.write_text(HEAVY)
    process = subprocess.Popen(
        _umkm_kg("query", "--file", str(query), "--store", str(cli_store)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it: a suite started in the background inherits SIGINT
        # ignored, and Python then leaves it ignored (the test failed so, not the command)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not _children(process.pid) - set() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the query is running in the child now
    workers = _children(process.pid)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)
    assert process.returncode != 0
    assert _gone(workers, 10)


def _start_server(store: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        _umkm_kg("serve", "--store", str(store), "--port", str(port), "--allow-writes"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "UMKM_KG_SERVE_TOKEN": TOKEN},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=5):
                return process, url
        except OSError:
            assert process.poll() is None, process.communicate()
            time.sleep(0.3)
    process.kill()
    pytest.fail("the server did not answer within 90 s")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_stop_signals_end_the_server_and_its_children(cli_store, stop):
    process, url = _start_server(cli_store)
    children = _children(process.pid)
    assert children  # its query processes
    process.send_signal(stop)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert f"stopped ({stop.name})" in out and "Traceback" not in err
    assert _gone(children, 10)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/", timeout=5)


def test_kill_9_of_the_server_takes_its_query_processes_along(cli_store):
    process, _ = _start_server(cli_store)
    children = _children(process.pid)
    assert children
    process.kill()
    process.communicate(timeout=30)
    assert _gone(children, 10)
