"""The fast engine: the same shapes, each constraint run ONCE for all focus nodes, in Oxigraph.

pySHACL runs every SPARQL constraint once per focus node in rdflib. Here each SHACL-SPARQL
constraint of ``shapes/`` runs once over a pyoxigraph store with ``$this`` left free (every
query of ``shapes/`` binds ``$this`` itself, see ``shapes/criteria.ttl``) and ``$currentShape``
bound by substitution; the rows are kept for the shape's focus nodes. The SHACL Core
constraints of property shapes are compiled to SPARQL (all value constraints of a property
shape in one query), in variants among which counts in the store choose at run time: the
values tested first or the focus nodes first, with or without the sh:maxCount 1 test. A
shape using a feature this compiler does not know raises :class:`UnsupportedShape` rather
than being skipped. The shapes stay the only statement of the
rules; ``tests/validation`` holds this engine to pySHACL's results on the same fixtures.
"""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.terms import from_sparql_json as from_json
from umkm_kg.validation.results import ShapeResult
from umkm_kg.validation.sources import to_oxigraph as _ox

_PREFIXES = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
_MESSAGE_VARIABLE = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")

# Query templates of the SHACL Core features compiled here. The shapes' own terms (paths,
# classes, datatypes, patterns: never user input) are written in as N3 terms by ``_render``:
# Oxigraph applies a substitution after evaluating the pattern, which made every check scan
# all triples.
_TARGETS = {
    SH.targetClass: "?class rdfs:subClassOf* %(target)s . ?this rdf:type ?class .",
    SH.targetObjectsOf: "?subject %(target)s ?this .",
    SH.targetSubjectsOf: "?this %(target)s ?object .",
}

# SHACL Core value constraints: (component, parameter variable, SPARQL condition of a violation).
_VALUE_CHECKS = {
    SH.datatype: (
        SH.DatatypeConstraintComponent,
        "!isLITERAL(?value) || DATATYPE(?value) != %(p)s",
    ),
    SH.nodeKind: (SH.NodeKindConstraintComponent, None),  # condition depends on the kind
    SH["class"]: (SH.ClassConstraintComponent, None),  # its own query, an anti-join below
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, "COALESCE(!(?value >= %(p)s), true)"),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, "COALESCE(!(?value <= %(p)s), true)"),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, "COALESCE(!(?value > %(p)s), true)"),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, "COALESCE(!(?value < %(p)s), true)"),
    SH.pattern: (
        SH.PatternConstraintComponent,
        "isBLANK(?value) || !REGEX(STR(?value), %(p)s, %(flags)s)",
    ),
    SH.hasValue: (SH.HasValueConstraintComponent, None),  # a check per focus node, below
    SH["in"]: (SH.InConstraintComponent, None),  # a list: compared in Python
}
_INTEGER_RANGES = {
    XSD.nonNegativeInteger: "?value >= 0",
    XSD.positiveInteger: "?value > 0",
    XSD.nonPositiveInteger: "?value <= 0",
    XSD.negativeInteger: "?value < 0",
}
_NODE_KINDS = {
    SH.IRI: "!isIRI(?value)",
    SH.Literal: "!isLITERAL(?value)",
    SH.BlankNode: "!isBLANK(?value)",
    SH.BlankNodeOrIRI: "isLITERAL(?value)",
    SH.BlankNodeOrLiteral: "isIRI(?value)",
    SH.IRIOrLiteral: "isBLANK(?value)",
}
_HANDLED = {
    RDF.type,
    SH.targetClass,
    SH.targetObjectsOf,
    SH.targetSubjectsOf,
    SH.property,
    SH.sparql,
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    SH.flags,
    SH.targetNode,
    *_VALUE_CHECKS,
}


_TRUE = Literal(True)


class UnsupportedShape(UmkmKgError):
    """A shape uses a SHACL feature the fast engine does not compile; use the reference."""


@dataclass
class _Check:
    """One compiled query and how its rows become results."""

    shape: Node
    severity: URIRef
    component: URIRef
    query: str
    substitutions: dict[str, Node] = field(default_factory=dict)
    messages: tuple[Literal, ...] = ()
    path: Node | None = None
    constraint: Node | None = None
    allowed: frozenset | None = None  # sh:in: the allowed values
    targeted: bool = False  # the query itself keeps ?this to the shape's targets
    # Several constraints of one property shape in one query: (variable, component, whether
    # the result names the value); a row yields a result per variable that is true.
    flags: tuple[tuple[str, URIRef, bool], ...] = ()
    # Value checks of a property shape: the query for each (values first, single valued)
    # choice, made at run time from counts in the store (see _Counts.query).
    variants: dict[tuple[bool, bool], str] = field(default_factory=dict)
    target: tuple[URIRef, Node] | None = None


