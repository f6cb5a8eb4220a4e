"""SPARQL of the fast engine: the shapes' terms written into query templates, the targets'
patterns, the two join orders of a value check, and running a query on a store."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from umkm_kg.store.remote import RemoteStore
from umkm_kg.store.terms import from_sparql_json as from_json
from umkm_kg.validation.sources import to_oxigraph as _ox

PREFIXES = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
Store = ox.Store | RemoteStore  # validated in place, or on the server
SUBCLASSES = "#subclasses#"  # replaced by the class and its subclasses when a run starts
Variants = dict[bool, str]  # values first? -> query

# Query templates of the SHACL Core targets. The shapes' own terms (paths, classes, datatypes,
# patterns: never user input) are written in as N3 terms by ``render``: Oxigraph applies a
# substitution after evaluating the pattern, which made every check scan all triples.
CLASS_PATH = "?class rdfs:subClassOf* %(target)s ."  # a class target's classes (run.Subclasses)
TARGETS = {
    SH.targetClass: f"{CLASS_PATH} ?this rdf:type ?class .",
    SH.targetObjectsOf: "?subject %(target)s ?this .",
    SH.targetSubjectsOf: "?this %(target)s ?object .",
    SH.targetNode: "VALUES ?this { %(target)s }",
}


def render(template: str, **terms: Node) -> str:
    """The query with the shapes' terms written in as N3 (IRIs and literals, escaped)."""
    return template % {name: term.n3() for name, term in terms.items()}


def orders(variables: list[str], pattern: str, kind: URIRef, target: Node) -> Variants:
    """SELECT ``variables`` of the rows of ``pattern`` (which binds ?this) whose ?this is a
    focus node of the target, in two orders (Oxigraph joins in the order written): the
    pattern first, joined to the target last on its few violating rows, or the target first;
    keyed by whether the values come first."""
    projection = " ".join(f"?{v}" for v in variables)
    focus = render(TARGETS[kind], target=target)
    return {
        True: f"{PREFIXES}SELECT {projection} WHERE {{ "
        f"{{ SELECT {projection} WHERE {{ {pattern} }} }} {focus} }}",
        False: f"{PREFIXES}SELECT {projection} WHERE {{ {focus} {pattern} }}",
    }


def flags_queries(
    path: Node,
    names: list[str],
    conditions: list[str],
    target: tuple[URIRef, Node],
) -> Variants:
    """The values of ``path`` with a variable per condition, the rows where any is 1. The
    flags are numbers, not booleans: Virtuoso 7.2 returned a boolean bound in the pattern
    with another row's value once the pattern was joined (a row passed the filter on it,
    yet came back with every flag false)."""
    binds = " ".join(
        f"BIND (IF(COALESCE({c}, false), 1, 0) AS ?{v})"
        for v, c in zip(names, conditions, strict=True)
    )
    pattern = render("?this %(path)s ?value . ", path=path)
    pattern += f"{binds} FILTER ({' || '.join(f'?{v} = 1' for v in names)})"
    return orders(["this", "value", *names], pattern, *target)


def select(store: Store, query: str, substitutions: dict[str, Node]) -> list[dict[str, Node]]:
    """Rows as rdflib terms. The whole result is serialised in one call, so that the query
    runs inside Oxigraph without holding Python's lock (two queries at a time use both cores).
    A remote endpoint runs it on the server (substitutions as a VALUES block).
    """
    if not isinstance(store, ox.Store):
        return store.select_terms(query, substitutions)
    bound = {ox.Variable(k): _ox(v) for k, v in substitutions.items()}
    data = store.query(query, substitutions=bound).serialize(format=ox.QueryResultsFormat.JSON)
    return [
        {name: from_json(term) for name, term in binding.items()}
        for binding in json.loads(data)["results"]["bindings"]
    ]
