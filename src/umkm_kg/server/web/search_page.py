"""Search by name over sentra, enterprises and institutions, the way people type names:
case and accents do not matter, and every word typed may be the start or part of a word. Every
hit links to its page (``/sentra``, ``/enterprise``, ``/institution``).

The names are read once per store generation (one query) and searched in this process.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.server.web.answers import PageError, select
from umkm_kg.server.web.language import language
from umkm_kg.server.web.rendering import render

MAX_HITS = 200
KINDS = {"Sentra": "sentra", "Enterprise": "enterprise", "Institution": "institution"}
_INDEX: dict[str, list[tuple[str, str, str, str]]] = {}


@cache
def _query() -> str:
    return (Path(__file__).parent / "queries" / "search-names.rq").read_text(encoding="utf-8")


def folded(text: str) -> str:
    """``text`` without case or accents (``"Tenun Ikat Kédiri"`` -> ``"tenun ikat kediri"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


async def _index(request: Request) -> list[tuple[str, str, str, str]]:
    """(folded name, name, kind, IRI) of every named entity, per generation."""
    view = str(request.app.state.view())
    if view not in _INDEX:
        rows = await select(request, _query())
        kinds: dict[str, str] = {}
        entries = {}
        for row in rows:
            iri = str(row["entity"])
            kind = KINDS[str(row["type"]).rsplit("#", 1)[-1]]
            if kinds.get(iri) != "sentra":  # a sentra that is also an institution is a sentra
                kinds[iri] = kind
            entries[(iri, row["name"])] = (folded(str(row["name"])), str(row["name"]), iri)
        _INDEX.clear()
        _INDEX[view] = sorted((f, name, kinds[iri], iri) for f, name, iri in entries.values())
    return _INDEX[view]


def matches(index: list[tuple[str, str, str, str]], typed: str) -> list[tuple[str, str, str]]:
    """(name, kind, IRI) of the names holding every word of ``typed``, at most MAX_HITS."""
    words = folded(typed).split()
    if not words:
        return []
    hits, seen = [], set()
    for folded_name, name, kind, iri in index:
        if all(word in folded_name for word in words) and (iri, name) not in seen:
            seen.add((iri, name))
            hits.append((name, kind, iri))
            if len(hits) == MAX_HITS:
                break
    return hits


async def search(request: Request) -> Response:
    """``/search?q=...``: the sentra, enterprises and institutions whose name matches."""
    typed = request.query_params.get("q", "")[:200]
    lang = language(request)
    try:
        hits = matches(await _index(request), typed)
    except PageError as error:
        return render(request, "search.html", {"q": typed, "hits": [], "error": str(error)}, 400)
    shown = [
        {
            "name": name,
            "kind": kind,
            "iri": iri,
            "href": f"/{kind}?{urlencode({'iri': iri, 'lang': lang})}",
        }
        for name, kind, iri in hits
    ]
    return render(request, "search.html", {"q": typed, "hits": shown, "error": None})
