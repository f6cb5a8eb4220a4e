"""Which page an IRI opens: a sentra, an enterprise or an institution has a page of its own.

The classes that have pages (``queries/kind-classes.rq``: the three and their subclasses) are
read once per store generation; the classes of the IRIs on a page are read in one query
(``queries/iri-types.rq``, the IRIs given as serialised terms in a ``VALUES`` block), so any
table can link its cells at the cost of one lookup by subject.
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
_CLASSES: dict[str, dict[str, str]] = {}


@cache
def _query(name: str) -> str:
    return (Path(__file__).parent / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def page_of(kind: str, iri: str, lang: str) -> str:
    """The address of the page of ``iri``, of ``kind`` (``Sentra``, ``Enterprise``, ...)."""
    return f"{PAGES[kind]}?{urlencode({'iri': iri, 'lang': lang})}"


async def _classes(request: Request) -> dict[str, str]:
    """Class IRI -> the kind of page its members have, per store generation."""
    view = str(request.app.state.view())
    if view not in _CLASSES:
        _, rows = await bindings_json(request, _query("kind-classes"))
        found: dict[str, str] = {}
        for row in rows:
            cls, kind = row["class"]["value"], row["kind"]["value"].rsplit("#", 1)[-1]
            if cls not in found or _PRIORITY.index(kind) < _PRIORITY.index(found[cls]):
                found[cls] = kind
        _CLASSES.clear()
        _CLASSES[view] = found
    return _CLASSES[view]


async def kinds(request: Request, iris: set[str]) -> dict[str, str]:
    """``Sentra``, ``Enterprise`` or ``Institution`` for each of ``iris`` that is one."""
    classes = await _classes(request)
    found: dict[str, str] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), _BATCH):
        terms = " ".join(to_sparql(URIRef(i)) for i in ordered[start : start + _BATCH])
        text = _query("iri-types").replace("WHERE {", f"WHERE {{\n  VALUES ?iri {{ {terms} }}", 1)
        _, rows = await bindings_json(request, text)
        for row in rows:
            iri, kind = row["iri"]["value"], classes.get(row["class"]["value"])
            if kind and (iri not in found or _PRIORITY.index(kind) < _PRIORITY.index(found[iri])):
                found[iri] = kind
    return found


async def hrefs(request: Request, iris: set[str], lang: str) -> dict[str, str]:
    """The page address of each of ``iris`` that has a page."""
    if not iris:
        return {}
    return {iri: page_of(kind, iri, lang) for iri, kind in (await kinds(request, iris)).items()}
