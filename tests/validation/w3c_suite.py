"""The W3C SHACL test suite (core and SPARQL) read from ../shared/w3c-shacl-tests/.

Each ``sht:Validate`` entry names a data graph, a shapes graph and the expected report. A
report is compared as the set of its results' (focus node, path, value, source shape,
component, severity), blank nodes standing for "some blank node", plus ``sh:conforms``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

SUITE = Path(__file__).resolve().parents[3] / "shared" / "w3c-shacl-tests" / "tests"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


@dataclass(frozen=True)
class SuiteTest:
    """One test: its name, the graphs it validates and the expected outcome."""

    name: str
    data: Graph
    shapes: Graph
    conforms: bool | None  # None: the engine is expected to fail (sht:Failure)
    results: frozenset


def suite_tests(root: Path = SUITE) -> list[SuiteTest]:
    """Every validation test under the manifest ``root/manifest.ttl``."""
    return sorted(_tests(root / "manifest.ttl"), key=lambda t: t.name)


def _tests(manifest: Path) -> list[SuiteTest]:
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    found = []
    for included in graph.objects(None, MF.include):
        found.extend(_tests(Path(str(included).removeprefix("file://"))))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, RDF.type, SHT.Validate) in graph:
                found.append(_test(graph, entry, manifest))
    return found


def _test(graph: Graph, entry: URIRef, manifest: Path) -> SuiteTest:
    action = graph.value(entry, MF.action)
    data = _graph_at(graph.value(action, SHT.dataGraph))
    shapes = _graph_at(graph.value(action, SHT.shapesGraph))
    name = f"{manifest.parent.relative_to(SUITE)}/{str(entry).rsplit('/', 1)[-1]}"
    report = graph.value(entry, MF.result)
    if report == SHT.Failure:
        return SuiteTest(name, data, shapes, None, frozenset())
    conforms = graph.value(report, SH.conforms).toPython()
    return SuiteTest(name, data, shapes, conforms, result_keys(graph, report))


def _graph_at(iri: URIRef) -> Graph:
    path = Path(str(iri).removeprefix("file://"))
    return Graph().parse(path, format="turtle", publicID=path.as_uri())


def _term(node):
    return "_:blank" if isinstance(node, BNode) else node


def result_keys(graph: Graph, report) -> frozenset:
    """The results of a report graph as comparable tuples."""
    return frozenset(
        tuple(
            _term(graph.value(result, prop))
            for prop in (
                SH.focusNode,
                SH.resultPath,
                SH.value,
                SH.sourceShape,
                SH.sourceConstraintComponent,
                SH.resultSeverity,
            )
        )
        for result in graph.objects(report, SH.result)
    )


def outcome_keys(results) -> frozenset:
    """The same tuples for an engine's :class:`ShapeResult` list."""
    return frozenset(
        (_term(r.focus), _term(r.path), _term(r.value), _term(r.shape), r.component, r.severity)
        for r in results
    )