@dataclass
class _Shape:
    node: Node
    targets: list[tuple[URIRef, Node]]
    checks: list[_Check]


class FastValidator:
    """The shapes of a shapes graph, compiled once; :meth:`run` validates a store."""

    def __init__(self, shapes: Graph) -> None:
        self._shapes = [self._compile(shapes, s) for s in _shapes_with_targets(shapes)]

    def run(
        self, store: ox.Store, workers: int = 2, timings: dict[str, float] | None = None
    ) -> list[ShapeResult]:
        """Validate everything in ``store`` (its default graph); results in no set order.

        Verdict shapes that share one SPARQL constraint run it once, ``$currentShape`` left
        free (each row names its shape); the queries run on ``workers`` threads, the shared
        ones (whole-dataset aggregations, the longest) first. ``timings``, if given, receives
        the seconds of each query by the shape (and component) it checks.
        """
        focus = _FocusNodes(store)
        counts = _Counts(store)
        jobs: dict[str, list[tuple[_Check, set | None]]] = {}
        for shape in self._shapes:
            untargeted = any(not check.targeted for check in shape.checks)
            nodes = focus.of(shape.targets) if untargeted else None
            for check in shape.checks:
                shared = "currentShape" in check.substitutions
                key = check.query if shared else f"{check.query}\n#{id(check)}"
                jobs.setdefault(key, []).append((check, nodes))
        ordered = sorted(
            jobs.values(), key=lambda job: "currentShape" not in job[0][0].substitutions
        )

        def run_job(job: list[tuple[_Check, set | None]]) -> list[ShapeResult]:
            start = time.perf_counter()
            results = _run_job(store, job, counts)
            if timings is not None:
                label = _job_label(job)  # a shape with two targets: its two queries added up
                timings[label] = timings.get(label, 0.0) + time.perf_counter() - start
            return results

        with ThreadPoolExecutor(max_workers=workers) as pool:
            batches = pool.map(run_job, ordered)
            # a node reached by two targets of one shape is one focus node: one result
            unique = {(r.key(), r.messages): r for batch in batches for r in batch}
            return list(unique.values())

    # -- compiling -------------------------------------------------------------------------

    def _compile(self, graph: Graph, node: Node) -> _Shape:
        targets = [(p, o) for p in _TARGETS for o in graph.objects(node, p)]
        if graph.value(node, SH.targetNode) is not None:
            raise UnsupportedShape(f"{node}: sh:targetNode is not supported by the fast engine")
        _check_known(graph, node)
        checks = []
        severity = graph.value(node, SH.severity) or SH.Violation
        if graph.value(node, SH.deactivated) == Literal(True):
            return _Shape(node, targets, [])
        for constraint in graph.objects(node, SH.sparql):
            checks.append(_sparql_check(graph, node, constraint, severity))
        for prop in graph.objects(node, SH.property):
            checks.extend(_property_checks(graph, prop, targets))
        return _Shape(node, targets, checks)


