"""The SPARQL 1.1 protocol: ``/query`` (GET and POST) for everyone, ``/update`` for the token.

Queries: ``GET /query?query=...``, ``POST`` of a form (``query=...``) or of
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` as the protocol
says (without them the default graph is the union of all graphs). The answer's format comes from
``Accept`` or a ``format``/``output`` parameter (json, xml, csv, tsv; turtle, nt, rdfxml,
jsonld for CONSTRUCT and DESCRIBE). Updates: ``POST /update`` of a form (``update=...``) or of
``application/sparql-update``, applied by this process, the store's single writer.
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from umkm_kg.server.evaluate import QueryJob
from umkm_kg.server.pool import ClientGone
from umkm_kg.store.worker import QueryTimeout

MAX_QUERY_BYTES = 1 << 20
BODY_READ_TIMEOUT = 30.0
_FORM = "application/x-www-form-urlencoded"


class BadRequest(Exception):
    """The request cannot be served: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _fields(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(
            text, keep_blank_values=True, strict_parsing=False, max_num_fields=100, errors="strict"
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(400, f"malformed form or query string: {error}") from None


async def _body(request: Request, limit: int) -> bytes:
    length = int(request.headers.get("content-length") or 0)
    if length > limit:
        raise BadRequest(413, f"the body is larger than {limit} bytes")
    try:
        return await asyncio.wait_for(request.body(), BODY_READ_TIMEOUT)
    except TimeoutError:
        raise BadRequest(408, "the body did not arrive in time") from None


def _one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise BadRequest(400, f"give '{name}' once")
    return values[0] if values else None


async def _operation(request: Request, name: str, media: str, limit: int) -> tuple[str, dict]:
    """The query (or update) text of a protocol request and the URL's fields."""
    url_fields = _fields(request.url.query)
    if request.method in ("GET", "HEAD"):
        text = _one(url_fields, name)
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request, limit)
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(400, "the body is not UTF-8") from None
        if content_type == _FORM:
            form = _fields(decoded)
            other = "update" if name == "query" else "query"
            if _one(form, other) is not None:
                raise BadRequest(400, f"send a SPARQL {other} to /{other}")
            text = _one(form, name)
            url_fields = {**url_fields, **{k: v for k, v in form.items() if k != name}}
        elif content_type == media:
            text = decoded
        else:
            raise BadRequest(415, f"send {media} or {_FORM} (got {content_type or 'nothing'})")
    if text is None or not text.strip():
        raise BadRequest(400, f"no SPARQL {name} in the request (give '{name}=...')")
    return text, url_fields


async def query_endpoint(request: Request) -> Response:
    """Answer a SPARQL query in a query process, within the server's time limit."""
    try:
        sparql, fields = await _operation(
            request, "query", "application/sparql-query", MAX_QUERY_BYTES
        )
        fmt = _one(fields, "format") or _one(fields, "output")
    except BadRequest as error:
        return PlainTextResponse(str(error) + "\n", error.status)
    state = request.app.state
    job = QueryJob(
        view=str(state.view()),
        sparql=sparql,
        accept=request.headers.get("accept"),
        format_parameter=fmt,
        default_graphs=tuple(fields.get("default-graph-uri", [])),
        named_graphs=tuple(fields.get("named-graph-uri", [])),
    )
    return await run_query(request, job)


async def run_query(request: Request, job: QueryJob) -> Response:
    """Run ``job`` and turn timeouts, a vanished client and a crash into answers."""
    try:
        answer = await request.app.state.pool.run(job, lambda: _disconnected(request))
    except QueryTimeout as error:
        return PlainTextResponse(str(error) + "\n", 503)
    except ClientGone:
        return Response(status_code=499)
    except (EOFError, OSError):
        return PlainTextResponse("the query process ended unexpectedly\n", 500)
    finally:
        request.app.state.views.release(request.app.state.pool.views_in_use())
    return Response(answer.body, answer.status, media_type=answer.media_type)


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def update_endpoint(request: Request) -> Response:
    """Apply a SPARQL update (the token was checked before routing)."""
    writer = request.app.state.writer
    if writer is None:
        return PlainTextResponse("this server is read-only\n", 403)
    try:
        update, _ = await _operation(
            request, "update", "application/sparql-update", writer.max_body
        )
        await writer.apply(update)
    except BadRequest as error:
        return PlainTextResponse(str(error) + "\n", error.status)
    return Response(status_code=204)
