"""The SHACL shapes of ``shapes/`` and the cluster criteria they define.

The criteria (keys, names, sources, thresholds) are read from the shapes: a criterion is a
shape with ``umkmsh:criterionKey``; its verdict shapes point to it with ``umkmsh:criterion``
and say which verdict they report with ``umkmsh:verdict`` (see ``shapes/criteria.ttl``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SH

from umkm_kg.namespaces import SH_UMKM, bind_prefixes
from umkm_kg.resources import resource_dir

SEVERITY_KEYS = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Group:
    """A group of criteria (``umkmsh:CriterionGroup``): prerequisites, additional conditions,
    Sentra IKM; only a group that ``decides_status`` decides a sentra's status."""

    key: str
    iri: URIRef
    name: dict[str, str] = field(compare=False, hash=False)
    decides_status: bool = False
    order: float = 0.0

    def label(self, lang: str) -> str:
        """The group's name in ``lang`` (Indonesian when missing)."""
        return self.name.get(lang) or self.name.get("id") or self.key


@dataclass(frozen=True)
class Criterion:
    """A cluster prerequisite as its shape states it."""

    key: str
    shape: URIRef
    name: dict[str, str]
    description: dict[str, str]
    source: str
    required: int | Decimal | None
    group: Group

    def label(self, lang: str) -> str:
        """The criterion's name in ``lang`` (Indonesian when missing)."""
        return self.name.get(lang) or self.name.get("id") or self.key


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("umkmsh", SH_UMKM)
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def shapes_graph() -> Graph:
    """A fresh copy of every ``shapes/*.ttl`` file merged (callers may add to it)."""
    copy = Graph()
    for prefix, namespace in _shapes().namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in _shapes():
        copy.add(triple)
    return copy


def _texts(graph: Graph, node: URIRef, prop: URIRef) -> dict[str, str]:
    return {
        str(o.language or "id"): str(o) for o in graph.objects(node, prop) if isinstance(o, Literal)
    }


@lru_cache(maxsize=1)
def groups() -> tuple[Group, ...]:
    """The criterion groups, in their ``sh:order``."""
    graph = _shapes()
    found = [
        Group(
            key=str(key),
            iri=iri,
            name=_texts(graph, iri, RDFS.label),
            decides_status=bool(graph.value(iri, SH_UMKM.decidesStatus).toPython()),
            order=float(graph.value(iri, SH.order) or 0),
        )
        for iri, key in graph.subject_objects(SH_UMKM.groupKey)
    ]
    return tuple(sorted(found, key=lambda g: (g.order, g.key)))


@lru_cache(maxsize=1)
def criteria() -> tuple[Criterion, ...]:
    """The criteria, grouped (prerequisites, additional conditions, Sentra IKM), each group in
    its shapes' ``sh:order``."""
    graph = _shapes()
    by_iri = {g.iri: g for g in groups()}
    found = []
    for shape, key in graph.subject_objects(SH_UMKM.criterionKey):
        minimum = graph.value(shape, SH_UMKM.minimum)
        kinds = list(graph.objects(shape, SH_UMKM.requiredKind))
        required = minimum.toPython() if isinstance(minimum, Literal) else len(kinds) or None
        found.append(
            Criterion(
                key=str(key),
                shape=shape,
                name=_texts(graph, shape, SH.name),
                description=_texts(graph, shape, SH.description),
                source=str(graph.value(shape, DCTERMS.source) or ""),
                required=required,
                group=by_iri[graph.value(shape, SH_UMKM.group)],
            )
        )
    order = {shape: graph.value(shape, SH.order) for shape in (c.shape for c in found)}
    return tuple(sorted(found, key=lambda c: (c.group.order, float(order[c.shape] or 0), c.key)))


@lru_cache(maxsize=1)
def verdict_shapes() -> dict[URIRef, tuple[str, str]]:
    """Verdict shape -> (criterion key, verdict ``met``/``not_met``/``unknown``)."""
    graph = _shapes()
    keys = {c.shape: c.key for c in criteria()}
    return {
        shape: (keys[criterion], str(graph.value(shape, SH_UMKM.verdict)))
        for shape, criterion in graph.subject_objects(SH_UMKM.criterion)
        if criterion in keys
    }
