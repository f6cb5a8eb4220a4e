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

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal

from umkm_kg.classify import (
    Figures,
    assessment_graph,
    classify_figures,
    outcome_graph,
    outcome_iri,
    rule_set_in_force,
)
from umkm_kg.classify.rules import RuleSet
from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.reference.correspondence import correspondence_graph
from umkm_kg.store.assessments import FigureCollector
from umkm_kg.validation.shapes import shapes_graph
from umkm_kg.validation.sources import graph_to_store, to_oxigraph

_QUERIES = Path(__file__).parent / "queries"
_FIGURES = {"netAssets": "net_assets", "capital": "capital", "annualSales": "annual_sales"}


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
        graph += assessment_graph(graph)
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
    """The links of the store's members (:func:`assessment_links`), figures and dates read
    with one query."""
    rows = csv_rows(store, query_text("member-figures"))
    yield from assessment_links((r["enterprise"], r["asOf"], _figures(r)) for r in rows)


def collected_links(
    collectors: Iterable[FigureCollector], as_of: datetime.date | None = None
) -> Iterator[str]:
    """The links of the members the collectors saw while the sources were read (each
    sentra dated ``as_of`` when given, else by its own ``umkm:asOf``)."""
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
    yield from assessment_links(
        (member, day, Figures(**figures.get(member, {})))
        for sentra, member in memberships
        for day in dates.get(sentra, ())
    )


def assessment_links(
    members: Iterable[tuple[str, str, Figures]], chunk: int = 50_000
) -> Iterator[str]:
    """N-Triples linking each (enterprise, its sentra's date, figures) to its size outcome
    under the rule set in force on that date (as ``umkm_kg.classify.assessment_graph`` links
    them; the outcomes are in :func:`_static_quads`), in chunks of ``chunk`` enterprises so
    that a national dataset never sits in memory as one string. A date that is not an
    ``xsd:date`` is left to the profile shapes."""
    has = f"> <{UMKM.sizeAssessment}> "
    outcomes: dict[object, str] = {}
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    rule_sets: dict[str, object] = {}
    for enterprise, day, figures in members:
        if day not in rule_sets:
            rule_sets[day] = _in_force(day)
        rules = rule_sets[day]
        if rules is None or (enterprise, rules.key) in seen:
            continue
        seen.add((enterprise, rules.key))
        if len(seen) % chunk == 0:
            yield "".join(lines)
            lines = []
        result = classify_figures(figures, rules)
        node = outcomes.get(result)
        if node is None:
            node = outcomes[result] = f"<{outcome_iri(result)}> .\n"
        lines.append(f"<{enterprise}{has}{node}")
    yield "".join(lines)


def _in_force(day: str) -> RuleSet | None:
    try:
        return rule_set_in_force(datetime.date.fromisoformat(day))
    except ValueError:
        return None


def csv_rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """A query's rows as plain strings (SPARQL CSV results): quick for large results."""
    data = store.query(query).serialize(format=ox.QueryResultsFormat.CSV)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _figures(row: dict[str, str]) -> Figures:
    """The figures of one row; an unreadable one is left out (the profile shapes report it)."""
    numbers: dict[str, Decimal | int] = {}
    for variable, field in _FIGURES.items():
        if row[variable]:
            try:
                numbers[field] = Decimal(row[variable])
            except InvalidOperation:
                continue
    if row["workers"].isdigit():
        numbers["workers"] = int(row["workers"])
    return Figures(**numbers)
