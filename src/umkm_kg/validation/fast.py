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
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, XSD
from rdflib.term import Node

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.remote import RemoteStore
from umkm_kg.store.terms import from_sparql_json as from_json
from umkm_kg.validation.results import ShapeResult
from umkm_kg.validation.sources import to_oxigraph as _ox

_PREFIXES = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
Store = ox.Store | RemoteStore  # validated in place, or on the server
_SUBCLASSES = "#subclasses#"  # replaced by the class and its subclasses when a run starts
_MESSAGE_VARIABLE = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")

# Query templates of the SHACL Core features compiled here. The shapes' own terms (paths,
# classes, datatypes, patterns: never user input) are written in as N3 terms by ``_render``:
# Oxigraph applies a substitution after evaluating the pattern, which made every check scan
# all triples.
_TARGETS = {
    SH.targetClass: "?class rdfs:subClassOf* %(target)s . ?this rdf:type ?class .",
    SH.targetObjectsOf: "?subject %(target)s ?this .",
    SH.targetSubjectsOf: "?this %(target)s ?object .",
    SH.targetNode: "VALUES ?this { %(target)s }",
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
# The SHACL terms each kind of shape may use here; any other sh: term is refused.
_ANNOTATIONS = {
    RDF.type,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    *_TARGETS,
}
_NODE_HANDLED = {*_ANNOTATIONS, SH.property, SH.sparql}
_PROPERTY_HANDLED = {*_ANNOTATIONS, SH.path, SH.minCount, SH.maxCount, SH.flags, *_VALUE_CHECKS}
# Datatypes whose literals Oxigraph can cast: an ill-formed one ("abc"^^xsd:integer) fails the
# cast and so violates sh:datatype, as SHACL asks.
_CASTABLE = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.boolean,
    XSD.date,
    XSD.dateTime,
    XSD.time,
    XSD.string,
    XSD.gYear,
    XSD.gYearMonth,
    XSD.duration,
}


def _true(flag: Node | None) -> bool:
    """A flag column's value is true: ``true``, or 1 (Virtuoso returns booleans as 1 and 0)."""
    return isinstance(flag, Literal) and flag.toPython() in (True, 1)


class UnsupportedShape(UmkmKgError):
    """A shape uses a SHACL feature the fast engine does not compile; use the reference."""


def _shape_targets(graph: Graph, node: Node) -> list[tuple[URIRef, Node]]:
    """The shape's targets, with its implicit class target (a shape that is an rdfs:Class)."""
    targets = [(p, o) for p in _TARGETS for o in graph.objects(node, p)]
    if (node, RDF.type, RDFS.Class) in graph and (
        (node, RDF.type, SH.NodeShape) in graph or (node, RDF.type, SH.PropertyShape) in graph
    ):
        targets.append((SH.targetClass, node))
    return targets


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
    per_focus: bool = False  # SHACL pre-binding: run once per focus node with $this bound
    classes_of: Node | None = None  # sh:class: its subclasses are written in at run time


@dataclass
class _Shape:
    node: Node
    targets: list[tuple[URIRef, Node]]
    checks: list[_Check]


class FastValidator:
    """The shapes of a shapes graph, compiled once; :meth:`run` validates a store."""

    def __init__(self, shapes: Graph, *, this_bound_by_queries: bool = True) -> None:
        """Compile ``shapes``.

        ``this_bound_by_queries``: the convention of ``shapes/`` (every SPARQL constraint binds
        ``$this`` itself), so each constraint runs once for all focus nodes. With False (any
        other shapes, ``umkm-kg shacl``), SHACL's pre-binding is kept: a constraint runs once
        per focus node with ``$this`` bound, and syntax that pre-binding forbids or that this
        engine cannot pre-bind faithfully is refused.
        """
        self._prebinding = not this_bound_by_queries
        self._shapes = [self._compile(shapes, s) for s in _shapes_with_targets(shapes)]

    def run(
        self, store: Store, workers: int = 2, timings: dict[str, float] | None = None
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
                shared = "currentShape" in check.substitutions and not check.per_focus
                key = check.query if shared else f"{check.query}\n#{id(check)}"
                jobs.setdefault(key, []).append((check, nodes))
        ordered = sorted(jobs.values(), key=lambda job: not _shared(job[0][0]))

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
        targets = _shape_targets(graph, node)
        if graph.value(node, SH.deactivated) == Literal(True):
            return _Shape(node, targets, [])
        if graph.value(node, SH.path) is not None:  # a property shape with targets of its own
            return _Shape(node, targets, _property_checks(graph, node, targets))
        _check_known(graph, node, _NODE_HANDLED)
        checks = []
        severity = graph.value(node, SH.severity) or SH.Violation
        for constraint in graph.objects(node, SH.sparql):
            checks.append(_sparql_check(graph, node, constraint, severity, self._prebinding))
        for prop in graph.objects(node, SH.property):
            checks.extend(_property_checks(graph, prop, targets))
        return _Shape(node, targets, checks)


class _FocusNodes:
    """The focus nodes of each target, computed once per run."""

    def __init__(self, store: Store) -> None:
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

    def __init__(self, store: Store) -> None:
        self._store = store
        # threads may both ask the same question: the same answer, no harm
        self._paths: dict[Node, tuple[int, int]] = {}
        self._targets: dict[tuple[URIRef, Node], int] = {}
        self._classes: dict[Node, str] = {}

    def query(self, check: _Check) -> str:
        """The query to run for ``check``."""
        if not check.variants:
            return check.query
        triples, subjects = self._path(check.path)
        values_first = 4 * self._target(check.target) >= triples
        single_valued = triples == subjects
        query = (
            check.variants.get((values_first, single_valued))
            or check.variants[(values_first, False)]
        )
        if check.classes_of is not None:
            query = query.replace(_SUBCLASSES, self._subclasses(check.classes_of))
        return query

    def _subclasses(self, node: Node) -> str:
        """The class and every class under it in the store, as N3 terms."""
        if node not in self._classes:
            query = _render(f"{_PREFIXES}SELECT ?c WHERE {{ ?c rdfs:subClassOf* %(c)s }}", c=node)
            found = {row["c"] for row in _select(self._store, query, {})} | {node}
            self._classes[node] = " ".join(sorted(term.n3() for term in found))
        return self._classes[node]

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


def _shared(check: _Check) -> bool:
    """Whether one query serves every shape that shares the constraint ($currentShape free)."""
    return "currentShape" in check.substitutions and not check.per_focus


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
    store: Store, job: list[tuple[_Check, set | None]], counts: _Counts
) -> list[ShapeResult]:
    """Run one query for the checks that share it; keep rows of each check's focus nodes."""
    first = job[0][0]
    shared = _shared(first)
    by_shape = {check.shape: (check, nodes) for check, nodes in job}
    if first.per_focus:
        rows = [
            {"this": node, **row}
            for node in sorted(job[0][1] or (), key=str)
            for row in _select(store, first.query, {**first.substitutions, "this": node})
        ]
    else:
        substitutions = {k: v for k, v in first.substitutions.items() if k != "currentShape"}
        rows = _select(store, counts.query(first), substitutions)
    results = []
    for row in rows:
        check, nodes = by_shape.get(row.get("currentShape"), (None, None)) if shared else job[0]
        if check is None:
            continue
        this, value = row["this"], row.get("value")
        path = check.path
        if check.per_focus:  # SHACL 5.3.2: ?value defaults to the focus node; ?path is read
            value = this if value is None else value
            path = row.get("path", path)
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
            [(c, value if named else None) for v, c, named in check.flags if _true(row.get(v))]
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
                    path=path,
                    messages=messages,
                    constraint=check.constraint,
                )
            )
    return results


