"""A catalogue question's parameter form: a list of choices drawn from the data where there is
one (``queries/choice-NAME.rq`` for the parameter ``NAME``), else a text field."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef
from starlette.requests import Request

from umkm_kg.catalogue import CatalogueQuery, Parameter, resolve_default
from umkm_kg.errors import UmkmKgError
from umkm_kg.server.web.answers import labels, select
from umkm_kg.store.results import compact

MAX_CHOICES = 500  # more than this is no list to choose from: a text field instead
FIXED = {"status": ("met", "unknown", "not_met")}
_QUERIES = Path(__file__).parent / "queries"
_CACHE: dict[tuple[str, str, str], list[tuple[str, str]] | None] = {}
_CACHE_MOST = 200  # choice lists kept (per store generation, question and language)


@dataclass
class Field:
    """One parameter of the form: its name, what it means, the value given, its choices."""

    name: str
    description: str
    value: str
    default: str = ""
    choices: list[tuple[str, str]] | None = field(default=None)


@cache
def _choice_query(name: str) -> str | None:
    path = _QUERIES / f"choice-{name}.rq"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _default(parameter: Parameter) -> str:
    try:
        return resolve_default(parameter.default) or ""
    except UmkmKgError:
        return ""


async def choices(request: Request, name: str, lang: str) -> list[tuple[str, str]] | None:
    """(value, text) pairs for parameter ``name`` from the data, or ``None`` for a text field.

    Cached per store generation (the key holds the generation's folder) and language."""
    if name in FIXED:
        return [(value, value) for value in FIXED[name]]
    sparql = _choice_query(name)
    if sparql is None:
        return None
    key = (str(request.app.state.view()), name, lang)
    if key not in _CACHE:
        if len(_CACHE) > _CACHE_MOST:
            _CACHE.clear()
        _CACHE[key] = await _read_choices(request, sparql, lang)
    return _CACHE[key]


async def _read_choices(request: Request, sparql: str, lang: str) -> list[tuple[str, str]] | None:
    rows = await select(request, sparql)
    if len(rows) > MAX_CHOICES:
        return None
    named = {str(row[v]) for row in rows for v in ("value", "of") if isinstance(row.get(v), URIRef)}
    names = await labels(request, named, lang)
    found: dict[str, str] = {}
    for row in rows:
        value = compact(row["value"])
        named_by = row.get("of") if row.get("of") is not None else row["value"]
        label = names.get(str(named_by)) if isinstance(named_by, URIRef) else None
        found.setdefault(value, f"{label} ({value})" if label else value)
    return sorted(found.items(), key=lambda pair: pair[1].casefold())


async def form_fields(
    request: Request, query: CatalogueQuery, given: dict[str, str], lang: str
) -> list[Field]:
    """The form's fields, each with the value given and its choices where the data have them."""
    return [
        Field(
            name=p.name,
            description=p.describe(lang),
            value=given.get(p.name, ""),
            default=_default(p),
            choices=await choices(request, p.name, lang),
        )
        for p in query.parameters
    ]
