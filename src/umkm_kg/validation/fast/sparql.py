"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``) as checks of the fast engine.

With the convention of ``shapes/`` (every query binds ``$this`` itself) a constraint runs once
for all focus nodes; with SHACL's pre-binding, once per focus node with ``$this`` bound, and a
query this engine cannot pre-bind as SHACL defines is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from umkm_kg.validation.fast.checks import Check, UnsupportedShape
from umkm_kg.validation.fast.queries import PREFIXES


def sparql_check(
    graph: Graph, shape: Node, constraint: Node, severity: URIRef, prebinding: bool
) -> Check:
    """The check of the SPARQL constraint ``constraint`` of ``shape`` (``$currentShape``
    bound by substitution when the query names it)."""
    select = graph.value(constraint, SH.select)
    if select is None:
        raise UnsupportedShape(f"{constraint}: only sh:select SPARQL constraints are supported")
    if graph.value(constraint, SH.deactivated) == Literal(True):
        raise UnsupportedShape(f"{constraint}: a deactivated SPARQL constraint is not supported")
    if prebinding:
        _check_prebindable(constraint, str(select))
    prefixes = "".join(
        f"PREFIX {graph.value(d, SH.prefix)}: <{graph.value(d, SH.namespace)}>\n"
        for source in _with_imports(graph, graph.objects(constraint, SH.prefixes))
        for d in graph.objects(source, SH.declare)
    )
    text = str(select)
    substitutions = {"currentShape": shape} if re.search(r"[$?]currentShape\b", text) else {}
    return Check(
        shape=shape,
        severity=severity,
        component=SH.SPARQLConstraintComponent,
        query=PREFIXES + prefixes + text,
        substitutions=substitutions,
        messages=tuple(graph.objects(constraint, SH.message)),
        constraint=constraint,
        per_focus=prebinding,
    )


def _with_imports(graph: Graph, sources: Iterable[Node]) -> list[Node]:
    """Prefix sources and everything they owl:import (SHACL 5.2.1), each once."""
    seen: list[Node] = []
    pending = list(sources)
    while pending:
        source = pending.pop()
        if source not in seen:
            seen.append(source)
            pending.extend(graph.objects(source, OWL.imports))
    return seen


# What SHACL 5.3.1 forbids in a query with pre-bound variables, and what Oxigraph's
# substitutions do not pre-bind as SHACL defines it (inside BIND and nested SELECTs).
_NOT_PREBINDABLE = (
    (re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.I), "{0} is not allowed with pre-binding"),
    (
        re.compile(r"\bAS\s*[?$](this|currentShape|shapesGraph|value)\b", re.I),
        "AS ?{0} re-binds a pre-bound variable",
    ),
    (re.compile(r"[$?](shapesGraph)\b"), "${0} is not supported by the fast engine"),
    (re.compile(r"\b(BIND)\b", re.I), "{0} with pre-bound variables is not supported"),
)
_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
)


def _check_prebindable(constraint: Node, query: str) -> None:
    """Refuse a query whose pre-bound $this this engine cannot evaluate as SHACL defines."""
    text = _STRINGS_AND_COMMENTS.sub(" ", query)
    for pattern, reason in _NOT_PREBINDABLE:
        found = pattern.search(text)
        if found:
            raise UnsupportedShape(f"{constraint}: {reason.format(found.group(1))}")
    if len(re.findall(r"\bSELECT\b", text, re.I)) > 1:
        raise UnsupportedShape(f"{constraint}: nested SELECT with pre-bound variables")
    # Oxigraph binds a substituted variable after the pattern, so a FILTER on $this inside a
    # nested group would see it unbound.
    for found in re.finditer(r"\bFILTER\b[^{}]*?[$?]this\b", text, re.I):
        before = text[: found.start()]
        if before.count("{") - before.count("}") > 1:
            raise UnsupportedShape(f"{constraint}: FILTER on $this inside a nested group")
