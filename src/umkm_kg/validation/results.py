"""SHACL validation results, engine-neutral, and the SHACL report graph they make up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from umkm_kg.namespaces import SH_UMKM, bind_prefixes


@dataclass(frozen=True)
class ShapeResult:
    """One ``sh:ValidationResult``: which shape said what about which focus node."""

    focus: Node
    shape: Node
    severity: URIRef
    component: URIRef
    value: Node | None = None
    path: Node | None = None
    messages: tuple[Literal, ...] = ()
    constraint: Node | None = None

    def message(self, lang: str) -> str | None:
        """The message in ``lang``, else one without a language, else None."""
        by_lang = {m.language: str(m) for m in self.messages}
        return by_lang.get(lang) or by_lang.get(None)

    def key(self) -> tuple:
        """What two engines must agree on: focus, shape, severity, component, value, path."""
        return (self.focus, self.shape, self.severity, self.component, self.value, self.path)


def results_from_report(
    report: Graph, shapes: Graph, *, top_level_only: bool = False
) -> list[ShapeResult]:
    """The results of a SHACL validation report graph (e.g. pySHACL's).

    ``top_level_only``: only the report's own ``sh:result`` nodes, not the ``sh:detail``
    results nested under them (sh:node, sh:not ...).

    pySHACL drops the language tag of a ``sh:message`` whose ``{?var}`` it fills in; the tag is
    restored from the one template of the result's constraint that the text matches.
    """
    results = []
    top_level = set(report.objects(None, SH.result))
    for node in report.subjects(RDF.type, SH.ValidationResult):
        if top_level_only and node not in top_level:
            continue
        constraint = report.value(node, SH.sourceConstraint)
        templates = list(shapes.objects(constraint, SH.message)) if constraint else []
        results.append(
            ShapeResult(
                focus=report.value(node, SH.focusNode),
                shape=report.value(node, SH.sourceShape),
                severity=report.value(node, SH.resultSeverity),
                component=report.value(node, SH.sourceConstraintComponent),
                value=report.value(node, SH.value),
                path=report.value(node, SH.resultPath),
                messages=tuple(
                    sorted(
                        (
                            _with_language(m, templates)
                            for m in report.objects(node, SH.resultMessage)
                            if isinstance(m, Literal)
                        ),
                        key=lambda m: (m.language or "", str(m)),
                    )
                ),
                constraint=report.value(node, SH.sourceConstraint),
            )
        )
    return results


def _with_language(message: Literal, templates: list) -> Literal:
    if message.language:
        return message
    matches = {
        t.language
        for t in templates
        if isinstance(t, Literal) and t.language and _template_regex(str(t)).fullmatch(message)
    }
    return Literal(str(message), lang=matches.pop()) if len(matches) == 1 else message


def _template_regex(template: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in _VARIABLE.split(template)), re.S)


_VARIABLE = re.compile(r"\{[$?][A-Za-z_][A-Za-z0-9_]*\}")


def report_graph(results: Iterable[ShapeResult], conforms: bool) -> Graph:
    """A SHACL validation report (``sh:ValidationReport``) holding ``results``."""
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("sh", SH)
    graph.bind("umkmsh", SH_UMKM)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        graph.add((node, SH.sourceShape, result.shape))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.sourceConstraintComponent, result.component))
        for prop, value in (
            (SH.value, result.value),
            (SH.resultPath, result.path),
            (SH.sourceConstraint, result.constraint),
        ):
            if value is not None:
                graph.add((node, prop, value))
        for message in result.messages:
            graph.add((node, SH.resultMessage, message))
    return graph
