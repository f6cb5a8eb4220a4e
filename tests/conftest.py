"""Fixtures shared by all test folders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import owlready2
import pytest

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.virtuoso import VirtuosoServer, virtuoso_binary

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _java_only_with_the_java_marker(request: pytest.FixtureRequest, monkeypatch) -> None:
    """A test that runs a reasoner (HermiT or Pellet: Java) carries ``@pytest.mark.java``, so
    that ``-m 'not java'`` deselects every test needing Java: an unmarked one fails here."""
    if request.node.get_closest_marker("java") is not None:
        return

    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail(
            f"{request.node.nodeid} runs a Java reasoner without @pytest.mark.java", pytrace=False
        )

    for name in ("sync_reasoner", "sync_reasoner_hermit", "sync_reasoner_pellet"):
        monkeypatch.setattr(owlready2, name, refuse)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only real public data beside the checkout; skips when it is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"../shared/data not found at {data}: real-data tests need the shared folder")
    return data


@contextmanager
def started_virtuoso(folder: Path) -> Iterator[VirtuosoServer]:
    """A real Virtuoso (Debian ``virtuoso-opensource``) on free 127.0.0.1 ports, its database
    and bulk-load folder (``server.dirs_allowed[0]``) in ``folder``, stopped on leaving. Skips
    when the binaries are not installed (``.ci/run`` installs them)."""
    try:
        virtuoso_binary()
        virtuoso_binary("isql-vt")
    except UmkmKgError as error:
        pytest.skip(f"Virtuoso is not installed: {error}")
    bulk = folder / "bulk"
    bulk.mkdir(parents=True)
    with VirtuosoServer(folder / "db", dirs_allowed=(bulk,)) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso per session (see :func:`started_virtuoso`)."""
    with started_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
