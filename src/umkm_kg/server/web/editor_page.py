"""The SPARQL editor (``/editor``): a text area with the project's prefixes, the catalogue's
questions as examples to start from, and the answer as the catalogue's labelled table.

No script: the form is a GET form; an example is picked with ``example=NAME`` (its text, with
the question's defaults in a ``VALUES`` block, fills the text area). The query runs like any
other in the server's query processes (read-only view, time limit, no ``SERVICE``); SELECT and
ASK answers are tables, a CONSTRUCT or DESCRIBE answer is shown as subject, predicate, object.
"""

from __future__ import annotations

import io
import json
from functools import cache
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import PREFIXES
from umkm_kg.server.evaluate import QueryJob
from umkm_kg.server.sparql_protocol import run_query
from umkm_kg.server.web.answers import iris_of, labels
from umkm_kg.server.web.catalogue_pages import catalogue, cell
from umkm_kg.server.web.language import language
from umkm_kg.server.web.links import hrefs
from umkm_kg.server.web.rendering import render
from umkm_kg.store.terms import from_oxigraph, from_sparql_json, to_python
from umkm_kg.store.values_block import with_values

SHOWN_ROWS = 200  # the table shows this many rows; the CSV link gives the whole answer
MAX_QUERY = 20_000  # characters
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


@cache
def prefixes() -> str:
    """The project's prefixes as PREFIX lines."""
    return "\n".join(f"PREFIX {p}: <{n}>" for p, n in PREFIXES.items())


def starting_text() -> str:
    """What the text area holds before anything is asked."""
    return prefixes() + (
        "\n\nSELECT ?sentra ?name WHERE {\n  ?sentra a umkm:Sentra ; rdfs:label ?name .\n}\n"
        "ORDER BY ?name\nLIMIT 20\n"
    )


def example_text(name: str) -> str | None:
    """A catalogue question's SPARQL with its defaults bound, or None for an unknown name."""
    query = catalogue().get(name)
    if query is None:
        return None
    try:
        return with_values(query.text, query.bindings({}))
    except UmkmKgError:
        return query.text


async def _run(request: Request, sparql: str) -> tuple[str, list[str], list[dict[str, Any]]]:
    """The answer's form (``graph``, ``boolean``, ``solutions``), its variables and rows (Python
    values); an error is raised as text."""
    job = QueryJob(view=str(request.app.state.view()), sparql=sparql, accept=_ACCEPT)
    response = await run_query(request, job)
    body = bytes(response.body)
    if response.status_code != HTTPStatus.OK:
        raise UmkmKgError(body.decode("utf-8", "replace").strip())
    if response.media_type.startswith("application/n-triples"):
        triples = ox.parse(io.BytesIO(body), format=ox.RdfFormat.N_TRIPLES)
        names = ("subject", "predicate", "object")
        rows = [
            dict(zip(names, (to_python(from_oxigraph(t)) for t in terms), strict=True))
            for terms in ((q.subject, q.predicate, q.object) for q in triples)
        ]
        return "graph", list(names), rows
    result = json.loads(body)
    if "boolean" in result:
        return "boolean", ["result"], [{"result": bool(result["boolean"])}]
    variables = result["head"]["vars"]
    found = result["results"]["bindings"]
    rows = [{v: to_python(from_sparql_json(b.get(v))) for v in variables} for b in found]
    return "solutions", variables, rows


async def editor(request: Request) -> Response:
    """``/editor``: the form and, with ``query`` given, its answer."""
    lang = language(request)
    params = request.query_params
    query = params.get("query", "")[:MAX_QUERY]
    example = params.get("example", "")
    text = query or example_text(example) or starting_text()
    context: dict[str, Any] = {
        "text": text,
        "examples": [(q.name, q.title[lang]) for q in catalogue().values()],
        "example": example,
        "table": None,
        "error": None,
    }
    if query.strip():
        try:
            form, variables, rows = await _run(request, query)
            shown_rows = rows[:SHOWN_ROWS]
            iris = iris_of(shown_rows)
            names, links = await labels(request, iris, lang), await hrefs(request, iris, lang)
        except UmkmKgError as error:
            context["error"] = str(error)
        else:
            context["table"] = {
                "headers": variables,
                "rows": [
                    [cell(v, r[v], names, links, lang) for v in variables] for r in shown_rows
                ],
                "count": len(rows),
                "cut": len(rows) > SHOWN_ROWS,
                "csv": "/query?" + urlencode({"query": query, "format": "csv"})
                if form == "solutions"
                else None,
            }
    return render(request, "editor.html", context, status=400 if context["error"] else 200)
