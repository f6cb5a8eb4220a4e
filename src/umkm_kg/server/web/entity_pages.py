"""A page per enterprise (``/enterprise?iri=``) and per institution (``/institution?iri=``):
what it is, the sentra it belongs to, its size classes, every cooperation it takes part in and
the infrastructure it provides; sentra, enterprises and institutions link to their pages.

Only the business is shown (name, id, activity, figures): the queries read no owner, no NIK.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.catalogue import expand_iri
from umkm_kg.errors import UmkmKgError
from umkm_kg.server.web.answers import PageError, iris_of, labels, select, shown
from umkm_kg.server.web.language import language
from umkm_kg.server.web.links import hrefs
from umkm_kg.server.web.rendering import not_found, render
from umkm_kg.store.results import Rows, compact

_QUERIES = Path(__file__).parent / "queries"
SECTIONS = {
    "enterprise": (
        "enterprise-overview",
        "enterprise-sizes",
        "entity-sentra",
        "entity-cooperation",
    ),
    "institution": (
        "institution-overview",
        "entity-sentra",
        "entity-cooperation",
        "institution-infrastructure",
    ),
}
_ENTERPRISE_FACTS = (
    "identifier", "activity", "region", "workers", "foundingYear", "monthlyTurnover",
    "annualSales", "netAssets", "capital",
)  # fmt: skip
_INSTITUTION_FACTS = ("identifier", "type", "region")
SHOWN = 200  # items a list shows (a national institution can work with thousands of sentra)
_LISTS = {  # the lists of a page, by the variable that names one item
    "entity-sentra": "sentra",
    "entity-cooperation": "cooperation",
    "institution-infrastructure": "sentra",
}


@cache
def _query(name: str) -> str:
    return (_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


async def enterprise(request: Request) -> Response:
    """``/enterprise?iri=...``: one enterprise (404 when the store has none such)."""
    return await _page(request, "enterprise", _ENTERPRISE_FACTS)


async def institution(request: Request) -> Response:
    """``/institution?iri=...``: one institution (404 when the store has none such)."""
    return await _page(request, "institution", _INSTITUTION_FACTS)


async def _page(request: Request, kind: str, facts: tuple[str, ...]) -> Response:
    try:
        entity = expand_iri(request.query_params.get("iri", ""))
    except ValueError:
        return not_found(request)
    lang = language(request)
    try:
        found = {
            name: await select(request, _query(name), {"entity": entity}) for name in SECTIONS[kind]
        }
        overview = found[SECTIONS[kind][0]]
        if not overview:
            return not_found(request)
        totals = {
            name: len({r[key] for r in found[name]})
            for name, key in _LISTS.items()
            if name in found
        }
        found = {name: _first(rows, _LISTS.get(name)) for name, rows in found.items()}
        iris = set().union(*(iris_of(rows) for rows in found.values()))
        names = await labels(request, iris, lang)
        links = await hrefs(request, iris - {str(entity)}, lang)
    except (UmkmKgError, PageError) as error:
        return render(request, "entity.html", {"error": str(error)}, status=400)

    def cell(value: Any, variable: str = "") -> dict[str, Any]:
        text = shown(value, names, lang, variable)
        return {"text": text, "href": links.get(str(value)) if isinstance(value, URIRef) else None}

    context = {
        "error": None,
        "kind": kind,
        "iri": str(entity),
        "name": shown(overview[0]["name"], names, lang) or compact(entity),
        "facts": _facts(overview, facts, cell),
        "sentra": _sentra(found["entity-sentra"], cell),
        "totals": totals,
        "sizes": [
            (cell(r["ruleSet"]), cell(r["sizeClass"])) for r in found.get("enterprise-sizes", [])
        ],
        "cooperation": _cooperation(found["entity-cooperation"], cell),
        "infrastructure": [
            {"sentra": cell(r["sentra"]), "kind": cell(r["kind"]), "adequate": cell(r["adequate"])}
            for r in found.get("institution-infrastructure", [])
        ],
    }
    return render(request, "entity.html", context)


def _first(rows: Rows, key: str | None) -> Rows:
    """The rows of the first :data:`SHOWN` items named by ``key`` (all rows when ``key`` is
    None), so that labels are looked up only for what the page shows."""
    if key is None:
        return rows
    kept: set[Any] = set()
    result = []
    for row in rows:
        if row[key] not in kept and len(kept) < SHOWN:
            kept.add(row[key])
        if row[key] in kept:
            result.append(row)
    return Rows(rows.variables, result)


def _facts(rows: Rows, wanted: tuple[str, ...], cell: Callable) -> list[tuple[str, list]]:
    """(fact, cells) for every fact the entity has; the activity with its KBLI code."""
    result = []
    for variable in wanted:
        cells, seen = [], set()
        for row in rows:
            value = row.get(variable)
            if value is None or value in seen:
                continue
            seen.add(value)
            shown_cell = cell(value, variable)
            if variable == "activity" and row.get("code"):
                shown_cell["text"] += f" ({row['code']})"
            cells.append(shown_cell)
        if cells:
            result.append((variable, cells))
    return result


def _sentra(rows: Rows, cell: Callable) -> list[dict[str, Any]]:
    by_sentra: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = by_sentra.setdefault(
            str(r["sentra"]), {"sentra": cell(r["sentra"]), "roles": set(), "member": False}
        )
        if r["role"] is not None:
            entry["roles"].add(cell(r["role"])["text"])
        entry["member"] = entry["member"] or bool(r["member"])
    ordered = sorted(by_sentra.values(), key=lambda e: e["sentra"]["text"].casefold())
    return [{**e, "roles": ", ".join(sorted(e["roles"]))} for e in ordered]


def _cooperation(rows: Rows, cell: Callable) -> list[dict[str, Any]]:
    by_iri: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = by_iri.setdefault(str(r["cooperation"]), {"as_partner": False})
        entry["as_partner"] = entry["as_partner"] or bool(r["asPartner"])
        for variable in ("sentra", "kind", "partner", "partnerName", "year", "amount"):
            if r[variable] is not None and variable not in entry:
                entry[variable] = cell(r[variable], variable)
    result = []
    for entry in by_iri.values():
        entry["actor"] = entry.get("partner") or entry.get("partnerName") or {"text": ""}
        result.append(entry)
    return sorted(
        result,
        key=lambda c: (c.get("year", {}).get("text", ""), c["kind"]["text"] if "kind" in c else ""),
    )
