"""What a query process does: open the store read-only, answer SPARQL queries, serialised.

It runs in a child process (:mod:`umkm_kg.store.worker`) that the server kills when a query
passes its time limit or its client leaves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from umkm_kg.errors import UmkmKgError
from umkm_kg.server.negotiation import GRAPH_TYPES, SOLUTION_TYPES, choose
from umkm_kg.server.store_access import open_read_only
from umkm_kg.store.federation import refuse_service
from umkm_kg.store.worker import Channel


@dataclass(frozen=True)
class QueryJob:
    """One SPARQL protocol query, as the server received it."""

    view: str
    sparql: str
    accept: str | None = None
    format_parameter: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body."""

    status: int
    media_type: str
    body: bytes = field(repr=False)


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _evaluate(store: ox.Store, job: QueryJob) -> Answer:
    try:
        refuse_service(job.sparql)
    except UmkmKgError as error:
        return _text(400, str(error))
    options: dict = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    try:
        result = store.query(job.sparql, **options)
        graph = isinstance(result, ox.QueryTriples)
        table = GRAPH_TYPES if graph else SOLUTION_TYPES
        media = choose(table, job.accept, job.format_parameter)
        if media is None:
            return _text(406, f"no acceptable format; this answer can be: {', '.join(table)}")
        body = result.serialize(format=table[media])
    except SyntaxError as error:
        return _text(400, f"the query is not valid SPARQL: {error}")
    except ValueError as error:
        return _text(400, f"the query cannot be answered: {error}")
    except OSError as error:
        return _text(500, f"the query failed: {error}")
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Answer(200, media + charset, body)


def answer_queries(connection: Channel) -> None:
    """The query process's loop: a :class:`QueryJob` in, an :class:`Answer` out."""
    opened: tuple[str, ox.Store] | None = None
    while True:
        job: QueryJob = connection.recv()
        if opened is None or opened[0] != job.view:
            opened = None  # the earlier view is closed before the new one opens
            try:
                opened = (job.view, open_read_only(job.view))
            except UmkmKgError as error:
                connection.send(_text(503, str(error)))
                continue
        connection.send(_evaluate(opened[1], job))
