"""Fixtures of the query tests: the known data in an embedded store and on an Oxigraph server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from umkm_kg.store import EmbeddedStore, RemoteStore, open_store
from umkm_kg.store.bulk import bulk_load
from umkm_kg.store.oxigraph_server import OxigraphServer, oxigraph_binary
from umkm_kg.store.virtuoso import VirtuosoServer

FIXTURES = Path(__file__).parent / "fixtures"
KNOWN_DATA = FIXTURES / "sentra.ttl"


def store_with_known_data(folder: Path) -> Path:
    """An embedded store made in ``folder`` holding the known data, closed again: ``folder``."""
    with open_store(folder) as store:
        store.load(KNOWN_DATA)
    return folder


@pytest.fixture(scope="session")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store holding the known data (do not write to it in tests)."""
    store = open_store(tmp_path_factory.mktemp("store") / "store")
    store.load(KNOWN_DATA)
    yield store
    store.close()


@contextmanager
def started_oxigraph() -> Iterator[OxigraphServer]:
    """A fresh ``oxigraph serve`` process on 127.0.0.1 (in-memory), always stopped at the end;
    the test is skipped where the binary is missing."""
    try:
        oxigraph_binary()
    except Exception as error:  # the binary comes with the test extra
        pytest.skip(f"oxigraph server binary not available: {error}")
    with OxigraphServer() as server:
        yield server


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[OxigraphServer]:
    """The session's Oxigraph server (the remote store of the known data)."""
    with started_oxigraph() as server:
        yield server


@pytest.fixture(scope="session")
def remote(oxigraph_server: OxigraphServer) -> RemoteStore:
    """The known data loaded into the Oxigraph server through SPARQL Update."""
    store = open_store(endpoint=f"{oxigraph_server.url}/query", timeout=30)
    store.load(KNOWN_DATA)
    return store


@pytest.fixture(scope="session")
def on_virtuoso(virtuoso: VirtuosoServer) -> RemoteStore:
    """The known data loaded into Virtuoso by its bulk loader (do not write to it in tests)."""
    store = open_store(endpoint=f"{virtuoso.url}/sparql", timeout=60)
    bulk_load(store, KNOWN_DATA, virtuoso.sql, virtuoso.dirs_allowed[0])
    return store
