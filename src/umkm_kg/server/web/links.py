"""Which page an IRI opens: a sentra, an enterprise or an institution has a page of its own.

The kinds of the IRIs on a page are read in one query (``queries/entity-kinds.rq``, the IRIs
given as serialised terms in a ``VALUES`` block), so any table can link its cells.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from rdflib import URIRef
from starlette.requests import Request

from umkm_kg.server.web.answers import bindings_json
from umkm_kg.store.terms import to_sparql

PAGES = {"Sentra": "/sentra", "Enterprise": "/enterprise", "Institution": "/institution"}
_PRIORITY = ("Sentra", "Enterprise", "Institution")  # a sentra that is an institution: a sentra
_BATCH = 1000


@cache
def _query() -> str:
    return (Path(__file__).parent / "queries" / "entity-kinds.rq").read_text(encoding="utf-8")


def page_of(kind: str, iri: str, lang: str) -> str:
    """The address of the page of ``iri``, of ``kind`` (``Sentra``, ``Enterprise``, ...)."""
    return f"{PAGES[kind]}?{urlencode({'iri': iri, 'lang': lang})}"


async def kinds(request: Request, iris: set[str]) -> dict[str, str]:
    """``Sentra``, ``Enterprise`` or ``Institution`` for each of ``iris`` that is one."""
    found: dict[str, str] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), _BATCH):
        terms = " ".join(to_sparql(URIRef(i)) for i in ordered[start : start + _BATCH])
        text = _query().replace("WHERE {", f"WHERE {{\n  VALUES ?iri {{ {terms} }}", 1)
        _, rows = await bindings_json(request, text)
        for row in rows:
            iri, kind = row["iri"]["value"], row["kind"]["value"].rsplit("#", 1)[-1]
            if iri not in found or _PRIORITY.index(kind) < _PRIORITY.index(found[iri]):
                found[iri] = kind
    return found


async def hrefs(request: Request, iris: set[str], lang: str) -> dict[str, str]:
    """The page address of each of ``iris`` that has a page."""
    if not iris:
        return {}
    return {iri: page_of(kind, iri, lang) for iri, kind in (await kinds(request, iris)).items()}