class _FocusNodes:
    """The focus nodes of each target, computed once per run."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._by_target: dict[tuple[URIRef, Node], frozenset] = {}

    def of(self, targets: list[tuple[URIRef, Node]]) -> set:
        nodes: set = set()
        for target in targets:
            if target not in self._by_target:
                kind, node = target
                query = _render(
                    f"{_PREFIXES}SELECT ?this WHERE {{ {_TARGETS[kind]} }}", target=node
                )
                rows = _select(self._store, query, {})
                self._by_target[target] = frozenset(row["this"] for row in rows)
            nodes |= self._by_target[target]
        return nodes


class _Counts:
    """The counts in the store that choose each value check's query, each asked once per run.

    Values first, the target joined last, when the target has at least a quarter as many focus
    nodes as the path has values (the enterprises' figures); else the target's few focus nodes
    first (a sentra's founding year among every enterprise's). The sh:maxCount 1 test, an
    EXISTS per value that cost more than the rest of its query, is left out when no subject in
    the store has two values of the path.
    """

    _PATH = (
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?subject) AS ?subjects) "
        "WHERE { ?subject %(path)s ?value }"
    )

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        # threads may both ask the same question: the same answer, no harm
        self._paths: dict[Node, tuple[int, int]] = {}
        self._targets: dict[tuple[URIRef, Node], int] = {}

    def query(self, check: _Check) -> str:
        """The query to run for ``check``."""
        if not check.variants:
            return check.query
        triples, subjects = self._path(check.path)
        values_first = 4 * self._target(check.target) >= triples
        single_valued = triples == subjects
        return (
            check.variants.get((values_first, single_valued))
            or check.variants[(values_first, False)]
        )

    def _path(self, path: Node) -> tuple[int, int]:
        if path not in self._paths:
            row = _select(self._store, _render(self._PATH, path=path), {})[0]
            self._paths[path] = (int(row["triples"]), int(row["subjects"]))
        return self._paths[path]

    def _target(self, target: tuple[URIRef, Node]) -> int:
        if target not in self._targets:
            kind, node = target
            query = f"{_PREFIXES}SELECT (COUNT(*) AS ?nodes) WHERE {{ {_TARGETS[kind]} }}"
            row = _select(self._store, _render(query, target=node), {})[0]
            self._targets[target] = int(row["nodes"])
        return self._targets[target]


def _job_label(job: list[tuple[_Check, set | None]]) -> str:
    """A job named by its SPARQL constraint, or by its property shape and component(s)."""
    check = job[0][0]
    if check.constraint is not None:
        return _local_name(check.constraint)
    components = [c for _, c, _ in check.flags] or [check.component]
    names = "+".join(_local_name(c).removesuffix("ConstraintComponent") for c in components)
    return f"{_local_name(check.shape)} {names}"


def _local_name(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


def _run_job(
    store: ox.Store, job: list[tuple[_Check, set | None]], counts: _Counts
) -> list[ShapeResult]:
    """Run one query for the checks that share it; keep rows of each check's focus nodes."""
    first = job[0][0]
    shared = "currentShape" in first.substitutions
    by_shape = {check.shape: (check, nodes) for check, nodes in job}
    substitutions = {k: v for k, v in first.substitutions.items() if k != "currentShape"}
    query = counts.query(first)
    results = []
    for row in _select(store, query, substitutions):
        check, nodes = by_shape.get(row.get("currentShape"), (None, None)) if shared else job[0]
        if check is None:
            continue
        this, value = row["this"], row.get("value")
        if nodes is not None and this not in nodes:
            continue
        if check.allowed is not None and value in check.allowed:
            continue
        messages = tuple(
            sorted(
                (_fill(m, row) for m in check.messages),
                key=lambda m: (m.language or "", str(m)),
            )
        )
        components = (
            [(c, value if named else None) for v, c, named in check.flags if row.get(v) == _TRUE]
            if check.flags
            else [(check.component, value)]
        )
        for component, result_value in components:
            results.append(
                ShapeResult(
                    focus=this,
                    shape=check.shape,
                    severity=check.severity,
                    component=component,
                    value=result_value,
                    path=check.path,
                    messages=messages,
                    constraint=check.constraint,
                )
            )
    return results


def _select(store: ox.Store, query: str, substitutions: dict[str, Node]) -> list[dict[str, Node]]:
    """Rows as rdflib terms. The whole result is serialised in one call, so that the query
    runs inside Oxigraph without holding Python's lock (two queries at a time use both cores).
    """
    bound = {ox.Variable(k): _ox(v) for k, v in substitutions.items()}
    data = store.query(query, substitutions=bound).serialize(format=ox.QueryResultsFormat.JSON)
    return [
        {name: from_json(term) for name, term in binding.items()}
        for binding in json.loads(data)["results"]["bindings"]
    ]


def _shapes_with_targets(graph: Graph) -> list[Node]:
    nodes = {s for p in (*_TARGETS, SH.targetNode) for s in graph.subjects(p, None)}
    return sorted(nodes, key=str)


def _check_known(graph: Graph, node: Node) -> None:
    for prop in set(graph.predicates(node, None)):
        if str(prop).startswith(str(SH)) and prop not in _HANDLED:
            raise UnsupportedShape(f"{node}: {prop} is not supported by the fast engine")


def _sparql_check(graph: Graph, shape: Node, constraint: Node, severity: URIRef) -> _Check:
    select = graph.value(constraint, SH.select)
    if select is None:
        raise UnsupportedShape(f"{constraint}: only sh:select SPARQL constraints are supported")
    prefixes = "".join(
        f"PREFIX {graph.value(d, SH.prefix)}: <{graph.value(d, SH.namespace)}>\n"
        for source in graph.objects(constraint, SH.prefixes)
        for d in graph.objects(source, SH.declare)
    )
    text = str(select)
    substitutions = {"currentShape": shape} if re.search(r"[$?]currentShape\b", text) else {}
    return _Check(
        shape=shape,
        severity=severity,
        component=SH.SPARQLConstraintComponent,
        query=_PREFIXES + prefixes + text,
        substitutions=substitutions,
        messages=tuple(graph.objects(constraint, SH.message)),
        constraint=constraint,
    )


def _property_checks(graph: Graph, prop: Node, targets: list[tuple[URIRef, Node]]) -> list[_Check]:
    _check_known(graph, prop)
    path = graph.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{prop}: only IRI paths are supported by the fast engine")
    if graph.value(prop, SH.deactivated) == Literal(True):
        return []
    severity = graph.value(prop, SH.severity) or SH.Violation
    messages = tuple(graph.objects(prop, SH.message))
    base = {
        "shape": prop,
        "severity": severity,
        "messages": messages,
        "path": path,
        "targeted": True,
    }
    checks = []
    minimum = graph.value(prop, SH.minCount)
    maximum = graph.value(prop, SH.maxCount)
    for kind, target in targets:
        terms = {"path": path, "target": target}
        if minimum is not None and int(minimum) == 1:
            # at least one value: the focus nodes with none (no grouping of every node)
            checks.append(
                _Check(
                    component=SH.MinCountConstraintComponent,
                    query=_render(
                        f"{_PREFIXES}SELECT ?this WHERE {{ {_TARGETS[kind]} "
                        "FILTER NOT EXISTS { ?this %(path)s ?v } }",
                        **terms,
                    ),
                    **base,
                )
            )
        elif minimum is not None:
            # Focus nodes with no value at all count 0, so this query starts from the targets.
            checks.append(
                _Check(
                    component=SH.MinCountConstraintComponent,
                    query=_render(
                        _PREFIXES + "SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE { "
                        f"{_TARGETS[kind]} OPTIONAL {{ ?this %(path)s ?v }} }} GROUP BY ?this "
                        "HAVING (COUNT(DISTINCT ?v) < %(limit)s)",
                        limit=minimum,
                        **terms,
                    ),
                    **base,
                )
            )
        if maximum is not None and int(maximum) != 1:
            checks.append(
                _Check(
                    component=SH.MaxCountConstraintComponent,
                    query=_render(
                        _PREFIXES + "SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE { "
                        f"{_TARGETS[kind]} ?this %(path)s ?v }} GROUP BY ?this "
                        "HAVING (COUNT(DISTINCT ?v) > %(limit)s)",
                        limit=maximum,
                        **terms,
                    ),
                    **base,
                )
            )
        # One pass over the values for every value constraint (and sh:maxCount 1: another,
        # different value exists); sh:in is compared in Python, sh:class is an anti-join, each
        # in its own query. The values are tested first and only the violating rows are joined
        # to the targets: Oxigraph joins in the order written, and violations are rare.
        flags: list[tuple[str, URIRef, bool]] = []
        conditions: list[str] = []
        if maximum is not None and int(maximum) == 1:
            flags.append(("f0", SH.MaxCountConstraintComponent, False))
            conditions.append(
                _render(
                    "EXISTS { ?this %(path)s ?other FILTER (!sameTerm(?other, ?value)) }", path=path
                )
            )
        for parameter, check in _VALUE_CHECKS.items():
            for value in graph.objects(prop, parameter):
                if parameter == SH["class"]:
                    # instances are found once for all values (a hash anti-join), not per value
                    pattern = _render(
                        "?this %(path)s ?value MINUS { ?value rdf:type/rdfs:subClassOf* %(p)s }",
                        path=path,
                        p=value,
                    )
                    variants = _orders(["this", "value"], pattern, kind, target)
                    checks.append(
                        _Check(
                            component=SH.ClassConstraintComponent,
                            query=variants[True, False],
                            variants=variants,
                            target=(kind, target),
                            **base,
                        )
                    )
                    continue
                component, condition, allowed = _value_condition(
                    graph, prop, parameter, check, value
                )
                if allowed is not None:
                    pattern = _render("?this %(path)s ?value", path=path)
                    variants = _orders(["this", "value"], pattern, kind, target)
                    checks.append(
                        _Check(
                            component=component,
                            query=variants[True, False],
                            variants=variants,
                            target=(kind, target),
                            allowed=allowed,
                            **base,
                        )
                    )
                    continue
                flags.append((f"f{len(flags)}", component, True))
                conditions.append(condition)
        if flags:
            names = [name for name, _, _ in flags]
            variants = _flags_queries(path, names, conditions, kind, target, single_valued=False)
            if flags[0][1] == SH.MaxCountConstraintComponent:
                single = ["false", *conditions[1:]]  # no subject has two values: none differs
                variants |= _flags_queries(path, names, single, kind, target, single_valued=True)
            checks.append(
                _Check(
                    component=flags[0][1],
                    query=variants[True, False],
                    flags=tuple(flags),
                    variants=variants,
                    target=(kind, target),
                    **base,
                )
            )
    return checks


def _flags_queries(
    path: Node,
    names: list[str],
    conditions: list[str],
    kind: URIRef,
    target: Node,
    single_valued: bool,
) -> dict[tuple[bool, bool], str]:
    """The values of ``path`` with a variable per condition, the rows where any is true."""
    binds = " ".join(
        f"BIND (COALESCE({c}, false) AS ?{v})" for v, c in zip(names, conditions, strict=True)
    )
    pattern = _render("?this %(path)s ?value . ", path=path)
    pattern += f"{binds} FILTER (?{' || ?'.join(names)})"
    return _orders(["this", "value", *names], pattern, kind, target, single_valued)


def _orders(
    variables: list[str], pattern: str, kind: URIRef, target: Node, single_valued: bool = False
) -> dict[tuple[bool, bool], str]:
    """SELECT ``variables`` of the rows of ``pattern`` (which binds ?this) whose ?this is a
    focus node of the target, in two orders (Oxigraph joins in the order written): the
    pattern first, joined to the target last on its few violating rows, or the target first;
    keyed (values first, ``single_valued``)."""
    projection = " ".join(f"?{v}" for v in variables)
    focus = _render(_TARGETS[kind], target=target)
    return {
        (True, single_valued): f"{_PREFIXES}SELECT {projection} WHERE {{ "
        f"{{ SELECT {projection} WHERE {{ {pattern} }} }} {focus} }}",
        (False, single_valued): f"{_PREFIXES}SELECT {projection} WHERE {{ {focus} {pattern} }}",
    }


def _value_condition(
    graph: Graph, prop: Node, parameter: URIRef, check: tuple[URIRef, str | None], value: Node
) -> tuple[URIRef, str, frozenset | None]:
    """A value constraint's component, its SPARQL condition of a violation (the shape's terms
    written in) and, for sh:in, the allowed values (compared in Python)."""
    component, condition = check
    terms: dict[str, Node] = {"p": value}
    if parameter == SH.nodeKind:
        condition = _NODE_KINDS[value]
    elif parameter == SH.datatype and value in _INTEGER_RANGES:
        # Oxigraph stores xsd:nonNegativeInteger & co. as xsd:integer: check integer + range.
        condition = (
            f"!isLITERAL(?value) || DATATYPE(?value) != xsd:integer || !({_INTEGER_RANGES[value]})"
        )
    elif parameter == SH.pattern:
        terms["flags"] = graph.value(prop, SH.flags) or Literal("")
    elif parameter == SH["in"]:
        return component, "true", frozenset(Collection(graph, value))
    elif parameter == SH.hasValue:
        raise UnsupportedShape(f"{prop}: sh:hasValue is not supported by the fast engine")
    return component, "(" + _render(condition, **terms) + ")", None


def _render(template: str, **terms: Node) -> str:
    """The query with the shapes' terms written in as N3 (IRIs and literals, escaped)."""
    return template % {name: term.n3() for name, term in terms.items()}


def _fill(message: Literal, bound: dict) -> Literal:
    """Replace ``{?var}`` / ``{$var}`` in a message by the row's values, as pySHACL does."""

    def value(match: re.Match) -> str:
        term = bound.get(match.group(1))
        return match.group(0) if term is None else str(term)

    return Literal(_MESSAGE_VARIABLE.sub(value, str(message)), lang=message.language)
