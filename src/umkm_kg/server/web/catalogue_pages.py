"""The catalogue: every question of ``queries/``, its form, its answer as a table, downloads.

The answer is computed whole (the catalogue's questions sort their rows after the store answers,
see :mod:`umkm_kg.catalogue`) and kept (the last :data:`KEPT_ANSWERS`, per store generation), then
sorted by the column the reader chose and cut into pages of :data:`PAGE_SIZE` rows; only the
shown page's IRIs are looked up for their labels and pages.
"""

from __future__ import annotations

import json
import tempfile
from collections import OrderedDict
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.catalogue import CatalogueQuery, load_catalogue
from umkm_kg.errors import UmkmKgError
from umkm_kg.server.web.answers import PageError, iris_of, labels, select, shown
from umkm_kg.server.web.forms import form_fields
from umkm_kg.server.web.language import language
from umkm_kg.server.web.links import hrefs
from umkm_kg.server.web.rendering import not_found, render
from umkm_kg.spreadsheet_cells import delimited_row, write_xlsx
from umkm_kg.store.results import Rows, json_value, sort_key, text_value

PAGE_SIZE = 50
KEPT_ANSWERS = 8  # the last answers asked, for their next pages and sorts
KEPT_ROWS = 100_000  # a larger answer is asked again for each page
_ANSWERS: OrderedDict[tuple, Rows] = OrderedDict()
_DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@cache
def catalogue() -> dict[str, CatalogueQuery]:
    """The bundled catalogue, read once."""
    return load_catalogue()


async def index(request: Request) -> Response:
    """Every question with its title and description."""
    return render(request, "catalogue.html", {"queries": list(catalogue().values())})


def _given(request: Request, query: CatalogueQuery) -> dict[str, str]:
    params = request.query_params
    return {p.name: params[p.name].strip() for p in query.parameters if params.get(p.name, "")}


async def _whole_answer(request: Request, query: CatalogueQuery, given: dict[str, str]) -> Rows:
    """The answer in the question's order, kept for the next pages, sorts and downloads of the
    same question with the same parameters on the same store generation."""
    bindings = query.bindings(given)
    key = (str(request.app.state.view()), query.name, tuple(sorted(bindings.items())))
    if key in _ANSWERS:
        _ANSWERS.move_to_end(key)
        return _ANSWERS[key]
    rows = (await select(request, query.text, bindings)).ordered(query.order)
    if len(rows) <= KEPT_ROWS:
        _ANSWERS[key] = rows
        while len(_ANSWERS) > KEPT_ANSWERS:
            _ANSWERS.popitem(last=False)
    return rows


async def _answer(request: Request, query: CatalogueQuery, given: dict[str, str]) -> Rows:
    rows = await _whole_answer(request, query, given)
    column = request.query_params.get("sort")
    if column in rows.variables:
        descending = request.query_params.get("desc") == "1"
        ordered = sorted(rows, key=lambda row: sort_key(row[column]), reverse=descending)
        rows = Rows(rows.variables, ordered)
    return rows


def _link(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        params.pop(key, None)
    return "?" + urlencode(params)


async def question(request: Request) -> Response:
    """One question: its form and, once asked (``run=1``), one page of its answer."""
    query = catalogue().get(request.path_params["name"])
    if query is None:
        return not_found(request)
    lang = language(request)
    given = _given(request, query)
    context: dict[str, Any] = {"query": query, "error": None, "table": None}
    try:
        context["fields"] = await form_fields(request, query, given, lang)
        if request.query_params.get("run"):
            rows = await _answer(request, query, given)
            context["table"] = await _page_table(request, rows, lang)
    except (UmkmKgError, PageError) as error:
        context["error"] = str(error)
        context.setdefault("fields", [])
    return render(request, "question.html", context, status=400 if context["error"] else 200)


async def _page_table(request: Request, rows: Rows, lang: str) -> dict[str, Any]:
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    try:
        page = min(max(1, int(request.query_params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    shown_rows = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    names = await labels(request, iris_of(shown_rows), lang)
    links = await hrefs(request, iris_of(shown_rows), lang)
    sort, desc = request.query_params.get("sort"), request.query_params.get("desc") == "1"
    headers = [
        {
            "name": v,
            "link": _link(request, sort=v, desc=None if sort != v or desc else "1", page=None),
            "mark": ("▼" if desc else "▲") if sort == v else "",
        }
        for v in rows.variables
    ]
    body = [[cell(v, row[v], names, links, lang) for v in rows.variables] for row in shown_rows]
    base = f"{request.url.path}/download"
    downloads = {f: base + _link(request, format=f, page=None) for f in _DOWNLOADS}
    return {
        "headers": headers,
        "rows": body,
        "count": len(rows),
        "page": page,
        "pages": pages,
        "previous": _link(request, page=page - 1) if page > 1 else None,
        "next": _link(request, page=page + 1) if page < pages else None,
        "downloads": downloads,
    }


def cell(
    variable: str, value: Any, names: dict[str, str], links: dict[str, str], lang: str
) -> dict[str, Any]:
    """A table cell: the value as shown, the full IRI on hover, a link to the IRI's page."""
    text = shown(value, names, lang, variable)
    result: dict[str, Any] = {"text": text, "title": "", "href": None}
    if isinstance(value, URIRef):
        result["title"] = str(value)
        result["href"] = links.get(str(value))
    elif not isinstance(value, bool) and isinstance(value, int | float | Decimal):
        result["number"] = True
    return result


async def download(request: Request) -> Response:
    """The whole answer as CSV, XLSX or JSON: values as the store has them (full IRIs), and a
    ``*_label`` column after each column holding IRIs."""
    query = catalogue().get(request.path_params["name"])
    fmt = request.query_params.get("format", "csv")
    if query is None or fmt not in _DOWNLOADS:
        return not_found(request)
    lang = language(request)
    try:
        rows = await _answer(request, query, _given(request, query))
        names = await labels(request, iris_of(rows), lang)
    except (UmkmKgError, PageError) as error:
        return Response(str(error) + "\n", 400, media_type="text/plain; charset=utf-8")
    headers, records = _labelled(rows, names)
    filename = f"{query.name}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(_encode(fmt, headers, records), media_type=_DOWNLOADS[fmt], headers=disposition)


def _labelled(rows: Rows, names: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    with_iris = {v for v in rows.variables if any(isinstance(r[v], URIRef) for r in rows)}
    headers: list[str] = []
    for v in rows.variables:
        headers += [v, f"{v}_label"] if v in with_iris else [v]
    records = []
    for row in rows:
        record: list[Any] = []
        for v in rows.variables:
            record.append(row[v])
            if v in with_iris:
                record.append(names.get(str(row[v])) if row[v] is not None else None)
        records.append(record)
    return headers, records


def _encode(fmt: str, headers: list[str], records: list[list[Any]]) -> bytes:
    if fmt == "csv":
        lines = [delimited_row(headers)]
        lines += [delimited_row("" if v is None else text_value(v) for v in r) for r in records]
        return "".join(lines).encode("utf-8")
    if fmt == "json":
        objects = [{h: json_value(v) for h, v in zip(headers, r, strict=True)} for r in records]
        return json.dumps(objects, ensure_ascii=False, indent=1).encode("utf-8")
    cells = [[text_value(v) if isinstance(v, URIRef) else v for v in r] for r in records]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answer.xlsx"
        write_xlsx(path, {"answer": (headers, cells)})
        return path.read_bytes()
