"""``umkm-kg serve``: read-only by default with a query UI; writes need the flag and a token."""

from __future__ import annotations

import urllib.request

import pytest

from tests.queries.conftest import FIXTURES, KNOWN_DATA
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import open_store
from umkm_kg.store.server import free_port, oxigraph_binary, serving

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture
def store_folder(tmp_path):
    try:
        oxigraph_binary()
    except UmkmKgError as error:
        pytest.skip(str(error))
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.load(KNOWN_DATA)
    return folder


def test_read_only_server_answers_queries_shows_the_ui_and_refuses_writes(store_folder):
    with serving(store_folder, port=free_port()) as url:
        remote = open_store(endpoint=f"{url}/query", timeout=10)
        assert len(remote.query("support-overlap")) == 5
        with urllib.request.urlopen(f"{url}/", timeout=10) as page:
            assert "yasgui" in page.read().decode("utf-8").lower()
        with pytest.raises(UmkmKgError, match="HTTP"):
            remote.load(FIXTURES / "sentra.ttl")
        assert len(remote.query("support-overlap")) == 5


def test_writes_need_the_token(store_folder):
    with serving(store_folder, port=free_port(), allow_writes=True, token=TOKEN) as url:
        anonymous = open_store(endpoint=f"{url}/query", timeout=10)
        assert len(anonymous.query("support-overlap")) == 5  # reads need no token
        with pytest.raises(UmkmKgError, match="HTTP 401"):
            anonymous.load(KNOWN_DATA, name="second")
        wrong = open_store(endpoint=f"{url}/query", timeout=10, token="x" * 32)
        with pytest.raises(UmkmKgError, match="HTTP 401"):
            wrong.load(KNOWN_DATA, name="second")
        assert not any("second" in str(g["graph"]) for g in anonymous.graphs())
        writer = open_store(endpoint=f"{url}/query", timeout=10, token=TOKEN)
        writer.load(KNOWN_DATA, name="second")
        assert any(str(g["graph"]).endswith("/graph/second") for g in anonymous.graphs())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"allow_writes": True}, "needs --token"),
        ({"allow_writes": True, "token": "short"}, "at least 16 characters"),
        ({"token": TOKEN}, "only makes sense with --allow-writes"),
    ],
)
def test_write_options_are_checked(store_folder, options, message):
    with (
        pytest.raises(UmkmKgError, match=message),
        serving(store_folder, port=free_port(), **options),
    ):
        pass


def test_serving_a_missing_store_says_to_load_first(tmp_path):
    with pytest.raises(UmkmKgError, match="load data first"), serving(tmp_path / "none"):
        pass
