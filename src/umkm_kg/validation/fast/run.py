"""Running compiled checks on a store: the focus nodes of each target, the counts that choose
each value check's query, and the rows of a query made into results."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from umkm_kg.validation.fast.checks import Check, Target
from umkm_kg.validation.fast.queries import (
    CLASS_PATH,
    PREFIXES,
    SUBCLASSES,
    TARGETS,
    Store,
    render,
    select,
)
from umkm_kg.validation.results import ShapeResult

_MESSAGE_VARIABLE = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")
Job = list[tuple[Check, set | None]]  # the checks that share one query, each with its focus nodes


class Subclasses:
    """Each class and every class under it in the store, read once per run and written into
    the queries in place of the ``rdfs:subClassOf*`` path of a class target: Virtuoso 7.2
    joined that path with two more patterns to nothing (no sentra with a founding year)."""

    _TARGET_PATH = re.compile(
        re.escape(CLASS_PATH).replace(re.escape("%(target)s"), r"(<[^>\s]*>)")
    )

    def __init__(self, store: Store) -> None:
        self._store = store
        self._classes: dict[Node, str] = {}

    def of(self, node: Node) -> str:
        """The class and every class under it, as N3 terms."""
        if node not in self._classes:
            query = render(f"{PREFIXES}SELECT ?c WHERE {{ ?c rdfs:subClassOf* %(c)s }}", c=node)
            found = {row["c"] for row in select(self._store, query, {})} | {node}
            self._classes[node] = " ".join(sorted(term.n3() for term in found))
        return self._classes[node]

    def expand(self, query: str) -> str:
        """``query`` with each class target's path replaced by a VALUES of the classes."""
        return self._TARGET_PATH.sub(
            lambda m: f"VALUES ?class {{ {self.of(URIRef(m.group(1)[1:-1]))} }}", query
        )


class FocusNodes:
    """The focus nodes of each target, computed once per run."""

    def __init__(self, store: Store, subclasses: Subclasses) -> None:
        self._store = store
        self._subclasses = subclasses
        self._by_target: dict[Target, frozenset] = {}

    def of(self, targets: list[Target]) -> set:
        nodes: set = set()
        for target in targets:
            if target not in self._by_target:
                kind, node = target
                query = render(f"{PREFIXES}SELECT ?this WHERE {{ {TARGETS[kind]} }}", target=node)
                rows = select(self._store, self._subclasses.expand(query), {})
                self._by_target[target] = frozenset(row["this"] for row in rows)
            nodes |= self._by_target[target]
        return nodes


class Counts:
    """The counts in the store that choose each value check's query, each asked once per run.

    Values first, the target joined last, when the target has at least a quarter as many focus
    nodes as the path has values (the enterprises' figures); else the target's few focus nodes
    first (a sentra's founding year among every enterprise's). The sh:maxCount counts are
    not asked when no subject in the store has two values of the path.
    """

    _PATH = (
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?subject) AS ?subjects) "
        "WHERE { ?subject %(path)s ?value }"
    )

    def __init__(self, store: Store, subclasses: Subclasses) -> None:
        self._store = store
        self.subclasses = subclasses
        # threads may both ask the same question: the same answer, no harm
        self._paths: dict[Node, tuple[int, int]] = {}
        self._targets: dict[Target, int] = {}

    def query(self, check: Check) -> str:
        """The query to run for ``check``."""
        if not check.variants:
            return self.subclasses.expand(check.query)
        triples, _ = self._path(check.path)
        on_server = not isinstance(self._store, ox.Store)
        variants = check.served_variants if on_server and check.served_variants else check.variants
        query = variants[4 * self._target(check.target) >= triples]
        if check.classes_of is not None:
            query = query.replace(SUBCLASSES, self.subclasses.of(check.classes_of))
        return self.subclasses.expand(query)

    def multi_valued(self, path: Node) -> bool:
        """Whether some subject in the store holds two values of ``path``."""
        triples, subjects = self._path(path)
        return triples != subjects

    def _path(self, path: Node) -> tuple[int, int]:
        if path not in self._paths:
            row = select(self._store, render(self._PATH, path=path), {})[0]
            self._paths[path] = (int(row["triples"]), int(row["subjects"]))
        return self._paths[path]

    def _target(self, target: Target) -> int:
        if target not in self._targets:
            kind, node = target
            query = f"{PREFIXES}SELECT (COUNT(*) AS ?nodes) WHERE {{ {TARGETS[kind]} }}"
            query = self.subclasses.expand(render(query, target=node))
            row = select(self._store, query, {})[0]
            self._targets[target] = int(row["nodes"])
        return self._targets[target]


def job_label(job: Job) -> str:
    """A job named by its SPARQL constraint, or by its property shape and component(s)."""
    check = job[0][0]
    if check.constraint is not None:
        return _local_name(check.constraint)
    components = [c for _, c, _ in check.flags] or [check.component]
    names = "+".join(_local_name(c).removesuffix("ConstraintComponent") for c in components)
    return f"{_local_name(check.shape)} {names}"


def _local_name(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


def run_job(store: Store, job: Job, counts: Counts) -> list[ShapeResult]:
    """Run one query for the checks that share it; keep rows of each check's focus nodes."""
    first = job[0][0]
    by_shape = {check.shape: (check, nodes) for check, nodes in job}
    results = []
    for row in _rows(store, job, counts):
        check, nodes = (
            by_shape.get(row.get("currentShape"), (None, None)) if first.shared else job[0]
        )
        if check is not None:
            results += _results(check, nodes, row)
    return results


def _rows(store: Store, job: Job, counts: Counts) -> list[dict[str, Node]]:
    """The rows of the job's query: once per focus node with pre-binding, else once."""
    first = job[0][0]
    if first.per_focus:
        return [
            {"this": node, **row}
            for node in sorted(job[0][1] or (), key=str)
            for row in select(store, first.query, {**first.substitutions, "this": node})
        ]
    if first.multi_valued_only and not counts.multi_valued(first.path):
        return []
    substitutions = {k: v for k, v in first.substitutions.items() if k != "currentShape"}
    return select(store, counts.query(first), substitutions)


def _results(check: Check, nodes: set | None, row: dict[str, Node]) -> list[ShapeResult]:
    """The results of one row of ``check``'s query (none when its node is not a focus node
    of the check's shape, or its value is allowed)."""
    this, value = row["this"], row.get("value")
    path = check.path
    if check.per_focus:  # SHACL 5.3.2: ?value defaults to the focus node; ?path is read
        value = this if value is None else value
        path = row.get("path", path)
    if nodes is not None and this not in nodes:
        return []
    if check.allowed is not None and value in check.allowed:
        return []
    messages = tuple(
        sorted((_fill(m, row) for m in check.messages), key=lambda m: (m.language or "", str(m)))
    )
    components = (
        [(c, value if named else None) for v, c, named in check.flags if _true(row.get(v))]
        if check.flags
        else [(check.component, value)]
    )
    return [
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
        for component, result_value in components
    ]


def _true(flag: Node | None) -> bool:
    """A flag column's value is true: ``true``, or 1 (Virtuoso returns booleans as 1 and 0)."""
    return isinstance(flag, Literal) and flag.toPython() in (True, 1)


def _fill(message: Literal, bound: dict) -> Literal:
    """Replace ``{?var}`` / ``{$var}`` in a message by the row's values, as pySHACL does."""

    def value(match: re.Match) -> str:
        term = bound.get(match.group(1))
        return match.group(0) if term is None else str(term)

    return Literal(_MESSAGE_VARIABLE.sub(value, str(message)), lang=message.language)
