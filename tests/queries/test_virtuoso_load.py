"""Loading into Virtuoso: over SPARQL Update and through its bulk loader, replacing a source's
graphs all or nothing; a failed load is an error that leaves the graphs as they were."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.queries.conftest import KNOWN_DATA
from tests.queries.helpers import canonical
from tests.queries.test_cli import run
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import RemoteStore, bulk, open_store
from umkm_kg.store.provenance import source_graph_iri
from umkm_kg.store.virtuoso import run_sql

TINY = "tiny-source"  # a source of its own: its triples touch no catalogue question
STAGING = "https://w3id.org/umkm-kg/id/graph/staging/"
USER, PASSWORD = "umkm_loader", "loaderpass1"


@pytest.fixture(scope="module")
def writer(virtuoso) -> RemoteStore:
    """The endpoint as a user who may update (HTTP Digest on /sparql-auth)."""
    virtuoso.add_sparql_user(USER, PASSWORD)
    return open_store(
        endpoint=f"{virtuoso.url}/sparql-auth", user=USER, password=PASSWORD, timeout=60
    )


def _tiny(folder, value: int):
    path = folder / f"{TINY}.ttl"
    path.write_text(
        f"<https://example.org/thing> <https://example.org/value> {value} .\n"
        f"_:b <https://example.org/value> {value} .\n",
        encoding="utf-8",
    )
    return path


def _values(store) -> set[int]:
    rows = store.select(
        f"SELECT ?v WHERE {{ GRAPH <{source_graph_iri(TINY)}> "
        "{ <https://example.org/thing> <https://example.org/value> ?v } }"
    )
    return {row["v"] for row in rows}


def _staging_graphs(store) -> list:
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}'
    )
    return [row["g"] for row in rows]


def test_update_load_replaces_the_bulk_loaded_source(embedded, on_virtuoso, writer):
    graph = str(source_graph_iri("sentra"))
    before = on_virtuoso.triples_in(graph)
    report = writer.load(KNOWN_DATA)
    known = len(list(ox.parse(path=str(KNOWN_DATA), format=ox.RdfFormat.TURTLE)))
    assert report.replaced and report.triples == known and report.assessments == 32
    assert on_virtuoso.triples_in(graph) == before
    name = "cooperation-intensity"
    assert canonical(on_virtuoso.query(name)) == canonical(embedded.query(name))


def test_update_load_with_blank_nodes_and_reload(writer, tmp_path):
    assert not writer.load(_tiny(tmp_path, 1)).replaced
    report = writer.load(_tiny(tmp_path, 2))
    assert report.replaced
    assert _values(writer) == {2}
    with open_store(tmp_path / "store") as local:  # the same graph as the embedded store's
        local.load(_tiny(tmp_path, 2))
        graph = {str(row["graph"]): row["triples"] for row in local.graphs()}
    assert writer.triples_in(str(source_graph_iri(TINY))) == graph[str(source_graph_iri(TINY))]
    assert _staging_graphs(writer) == []


def test_failed_update_load_leaves_the_graphs_as_they_were(writer, tmp_path, monkeypatch):
    writer.load(_tiny(tmp_path, 3))
    sent = []
    original = RemoteStore.update

    def failing(self, operation):
        sent.append(operation)
        if len(sent) == 2:
            raise UmkmKgError("the server went away")
        original(self, operation)

    monkeypatch.setattr(RemoteStore, "update", failing)
    with pytest.raises(UmkmKgError, match="went away"):
        writer.load(_tiny(tmp_path, 4))
    monkeypatch.undo()
    assert _values(writer) == {3}
    assert _staging_graphs(writer) == []


def test_bulk_loader_error_is_an_error_and_nothing_is_replaced(
    virtuoso, writer, tmp_path, monkeypatch
):
    bulk_load = bulk.bulk_load
    bulk_load(writer, _tiny(tmp_path, 5), virtuoso.sql, virtuoso.dirs_allowed[0])
    assert _values(writer) == {5}
    run_loader = bulk._run_loader

    def corrupting(sql, files):
        data = next(iter(files.values()))  # its first triples load, then a syntax error
        with data.open("a", encoding="utf-8") as out:
            out.write("this is not N-Triples .\n")
        run_loader(sql, files)

    monkeypatch.setattr(bulk, "_run_loader", corrupting)
    with pytest.raises(UmkmKgError, match="bulk loader failed"):
        bulk_load(writer, _tiny(tmp_path, 6), virtuoso.sql, virtuoso.dirs_allowed[0])
    assert _values(writer) == {5}
    assert _staging_graphs(writer) == []


def test_bulk_dir_that_does_not_exist_is_a_clear_error(virtuoso, writer, tmp_path):
    with pytest.raises(UmkmKgError, match="no such folder"):
        bulk.bulk_load(writer, _tiny(tmp_path, 7), virtuoso.sql, tmp_path / "missing")


def test_bulk_load_with_a_wrong_password_is_a_clear_error(virtuoso, writer, tmp_path):
    def wrong(statements):
        return run_sql(virtuoso.sql_address, "dba", "not-the-password", statements)

    with pytest.raises(UmkmKgError, match="Bad login"):
        bulk.bulk_load(writer, _tiny(tmp_path, 7), wrong, virtuoso.dirs_allowed[0])


def test_cli_load_through_the_bulk_loader(virtuoso, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UMKM_KG_PASSWORD", virtuoso.password)
    files_before = set(virtuoso.dirs_allowed[0].iterdir())
    code, out, err = run(
        capsys, "load", str(_tiny(tmp_path, 8)), "--endpoint", f"{virtuoso.url}/sparql",
        "--bulk-dir", str(virtuoso.dirs_allowed[0]), "--isql", virtuoso.sql_address,
        "--user", "dba",
    )  # fmt: skip
    assert code == 0, err
    assert f"replaced <{source_graph_iri(TINY)}>" in out
    assert _values(open_store(endpoint=f"{virtuoso.url}/sparql")) == {8}
    assert set(virtuoso.dirs_allowed[0].iterdir()) == files_before  # its files are removed


def test_cli_bulk_dir_without_isql_is_a_clear_error(tmp_path, capsys):
    code, _, err = run(
        capsys, "load", str(_tiny(tmp_path, 9)), "--endpoint", "http://127.0.0.1:1/sparql",
        "--bulk-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 2
    assert "--bulk-dir needs" in err


def test_cli_update_load_with_digest_user(virtuoso, writer, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UMKM_KG_PASSWORD", PASSWORD)
    code, _, err = run(
        capsys, "load", str(_tiny(tmp_path, 10)), "--endpoint", f"{virtuoso.url}/sparql-auth",
        "--user", USER,
    )  # fmt: skip
    assert code == 0, err
    assert _values(writer) == {10}
