"""The validation dashboard: every sentra's verdict, counts by criterion and by province and
kab/kota, filterable by status and region, linked to the profiles, downloadable as CSV."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.server.web.answers import PageError, labels, select
from umkm_kg.server.web.language import language
from umkm_kg.server.web.rendering import render
from umkm_kg.server.web.verdicts import verdicts
from umkm_kg.spreadsheet_cells import delimited_row

STATUSES = ("ready", "not_ready", "incomplete")


@cache
def _places_query() -> str:
    return (Path(__file__).parent / "queries" / "sentra-places.rq").read_text(encoding="utf-8")


async def _places(request: Request, lang: str) -> dict[str, dict[str, str]]:
    """Each sentra's province and kab/kota, by name."""
    rows = await select(request, _places_query())
    names = await labels(request, {str(r["region"]) for r in rows}, lang)
    places: dict[str, dict[str, str]] = {}
    for r in rows:
        level = "province" if "." not in str(r["code"]) else "kabkota"
        name = names.get(str(r["region"]), str(r["code"]))
        places.setdefault(str(r["sentra"]), {})[level] = name
    return places


async def dashboard(request: Request) -> Response:
    """``/validation``: the verdicts (``status=`` and ``region=`` filter; ``format=csv``)."""
    lang = language(request)
    state = request.app.state
    try:
        result = await verdicts(state.location, state.view())
        places = await _places(request, lang)
    except PageError as error:
        return render(request, "validation.html", {"error": str(error)}, status=400)
    if result is None:
        return render(request, "validation.html", {"pending": True, "error": None})
    wanted_status = request.query_params.get("status", "")
    wanted_region = request.query_params.get("region", "")
    rows = []
    for verdict in result.sentra:
        place = places.get(str(verdict.iri), {})
        if wanted_status and verdict.status != wanted_status:
            continue
        if wanted_region and wanted_region not in (place.get("province"), place.get("kabkota")):
            continue
        rows.append(_row(verdict, place, lang))
    criteria = [c.criterion for c in result.sentra[0].criteria] if result.sentra else []
    if request.query_params.get("format") == "csv":
        return _csv(rows, criteria)
    context = {
        "error": None,
        "pending": False,
        "rows": rows,
        "criteria": [c.label(lang) for c in criteria],
        "by_criterion": _by_criterion(rows, criteria, lang),
        "by_region": _by_region(rows),
        "statuses": STATUSES,
        "regions": sorted({p for r in rows for p in (r["province"], r["kabkota"]) if p}),
        "wanted": {"status": wanted_status, "region": wanted_region},
        "csv": "/validation?" + urlencode({**request.query_params, "format": "csv"}),
    }
    return render(request, "validation.html", context)


def _row(verdict: Any, place: dict[str, str], lang: str) -> dict[str, Any]:
    return {
        "name": verdict.label or verdict.key,
        "key": verdict.key,
        "href": "/sentra?" + urlencode({"iri": str(verdict.iri), "lang": lang}),
        "province": place.get("province", ""),
        "kabkota": place.get("kabkota", ""),
        "status": verdict.status,
        "criteria": [c.status for c in verdict.criteria],
    }


def _by_criterion(rows: list[dict], criteria: list, lang: str) -> list[dict[str, Any]]:
    counts = []
    for index, criterion in enumerate(criteria):
        found = Counter(row["criteria"][index] for row in rows)
        counts.append(
            {
                "name": criterion.label(lang),
                "group": criterion.group.label(lang),
                "met": found["met"],
                "not_met": found["not_met"],
                "unknown": found["unknown"],
            }
        )
    return counts


def _by_region(rows: list[dict]) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], Counter] = {}
    for row in rows:
        found.setdefault((row["province"], row["kabkota"]), Counter())[row["status"]] += 1
    return [
        {"province": p, "kabkota": k, **{s: c[s] for s in STATUSES}}
        for (p, k), c in sorted(found.items())
    ]


def _csv(rows: list[dict], criteria: list) -> Response:
    """Codes, not words: status ready/not_ready/incomplete, criteria met/not_met/unknown."""
    headers = ["sentra", "name", "province", "kab_kota", "status", *(c.key for c in criteria)]
    lines = [delimited_row(headers)]
    for row in rows:
        lines.append(
            delimited_row(
                [
                    row["key"],
                    row["name"],
                    row["province"],
                    row["kabkota"],
                    row["status"],
                    *row["criteria"],
                ]
            )
        )
    disposition = {"Content-Disposition": 'attachment; filename="validation.csv"'}
    return Response("".join(lines), media_type="text/csv; charset=utf-8", headers=disposition)
