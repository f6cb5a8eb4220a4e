"""One page per sentra: where it is, what it makes, its members and partners, every
cooperation, infrastructure, market reach and its verdict."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup
from rdflib import Literal, URIRef
from starlette.requests import Request
from starlette.responses import Response

from umkm_kg.catalogue import expand_iri, resolve_default
from umkm_kg.errors import UmkmKgError
from umkm_kg.server.web.answers import PageError, iris_of, labels, select, shown
from umkm_kg.server.web.language import language, texts
from umkm_kg.server.web.links import hrefs
from umkm_kg.server.web.network_picture import Actor, network_svg
from umkm_kg.server.web.rendering import not_found, render
from umkm_kg.server.web.verdicts import verdicts
from umkm_kg.store.results import Rows, compact

_QUERIES = Path(__file__).parent / "queries"
SECTIONS = ("overview", "regions", "members", "partners", "cooperation", "infrastructure", "market")
_COOPERATION_FIELDS = ("trigger", "input", "process", "output", "impact")


@cache
def _query(section: str) -> str:
    return (_QUERIES / f"sentra-{section}.rq").read_text(encoding="utf-8")


def _sentra(request: Request) -> URIRef | None:
    try:
        return expand_iri(request.query_params.get("iri", ""))
    except ValueError:
        return None


async def profile(request: Request) -> Response:
    """``/sentra?iri=...``: the sentra's page (404 when the store has no such sentra)."""
    sentra = _sentra(request)
    if sentra is None:
        return not_found(request)
    lang = language(request)
    try:
        found = await _sections(request, sentra)
    except (UmkmKgError, PageError) as error:
        return render(request, "sentra.html", {"error": str(error)}, status=400)
    if not found["overview"]:
        return not_found(request)
    iris = set().union(*(iris_of(rows) for rows in found.values()))
    try:
        names = await labels(request, iris, lang)
        links = await hrefs(request, iris - {str(sentra)}, lang)
    except PageError as error:
        return render(request, "sentra.html", {"error": str(error)}, status=400)

    def text(value: Any, variable: str = "") -> str:
        return shown(value, names, lang, variable)

    def href(value: Any) -> str | None:
        return links.get(str(value)) if isinstance(value, URIRef) else None

    name = text(found["overview"][0]["name"]) or compact(sentra)
    members = _members(found["members"], text, href)
    cooperation = _cooperation(found["cooperation"], text, href)
    context = {
        "error": None,
        "iri": str(sentra),
        "name": name,
        "overview": _overview(found["overview"], text),
        "regions": _regions(found["regions"], text),
        "members": members,
        "partners": [
            {"name": text(r["partner"]), "role": text(r["role"]), "href": href(r["partner"])}
            for r in found["partners"]
        ],
        "cooperation": cooperation,
        "network": _network(name, len(members), cooperation, lang),
        "infrastructure": [
            {
                "kind": text(r["kind"]),
                "provider": text(r["provider"]) or text(r["providerName"]),
                "href": href(r["provider"]),
                "adequate": text(r["adequate"]),
            }
            for r in found["infrastructure"]
        ],
        "market": sorted({text(r["region"]) for r in found["market"]}),
        "verdict": await _verdict(request, sentra, lang),
    }
    return render(request, "sentra.html", context)


def _network(name: str, members: int, cooperation: list[dict[str, Any]], lang: str) -> Markup:
    """The cooperation-network picture (an inline SVG made by :mod:`.network_picture`)."""
    actors: dict[str, Actor] = {}
    internal = 0
    for c in cooperation:
        if not c["actor"]:
            internal += 1
            continue
        actor = actors.setdefault(c["actor"], Actor(c["actor"], c.get("actor_href")))
        actor.count += 1
        actor.kinds.update(k for k in c.get("kind", "").split(", ") if k)
    words = texts(lang)
    picture = network_svg(
        name,
        members,
        list(actors.values()),
        internal,
        {"members": words["network_members"], "internal": words["network_internal"]},
    )
    return Markup(picture)  # every text in it is escaped by network_svg


async def _sections(request: Request, sentra: URIRef) -> dict[str, Rows]:
    found = {}
    for section in SECTIONS:
        bindings: dict[str, Any] = {"sentra": sentra}
        if section == "members":
            bindings["rule_set"] = Literal(resolve_default("@in_force"))
        found[section] = await select(request, _query(section), bindings)
    return found


def _overview(rows: Rows, text: Any) -> dict[str, str]:
    def joined(variable: str) -> str:
        return ", ".join(sorted({text(r[variable]) for r in rows if r[variable] is not None}))

    activities = sorted(
        {
            f"{text(r['activity'])} ({r['code']})" if r["code"] else text(r["activity"])
            for r in rows
            if r["activity"] is not None
        }
    )
    return {
        "identifier": joined("identifier"),
        "activity": ", ".join(activities),
        "product": joined("product"),
    }


def _regions(rows: Rows, text: Any) -> list[str]:
    ordered = sorted(rows, key=lambda r: len(str(r["code"] or "")))
    return [
        f"{text(r['region'])} ({r['code']})" if r["code"] else text(r["region"]) for r in ordered
    ]


def _members(rows: Rows, text: Any, href: Any) -> list[dict[str, Any]]:
    by_member: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = by_member.setdefault(
            str(r["member"]),
            {
                "name": text(r["member"]),
                "href": href(r["member"]),
                "role": "",
                "size": "",
                "workers": text(r["workers"]),
            },
        )
        entry["role"] = entry["role"] or text(r["role"])
        entry["size"] = entry["size"] or text(r["sizeClass"])
    return sorted(by_member.values(), key=lambda m: m["name"].casefold())


def _cooperation(rows: Rows, text: Any, href: Any) -> list[dict[str, Any]]:
    by_iri: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = by_iri.setdefault(str(r["cooperation"]), {"sets": {}, "href": None})
        entry["href"] = entry["href"] or href(r["partner"])
        for variable in (
            "kind",
            "partner",
            "partnerName",
            "participant",
            *_COOPERATION_FIELDS,
            "year",
            "amount",
        ):
            if r[variable] is not None:
                entry["sets"].setdefault(variable, set()).add(text(r[variable], variable))
    result = []
    for entry in by_iri.values():
        values = {k: ", ".join(sorted(v)) for k, v in entry["sets"].items()}
        values["actor"] = values.get("partner") or values.get("partnerName", "")
        values["actor_href"] = entry["href"]
        result.append(values)
    return sorted(result, key=lambda c: (c.get("year", ""), c.get("kind", "")))


async def _verdict(request: Request, sentra: URIRef, lang: str) -> dict[str, Any]:
    state = request.app.state
    try:
        result = await verdicts(state.location, state.view())
    except Exception as error:  # any failure of the validation is shown, not raised
        return {"error": str(error)}
    if result is None:
        return {"pending": True}
    for verdict in result.sentra:
        if verdict.iri == sentra:
            groups: dict[str, dict[str, Any]] = {}
            for c in verdict.criteria:
                group = groups.setdefault(
                    c.criterion.group.key, {"name": c.criterion.group.label(lang), "criteria": []}
                )
                group["criteria"].append(
                    {
                        "name": c.criterion.label(lang),
                        "status": c.status,
                        "message": c.message.get(lang) or c.message.get("id", ""),
                    }
                )
            return {
                "status": verdict.status,
                "groups": list(groups.values()),
                "klaster": verdict.paper_klaster.message.get(lang, ""),
            }
    return {"missing": True}
