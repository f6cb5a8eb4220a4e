"""The home page: what the store holds. The sources loaded, each with its file name, checksum,
mapping, rows and triples and when it was loaded (the PROV-O record every load writes into its
graph), the other graphs every store carries, and how many sentra, enterprises, institutions,
cooperation and infrastructure there are.

The counts and the list of graphs are read once per store generation (a load makes a new one),
so the page costs two small queries afterwards.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Literal
from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.server.web.answers import PageError, number, select
from umkm_kg.server.web.language import language
from umkm_kg.server.web.rendering import render
from umkm_kg.store.results import compact

COUNTED = ("sentra", "enterprises", "institutions", "cooperation", "infrastructure")
_CACHE: dict[str, tuple[dict[str, int], list[str]]] = {}


@cache
def _query(name: str) -> str:
    return (Path(__file__).parent / "queries" / f"{name}.rq").read_text(encoding="utf-8")


async def _holdings(request: Request) -> tuple[dict[str, int], list[str]]:
    """(counts by kind, every named graph) of the current generation, read once for it."""
    view = str(request.app.state.view())
    if view not in _CACHE:
        counted = await select(request, _query("home-counts"))
        graphs = await select(request, _query("home-graphs"))
        _CACHE.clear()
        _CACHE[view] = (
            {str(r["what"]): int(r["count"]) for r in counted},
            [compact(r["graph"]) for r in graphs],
        )
    return _CACHE[view]


def _seconds(started: Any, ended: Any) -> float | None:
    if isinstance(started, dt.datetime) and isinstance(ended, dt.datetime):
        return (ended - started).total_seconds()
    return None


def _sources(rows: Any, lang: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        seconds = _seconds(r["started"], r["ended"])
        found.setdefault(
            str(r["graph"]),
            {
                "graph": compact(r["graph"]),
                "source": str(r["source"]),
                "triples": number(r["triples"], lang) if r["triples"] is not None else "",
                "loaded": r["ended"].isoformat().replace("+00:00", "Z") if r["ended"] else "",
                "seconds": number(seconds, lang) if seconds is not None else "",
                "mapping": compact(r["mapping"]).removeprefix("id:mapping/"),
                "rows": str(r["rows"] or ""),
                "sha256": str(r["sha256"] or ""),
            },
        )
    return list(found.values())


async def home(request: Request) -> Response:
    """``/``: what the store holds and when it was loaded."""
    lang = language(request)
    state = request.app.state
    try:
        counts, graphs = await _holdings(request)
        rows = await select(request, _query("home-sources"), {"lang": Literal(lang)})
    except PageError as error:
        return render(request, "home.html", {"error": str(error)}, status=400)
    sources = _sources(rows, lang)
    from_sources = {s["graph"] for s in sources}
    context = {
        "error": None,
        "store": state.location.name,
        "writable": state.writer is not None,
        "counts": [(what, number(counts.get(what, 0), lang)) for what in COUNTED],
        "sources": sources,
        "others": [g for g in graphs if g not in from_sources],
        "last_loaded": max((s["loaded"] for s in sources), default=""),
    }
    return render(request, "home.html", context)
