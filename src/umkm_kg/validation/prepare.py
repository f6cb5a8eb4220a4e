"""Put together what the shapes read: the data, size assessments, the ontology and the shapes.

The criteria shapes read their thresholds from the shapes themselves (``$currentShape``), so
the shapes graph goes beside the data. Size assessments are added when the data have none:
with the classifier's ``assessment_graph`` for an rdflib Graph (the reference path), and for a
store with the classifier's ``classify_figures`` under the rule set in force at each sentra's
date (the only assessment the shapes read). ``as_of`` replaces every sentra's ``umkm:asOf``.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

from umkm_kg.classify import (
    FIGURE_FIELDS,
    Figures,
    assessment_graph,
    classify_figures,
    rule_set_in_force,
)
from umkm_kg.classify.graph import assessment_properties
from umkm_kg.iris import slug
from umkm_kg.namespaces import SIZE, UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.validation.shapes import shapes_graph
from umkm_kg.validation.sources import graph_to_store, to_oxigraph

_QUERIES = Path(__file__).parent / "queries"
_FULL_IRI = re.compile(r"<([^<>\s]+)>")
_PREFIXED = re.compile(r"\b([A-Za-z][\w-]*):([A-Za-z_][\w-]*)")
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
    return graph


def prepare_store(store: ox.Store, as_of: datetime.date | None = None) -> ox.Store:
    """Add assessments (when absent), the ontology and the shapes to ``store``, in place."""
    if as_of is not None:
        _redate(store, as_of)
    has_assessments = next(
        iter(store.quads_for_pattern(None, to_oxigraph(UMKM.sizeAssessment), None)), None
    )
    if has_assessments is None:
        for chunk in _assessment_ntriples(store):
            store.load(chunk.encode(), format=ox.RdfFormat.N_TRIPLES)
    store.extend(_static_quads())
    return store


def fast_store(data: Graph, as_of: datetime.date | None = None) -> ox.Store:
    """A new in-memory store holding ``data``, prepared for the fast engine."""
    return prepare_store(graph_to_store(data), as_of)


@lru_cache(maxsize=1)
def _static_quads() -> tuple[ox.Quad, ...]:
    graph = ontology_graph() + shapes_graph()
    return tuple(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in graph
    )


class _SizeIris(dict):
    """``<size IRI>`` of a size key, each made once (a namespace lookup per triple is slow)."""

    def __missing__(self, key: str) -> str:
        self[key] = f"<{SIZE[key]}>"
        return self[key]


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


def _assessment_ntriples(store: ox.Store, chunk: int = 20_000) -> Iterator[str]:
    """N-Triples of the size assessment under the rule set in force at each sentra's date
    (nodes and properties as ``umkm_kg.classify.assessment_graph`` writes them), in chunks of
    ``chunk`` enterprises so that a national dataset never sits in memory as one string."""
    read = shapes_vocabulary()
    by_property = {
        FIGURE_FIELDS[f]: f"<{p}>" for f, p in assessment_properties().items() if p in read
    }
    has, rule_prop = f"<{UMKM.sizeAssessment}>", f"<{UMKM.ruleSet}>"
    # Only what some shape reads goes in (the type and the conflict flag are read by none).
    kind = f"<{RDF.type}> <{UMKM.SizeAssessment}>" if UMKM.SizeAssessment in read else None
    class_prop = f"<{UMKM.sizeClass}>" if UMKM.sizeClass in read else None
    conflict_prop = f"<{UMKM.criteriaConflict}>" if UMKM.criteriaConflict in read else None
    sizes = _SizeIris()
    boolean = {flag: f'"{str(flag).lower()}"^^<{XSD.boolean}>' for flag in (True, False)}
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    rule_sets: dict[str, object] = {}
    for row in csv_rows(store, query_text("member-figures")):
        day = row["asOf"]
        if day not in rule_sets:
            rule_sets[day] = rule_set_in_force(datetime.date.fromisoformat(day))
        rules = rule_sets[day]
        enterprise = row["enterprise"]
        if rules is None or (enterprise, rules.key) in seen:
            continue
        seen.add((enterprise, rules.key))
        if len(seen) % chunk == 0:
            yield "\n".join(lines) + "\n"
            lines = []
        result = classify_figures(_figures(row), rules)
        node = f"<{enterprise}/size/{slug(rules.key)}>"  # child_iri(enterprise, "size", key)
        lines.append(f"<{enterprise}> {has} {node} .")
        lines.append(f"{node} {rule_prop} <{rules.iri}> .")
        if kind:
            lines.append(f"{node} {kind} .")
        if conflict_prop:
            lines.append(f"{node} {conflict_prop} {boolean[result.conflict]} .")
        for field, prop in by_property.items():
            size = getattr(result, "by_" + field, None)
            if size is not None:
                lines.append(f"{node} {prop} {sizes[size]} .")
        if class_prop and result.size_class is not None:
            lines.append(f"{node} {class_prop} {sizes[result.size_class]} .")
    yield "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def shapes_vocabulary() -> frozenset[URIRef]:
    """Every IRI the shapes name: terms of the shapes graph and IRIs in their SPARQL
    (full ``<...>`` or prefixed with a ``sh:declare``d prefix); what a shape can read."""
    graph = shapes_graph()
    names = {
        str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
        for d in graph.objects(None, SH.declare)
    }
    found = {term for triple in graph for term in triple if isinstance(term, URIRef)}
    for text in graph.objects(None, SH.select):
        found.update(URIRef(iri) for iri in _FULL_IRI.findall(str(text)))
        for prefix, local in _PREFIXED.findall(str(text)):
            if prefix in names:
                found.add(URIRef(names[prefix] + local))
    return frozenset(found)


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
