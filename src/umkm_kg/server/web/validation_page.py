"""The validation dashboard: every sentra's verdict, counts by criterion and by province and
kab/kota, filterable by status, region and unmet criterion, paged, linked to the profiles,
downloadable as CSV or XLSX (the filtered rows, with the two summaries in the workbook).

The verdicts are computed once per store generation (:mod:`.verdicts`), the sentra's places
read once per generation and language: a request filters and counts in this process.
"""

from __future__ import annotations

import tempfile
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
from umkm_kg.spreadsheet_cells import delimited_row, write_xlsx

STATUSES = ("ready", "not_ready", "incomplete")
PAGE_SIZE = 100
_PLACES: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
_PLACES_MOST = 4  # store generations whose places are kept
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cache
def _places_query() -> str:
    return (Path(__file__).parent / "queries" / "sentra-places.rq").read_text(encoding="utf-8")


async def _places(request: Request, lang: str) -> dict[str, dict[str, str]]:
    """Each sentra's province and kab/kota, by name (read once per generation and language)."""
    key = (str(request.app.state.view()), lang)
    if key not in _PLACES:
        rows = await select(request, _places_query())
        names = await labels(request, {str(r["region"]) for r in rows}, lang)
        places: dict[str, dict[str, str]] = {}
        for r in rows:
            level = "province" if "." not in str(r["code"]) else "kabkota"
            places.setdefault(str(r["sentra"]), {})[level] = names.get(
                str(r["region"]), str(r["code"])
            )
        if len(_PLACES) > _PLACES_MOST:
            _PLACES.clear()
        _PLACES[key] = places
    return _PLACES[key]


def _wanted(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "") for k in ("status", "region", "criterion")}


def _kept(row: dict[str, Any], wanted: dict[str, str], keys: list[str]) -> bool:
    if wanted["status"] and row["status"] != wanted["status"]:
        return False
    if wanted["region"] and wanted["region"] not in (row["province"], row["kabkota"]):
        return False
    if wanted["criterion"] in keys:
        return row["criteria"][keys.index(wanted["criterion"])] == "not_met"
    return True


async def dashboard(request: Request) -> Response:
    """``/validation``: the verdicts (``status=``, ``region=``, ``criterion=`` filter; ``page=``;
    ``format=csv|xlsx``)."""
    lang = language(request)
    state = request.app.state
    try:
        result = await verdicts(state.location, state.view())
        places = await _places(request, lang)
    except PageError as error:
        return render(request, "validation.html", {"error": str(error)}, status=400)
    if result is None:
        return render(request, "validation.html", {"pending": True, "error": None})
    criteria = [c.criterion for c in result.sentra[0].criteria] if result.sentra else []
    keys = [c.key for c in criteria]
    wanted = _wanted(request)
    every = [_row(v, places.get(str(v.iri), {}), lang) for v in result.sentra]
    rows = [row for row in every if _kept(row, wanted, keys)]
    fmt = request.query_params.get("format")
    if fmt in ("csv", "xlsx"):
        return _download(fmt, rows, criteria, lang)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    try:
        page = min(max(1, int(request.query_params.get("page", "1"))), pages)
    except ValueError:
        page = 1

    def link(**changes: Any) -> str:
        return "/validation?" + urlencode({**request.query_params, **changes})

    context = {
        "error": None,
        "pending": False,
        "rows": rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "count": len(rows),
        "criteria": [(c.key, c.label(lang)) for c in criteria],
        "by_criterion": _by_criterion(rows, criteria, lang),
        "by_region": _by_region(rows),
        "statuses": STATUSES,
        "regions": sorted({p for r in every for p in (r["province"], r["kabkota"]) if p}),
        "wanted": wanted,
        "downloads": {f: link(format=f, page="") for f in ("csv", "xlsx")},
        "table": {
            "page": page,
            "pages": pages,
            "previous": link(page=page - 1) if page > 1 else None,
            "next": link(page=page + 1) if page < pages else None,
        },
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
                "key": criterion.key,
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


def _download(fmt: str, rows: list[dict], criteria: list, lang: str) -> Response:
    """Codes, not words: status ready/not_ready/incomplete, criteria met/not_met/unknown. The
    workbook adds the counts by criterion and by province and kab/kota."""
    headers = ["sentra", "name", "province", "kab_kota", "status", *(c.key for c in criteria)]
    records = [
        [r["key"], r["name"], r["province"], r["kabkota"], r["status"], *r["criteria"]]
        for r in rows
    ]
    disposition = {"Content-Disposition": f'attachment; filename="validation.{fmt}"'}
    if fmt == "csv":
        text = "".join(delimited_row(line) for line in [headers, *records])
        return Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
    by_criterion = [
        [c["key"], c["name"], c["group"], c["met"], c["not_met"], c["unknown"]]
        for c in _by_criterion(rows, criteria, lang)
    ]
    by_region = [[r["province"], r["kabkota"], *(r[s] for s in STATUSES)] for r in _by_region(rows)]
    sheets = {
        "verdicts": (headers, records),
        "by_criterion": (["criterion", "name", "group", "met", "not_met", "unknown"], by_criterion),
        "by_region": (["province", "kab_kota", *STATUSES], by_region),
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "validation.xlsx"
        write_xlsx(path, sheets)
        return Response(path.read_bytes(), media_type=_XLSX, headers=disposition)
