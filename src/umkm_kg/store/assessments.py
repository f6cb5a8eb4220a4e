"""Size assessments of a source, streamed: figures read while parsing, N-Triples written out.

The same triples as :func:`umkm_kg.classify.assessment_graph` (docs/model.md), without building
rdflib graphs, so that hundreds of thousands of firms classify in seconds. The thresholds and
the classification are the classifier's (:mod:`umkm_kg.classify`); this module only streams.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from rdflib import Literal, URIRef

from umkm_kg.classify import FIGURE_FIELDS, Figures, classify_figures, rule_sets
from umkm_kg.classify.classifier import SizeResult
from umkm_kg.classify.graph import assessment_properties
from umkm_kg.classify.rules import RuleSet
from umkm_kg.errors import DataError, DataErrors
from umkm_kg.iris import child_iri
from umkm_kg.namespaces import SIZE, UMKM
from umkm_kg.store.terms import to_sparql

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ENTERPRISE = str(UMKM.Enterprise)
_FIGURES = {str(figure): field for figure, field in FIGURE_FIELDS.items()}
_WHOLE = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "int",
        "long",
        "short",
        "byte",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
        "nonPositiveInteger",
        "negativeInteger",
    )
}
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


class FigureCollector:
    """Collects enterprises and their size figures from a stream of triples."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, Decimal | int]] = {}
        self.errors: list[DataError] = []

    def add(self, triple: ox.Triple | ox.Quad) -> None:
        """Look at one triple; keep it when it types an enterprise or gives a figure."""
        predicate = triple.predicate.value
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode):
            return
        if predicate == _RDF_TYPE:
            if triple.object.value == _ENTERPRISE:
                self.figures.setdefault(subject.value, {})
            return
        field = _FIGURES.get(predicate)
        if field is None:
            return
        number = _number(triple.object, whole=field == "workers")
        numbers = self.figures.setdefault(subject.value, {})
        if number is None:
            self.errors.append(
                DataError(
                    f"enterprise {subject.value}: {field} is {triple.object}, not a number "
                    "of the ontology's datatype",
                    hint="money as xsd:decimal, workers as a whole number",
                )
            )
        elif field in numbers and numbers[field] != number:
            self.errors.append(
                DataError(
                    f"enterprise {subject.value} has two values for {field}: "
                    f"{numbers[field]} and {number}",
                    hint="keep one value per figure",
                )
            )
        else:
            numbers[field] = number

    def check(self) -> None:
        """Raise :class:`DataErrors` when a figure was unreadable or given twice."""
        if self.errors:
            raise DataErrors(self.errors[:50])


def write_assessments(figures: dict[str, dict[str, Decimal | int]], out: TextIO) -> int:
    """Write the assessments of every enterprise under every rule set; returns the triple count.

    The layout is :func:`umkm_kg.classify.enterprise_assessments`'s; every IRI but the
    enterprise's is turned into text once, not per triple.
    """
    layouts = _rule_set_layouts()
    sizes = {b.size: f"<{SIZE[b.size]}>" for r in rule_sets() for c in r.criteria for b in c.bands}
    has_assessment = to_sparql(UMKM.sizeAssessment)
    a_type = f" <{_RDF_TYPE}> {to_sparql(UMKM.SizeAssessment)} .\n"
    class_p = to_sparql(UMKM.sizeClass)
    conflicts = {
        b: f" {to_sparql(UMKM.criteriaConflict)} {to_sparql(Literal(b))} .\n" for b in (True, False)
    }
    count = 0
    chunk: list[str] = []
    for enterprise in sorted(figures):
        numbers = Figures(**figures[enterprise])
        for rules, suffix, rule_set_line, by_figure in layouts:
            result = classify_figures(numbers, rules)
            node = f"<{enterprise}{suffix}>"
            chunk.append(
                f"<{enterprise}> {has_assessment} {node} .\n{node}{a_type}{node}{rule_set_line}"
            )
            count += 4
            for position, prop in by_figure:
                size = result[position]
                if size is not None:
                    chunk.append(f"{node} {prop} {sizes[size]} .\n")
                    count += 1
            if result.size_class is not None:
                chunk.append(f"{node} {class_p} {sizes[result.size_class]} .\n")
                count += 1
            chunk.append(node + conflicts[result.conflict])
        if len(chunk) > 50_000:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    return count


def _rule_set_layouts() -> list[tuple[RuleSet, str, str, list[tuple[int, str]]]]:
    """Per rule set: the node's IRI suffix, the end of its rule-set line, and its criteria as
    (position of the class in a SizeResult, assessment property as text)."""
    properties = assessment_properties()
    rule_set_p = to_sparql(UMKM.ruleSet)
    layouts = []
    for rules in rule_sets():
        suffix = str(child_iri(URIRef(""), "size", rules.key))
        rule_set_line = f" {rule_set_p} {to_sparql(rules.iri)} .\n"
        by_figure = [
            (SizeResult._fields.index(f"by_{c.field}"), to_sparql(properties[c.figure]))
            for c in rules.criteria
        ]
        layouts.append((rules, suffix, rule_set_line, by_figure))
    return layouts


def assessments_file(triples: Iterable[ox.Triple | ox.Quad], path: Path) -> tuple[int, int]:
    """Read ``triples`` once, write their assessments to ``path``; (triples read, written)."""
    collector = FigureCollector()
    read = 0
    for triple in triples:
        collector.add(triple)
        read += 1
    collector.check()
    with path.open("w", encoding="utf-8") as out:
        written = write_assessments(collector.figures, out)
    return read, written


def _number(term: object, *, whole: bool) -> Decimal | int | None:
    if not isinstance(term, ox.Literal):
        return None
    datatype = term.datatype.value
    try:
        if datatype in _WHOLE:
            return int(term.value)
        if datatype == _DECIMAL:
            value = Decimal(term.value)
            if whole:
                return int(value) if value == value.to_integral_value() else None
            return value
    except (ValueError, InvalidOperation):
        return None
    return None
