"""Put together what the shapes read: the data, size assessments, the ontology, the shapes and
the KBLI 2025 <-> 2020 correspondence (``reference/kbli_2025_2020.csv``).

The criteria shapes read their thresholds from the shapes themselves (``$currentShape``), so
the shapes graph goes beside the data. Size assessments are added when the data have none:
with the classifier's ``assessment_graph`` for an rdflib Graph (the reference path), and for a
store with the classifier's ``classify_figures`` under the rule set in force at each sentra's
date (the only assessment the shapes read), linked to the shared outcome nodes. ``as_of``
replaces every sentra's ``umkm:asOf``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal

from umkm_kg.classify import (
    Figures,
    assessment_graph,
    link_lines,
    outcome_graph,
    rule_set_in_force,
    size_links,
)
from umkm_kg.classify.figures import FIGURE_PREDICATES
from umkm_kg.classify.rules import RuleSet
from umkm_kg.namespaces import ORG, UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.reference.correspondence import correspondence_graph
from umkm_kg.store.assessments import FigureCollector
from umkm_kg.validation.shapes import shapes_graph
from umkm_kg.validation.sources import graph_to_store, to_oxigraph

_QUERIES = Path(__file__).parent / "queries"


def query_text(name: str) -> str:
    """The text of one of this package's ``queries/*.rq`` files."""
    return (_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def reference_graph(data: Graph, as_of: datetime.date | None = None) -> Graph:
    """A new graph: ``data`` (dated ``as_of`` if given) + assessments + ontology + shapes."""
    graph = Graph()
    graph += data
    if as_of is not None:
        for sentra in set(graph.subjects(RDF.type, UMKM.Sentra)):
            graph.set((sentra, UMKM.asOf, Literal(as_of.isoformat(), datatype=XSD.date)))
    if (None, UMKM.sizeAssessment, None) not in graph:
        graph += assessment_graph(graph, strict=False)  # the profile shapes report figures
    graph += ontology_graph()
    graph += shapes_graph()
    graph += correspondence_graph()
    return graph


def prepare_store(store: ox.Store, as_of: datetime.date | None = None) -> ox.Store:
    """Add assessments (when absent), the ontology and the shapes to ``store``, in place."""
    if as_of is not None:
        _redate(store, as_of)
    has_assessments = next(
        iter(store.quads_for_pattern(None, to_oxigraph(UMKM.sizeAssessment), None)), None
    )
    if has_assessments is None:
        add_links(store, _assessment_ntriples(store))
    store.extend(_static_quads())
    return store


def add_links(store: ox.Store, chunks: Iterable[str]) -> None:
    """Add N-Triples chunks of assessment links to the store's default graph."""
    for chunk in chunks:
        store.bulk_load(chunk.encode(), format=ox.RdfFormat.N_TRIPLES, lenient=True)


def fast_store(data: Graph, as_of: datetime.date | None = None) -> ox.Store:
    """A new in-memory store holding ``data``, prepared for the fast engine."""
    return prepare_store(graph_to_store(data), as_of)


@lru_cache(maxsize=1)
def _static_quads() -> tuple[ox.Quad, ...]:
    graph = ontology_graph() + shapes_graph() + outcome_graph() + correspondence_graph()
    return tuple(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in graph
    )


def _redate(store: ox.Store, as_of: datetime.date) -> None:
    as_of_property = to_oxigraph(UMKM.asOf)
    sentra = [
        quad.subject
        for quad in store.quads_for_pattern(None, to_oxigraph(RDF.type), to_oxigraph(UMKM.Sentra))
    ]
    day = ox.Literal(as_of.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    for node in sentra:
        for quad in list(store.quads_for_pattern(node, as_of_property, None)):
            store.remove(quad)
        store.add(ox.Quad(node, as_of_property, day, ox.DefaultGraph()))


def _assessment_ntriples(store: ox.Store) -> Iterator[str]:
    """The links of the store's members (:func:`collected_links`), their figures, members and
    dates read from the store's triples by the one figure reader; a refused figure is left
    out (the profile shapes report it)."""
    collector = FigureCollector(dated=True)
    enterprise = to_oxigraph(UMKM.Enterprise)
    for predicate in (*FIGURE_PREDICATES, str(UMKM.asOf), str(ORG.hasMember)):
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
            collector.add(quad)
    for quad in store.quads_for_pattern(None, to_oxigraph(RDF.type), enterprise):
        collector.add(quad)
    yield from collected_links([collector])


def collected_links(
    collectors: Iterable[FigureCollector], as_of: datetime.date | None = None
) -> Iterator[str]:
    """The links of the members the collectors saw while the sources were read (each
    sentra dated ``as_of`` when given, else by its own ``umkm:asOf``), under the rule set in
    force at that date (the only assessment the shapes read), written by the classifier's
    one writer (``size_links``); the outcomes are in :func:`_static_quads`. A date that is
    not an ``xsd:date`` is left to the profile shapes."""
    figures: dict[str, dict] = {}
    dates: dict[str, set[str]] = {}
    memberships: list[tuple[str, str]] = []
    for collector in collectors:
        figures.update(collector.figures)
        for sentra, days in collector.dates.items():
            dates.setdefault(sentra, set()).update(days)
        memberships += collector.memberships
    if as_of is not None:
        dates = {sentra: {as_of.isoformat()} for sentra in dates}
    in_force: dict[str, RuleSet | None] = {}
    rule_sets_of: dict[str, dict[str, RuleSet]] = {}  # enterprise -> rule sets by key
    for sentra, member in memberships:
        for day in dates.get(sentra, ()):
            if day not in in_force:
                in_force[day] = _in_force(day)
            if in_force[day] is not None:
                rule_sets_of.setdefault(member, {})[in_force[day].key] = in_force[day]
    yield from link_lines(
        size_links(
            (member, Figures(**figures.get(member, {})), tuple(rules.values()))
            for member, rules in rule_sets_of.items()
        )
    )


def _in_force(day: str) -> RuleSet | None:
    try:
        return rule_set_in_force(datetime.date.fromisoformat(day))
    except ValueError:
        return None