def _select(store: Store, query: str, substitutions: dict[str, Node]) -> list[dict[str, Node]]:
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


def _shapes_with_targets(graph: Graph) -> list[Node]:
    nodes = {s for p in _TARGETS for s in graph.subjects(p, None)}
    nodes |= {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in graph.subjects(RDF.type, kind)
        if (s, RDF.type, RDFS.Class) in graph
    }
    return sorted(nodes, key=str)


def _check_known(graph: Graph, node: Node, handled: set) -> None:
    parameters = {  # of any constraint component declared, whatever its class
        path
        for parameter in graph.objects(None, SH.parameter)
        for path in graph.objects(parameter, SH.path)
    }
    used = parameters & set(graph.predicates(node, None))
    if used:
        raise UnsupportedShape(
            f"{node}: SPARQL-based constraint components ({', '.join(sorted(used))}) are not "
            "supported by the fast engine"
        )
    for prop in set(graph.predicates(node, None)):
        if str(prop).startswith(str(SH)) and prop not in handled:
            raise UnsupportedShape(f"{node}: {prop} is not supported by the fast engine here")


def _sparql_check(
    graph: Graph, shape: Node, constraint: Node, severity: URIRef, prebinding: bool
) -> _Check:
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
    return _Check(
        shape=shape,
        severity=severity,
        component=SH.SPARQLConstraintComponent,
        query=_PREFIXES + prefixes + text,
        substitutions=substitutions,
        messages=tuple(graph.objects(constraint, SH.message)),
        constraint=constraint,
        per_focus=prebinding,
    )


def _with_imports(graph: Graph, sources) -> list[Node]:
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


def _property_checks(graph: Graph, prop: Node, targets: list[tuple[URIRef, Node]]) -> list[_Check]:
    _check_known(graph, prop, _PROPERTY_HANDLED)
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
                    # instances are found once for all values (a hash anti-join), not per value;
                    # the class and its subclasses are read from the store once per run and
                    # written in (Virtuoso 7.2 matched no rdfs:subClassOf* path inside MINUS)
                    pattern = _render(
                        "?this %(path)s ?value MINUS { ?value rdf:type ?class_ VALUES ?class_ { "
                        f"{_SUBCLASSES} }} }}",
                        path=path,
                    )
                    variants = _orders(["this", "value"], pattern, kind, target)
                    checks.append(
                        _Check(
                            component=SH.ClassConstraintComponent,
                            query=variants[True, False],
                            variants=variants,
                            target=(kind, target),
                            classes_of=value,
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
    elif parameter == SH.datatype and value in _CASTABLE:
        cast = "STR(?value)" if value == XSD.string else f"{value.n3()}(?value)"
        condition += f" || !COALESCE(isLITERAL({cast}), false)"
    elif (
        parameter == SH.datatype
        and str(value).startswith(str(XSD))
        and (value not in _INTEGER_RANGES)
    ):
        # Oxigraph stores other derived types (xsd:byte, xsd:int ...) as xsd:integer
        raise UnsupportedShape(f"{prop}: sh:datatype {value} is not supported by the fast engine")
    elif parameter == SH.datatype and value in _INTEGER_RANGES:
        # Oxigraph stores xsd:nonNegativeInteger & co. as xsd:integer, Virtuoso keeps the
        # datatype: either, with the range checked.
        condition = (
            "!isLITERAL(?value) || (DATATYPE(?value) != xsd:integer && DATATYPE(?value) != %(p)s)"
            f" || !({_INTEGER_RANGES[value]})"
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
