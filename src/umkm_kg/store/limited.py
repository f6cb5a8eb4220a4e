"""The embedded store, queried in a killable child process: a time limit and Ctrl-C stop a query.

``umkm-kg query`` uses it: the store is opened by the child (so the usual "store in use" message
applies), each query gets ``timeout`` seconds, and federated ``SERVICE`` is refused unless
allowed.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.base import LoadReport, Store
from umkm_kg.store.federation import refuse_service
from umkm_kg.store.results import Rows
from umkm_kg.store.worker import Channel, Worker


def select_loop(connection: Channel, path: str) -> None:
    """The child's loop: open the store, answer (sparql, bindings) with rows."""
    from umkm_kg.store.embedded import EmbeddedStore

    try:
        store = EmbeddedStore(path)
    except UmkmKgError as error:
        connection.recv()
        connection.send(("error", str(error)))
        return
    while True:
        sparql, bindings = connection.recv()
        try:
            connection.send(("rows", store.select(sparql, bindings)))
        except (UmkmKgError, OSError, ValueError, SyntaxError) as error:
            connection.send(("error", str(error)))


class LimitedStore(Store):
    """Queries of the embedded store at ``path``, each run in a child process with a limit."""

    def __init__(
        self, path: str | Path, *, timeout: float = 300.0, allow_service: bool = False
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.allow_service = allow_service
        self._worker: Worker | None = None

    def select(self, sparql: str, bindings: dict[str, Identifier] | None = None) -> Rows:
        """Run a SELECT or ASK query in the child; stop it after ``timeout`` seconds."""
        if not self.allow_service:
            refuse_service(sparql, hint="umkm-kg query --allow-service permits it")
        if self._worker is None or not self._worker.alive():
            self._worker = Worker("umkm_kg.store.limited:select_loop", str(self.path))
        kind, payload = self._worker.call((sparql, bindings or {}), self.timeout)
        if kind == "error":
            self.close()
            raise UmkmKgError(payload)
        return payload

    def load(
        self, path: str | Path, mapping: str = "template", *, name: str | None = None
    ) -> LoadReport:
        """Not here: loading goes through :class:`~umkm_kg.store.EmbeddedStore`."""
        raise UmkmKgError("this view of the store only answers queries (umkm-kg load DATA)")

    def to_graph(self) -> Graph:
        """Not here: a whole-graph copy goes through :class:`~umkm_kg.store.EmbeddedStore`."""
        raise UmkmKgError("this view of the store only answers queries")

    def close(self) -> None:
        """End the child process."""
        if self._worker is not None:
            self._worker.kill()
            self._worker = None
