"""Queries for the pages: run in the server's query processes, rows as Python values, labels.

Every query goes through :func:`~umkm_kg.server.sparql_protocol.run_query`, like the protocol
endpoint: a query process reads the store's current generation read-only, within the server's
time limit, and refuses SERVICE. Values chosen by the reader reach a query only as RDF terms in a
``VALUES`` block (:func:`~umkm_kg.store.values_block.with_values`), never as pasted text.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from http import HTTPStatus
from typing import Any

from rdflib import URIRef
from rdflib.term import Identifier
from starlette.requests import Request

from umkm_kg.server.evaluate import QueryJob
from umkm_kg.server.sparql_protocol import run_query
from umkm_kg.store.results import Rows, compact
from umkm_kg.store.terms import from_sparql_json, to_python, to_sparql
from umkm_kg.store.values_block import with_values

_JSON = "application/sparql-results+json"
_LABEL_BATCH = 1000
_LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?iri ?label WHERE {
  VALUES ?iri { %s }
  ?iri rdfs:label|skos:prefLabel|schema:name ?label
}"""


class PageError(Exception):
    """A query of a page could not be answered: the store's message, for the reader."""


async def bindings_json(
    request: Request, sparql: str, bindings: dict[str, Identifier] | None = None
) -> tuple[list[str], list[dict[str, dict[str, str]]]]:
    """Variables and SPARQL JSON bindings of a SELECT run for a page."""
    text = with_values(sparql, bindings or {})
    job = QueryJob(view=str(request.app.state.view()), sparql=text, accept=_JSON)
    response = await run_query(request, job)
    if response.status_code != HTTPStatus.OK:
        raise PageError(bytes(response.body).decode("utf-8", "replace").strip())
    result = json.loads(response.body)
    return result["head"]["vars"], result["results"]["bindings"]


async def select(
    request: Request, sparql: str, bindings: dict[str, Identifier] | None = None
) -> Rows:
    """A SELECT's rows as Python values (IRIs as ``URIRef``, unbound as ``None``)."""
    variables, found = await bindings_json(request, sparql, bindings)
    rows = [{v: to_python(from_sparql_json(b.get(v))) for v in variables} for b in found]
    return Rows(variables, rows)


async def labels(request: Request, iris: set[str], lang: str) -> dict[str, str]:
    """A label for each IRI that has one, in ``lang`` where there is one, else any."""
    chosen: dict[str, tuple[int, str]] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), _LABEL_BATCH):
        batch = " ".join(to_sparql(URIRef(iri)) for iri in ordered[start : start + _LABEL_BATCH])
        _, found = await bindings_json(request, _LABELS % batch)
        for binding in found:
            iri, label = binding["iri"]["value"], binding["label"]
            rank = {lang: 0, None: 1}.get(label.get("xml:lang"), 2)
            if iri not in chosen or rank < chosen[iri][0]:
                chosen[iri] = (rank, label["value"])
    return {iri: text for iri, (_, text) in chosen.items()}


def iris_of(rows: list[dict[str, Any]]) -> set[str]:
    """Every IRI in ``rows``."""
    return {str(v) for row in rows for v in row.values() if isinstance(v, URIRef)}


def shown(value: Any, names: dict[str, str], lang: str, variable: str = "") -> str:
    """A value as a person reads it: a label or a prefixed name for an IRI, numbers grouped
    (but not years: a ``variable`` whose name holds "year")."""
    if value is None:
        return ""
    if isinstance(value, int) and "year" in variable.lower():
        return str(value)
    if isinstance(value, URIRef):
        return names.get(str(value)) or compact(value)
    if isinstance(value, bool):
        return {"id": "ya", "en": "yes"}[lang] if value else {"id": "tidak", "en": "no"}[lang]
    if isinstance(value, int | Decimal | float):
        return number(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def number(value: int | Decimal | float, lang: str) -> str:
    """``1234567.5`` as ``1.234.567,5`` (id) or ``1,234,567.5`` (en)."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value.normalize():,f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
