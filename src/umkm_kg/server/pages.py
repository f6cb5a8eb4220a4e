"""The pages a person reads: the home page (what the store holds) and a SPARQL query form.

Plain HTML from Jinja2 templates, no script and no request outside this server.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from umkm_kg.namespaces import PREFIXES
from umkm_kg.server.evaluate import QueryJob
from umkm_kg.server.sparql_protocol import run_query

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
_JSON = "application/sparql-results+json"
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_EXAMPLE = "\n".join(f"PREFIX {p}: <{n}>" for p, n in PREFIXES.items()) + (
    "\n\nSELECT ?sentra ?name WHERE {\n  ?sentra a umkm:Sentra ; schema:name ?name .\n}\nLIMIT 20"
)


async def _select(request: Request, sparql: str) -> tuple[list[str], list[list[str]], str | None]:
    """Variables, rows of cell texts and an error message of a query run for a page."""
    job = QueryJob(view=str(request.app.state.view()), sparql=sparql, accept=_JSON)
    response = await run_query(request, job)
    if response.status_code != HTTPStatus.OK:
        return [], [], bytes(response.body).decode("utf-8", "replace").strip()
    result = json.loads(response.body)
    if "boolean" in result:
        return ["result"], [[str(result["boolean"]).lower()]], None
    variables = result["head"]["vars"]
    rows = [
        [binding.get(v, {}).get("value", "") for v in variables]
        for binding in result["results"]["bindings"]
    ]
    return variables, rows, None


async def home(request: Request) -> Response:
    """What the store holds: its graphs and their sizes."""
    _, rows, error = await _select(request, _GRAPH_SIZES)
    graphs = [{"name": name, "triples": int(count)} for name, count in rows]
    state = request.app.state
    context = {
        "location": state.location,
        "mode": "writes with the token" if state.writer else "read-only",
        "graphs": graphs,
        "total": sum(g["triples"] for g in graphs),
        "error": error,
    }
    return TEMPLATES.TemplateResponse(request, "home.html", context)


async def editor(request: Request) -> Response:
    """A query form; with ``query`` given, its answer as a table."""
    query = request.query_params.get("query")
    context: dict = {"query": query or _EXAMPLE, "variables": [], "rows": [], "error": None}
    if query:
        variables, rows, error = await _select(request, query)
        context.update(variables=variables, rows=rows, error=error)
        context["csv_link"] = "/query?" + urlencode({"query": query, "format": "csv"})
    return TEMPLATES.TemplateResponse(request, "editor.html", context)
