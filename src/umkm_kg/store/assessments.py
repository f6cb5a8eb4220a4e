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
from umkm_kg.classify.graph import assessment_properties
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
    """Write the assessments of every enterprise under every rule set; returns the triple count."""
    properties = {str(f): to_sparql(p) for f, p in assessment_properties().items()}
    every_rule_set = rule_sets()
    rule_iris = {r.key: to_sparql(r.iri) for r in every_rule_set}
    has_assessment = to_sparql(UMKM.sizeAssessment)
    a_type = f"<{_RDF_TYPE}> {to_sparql(UMKM.SizeAssessment)}"
    rule_set_p, class_p, conflict_p = (
        to_sparql(UMKM.ruleSet),
        to_sparql(UMKM.sizeClass),
        to_sparql(UMKM.criteriaConflict),
    )
    flags = {b: to_sparql(Literal(b)) for b in (True, False)}
    count = 0
    for enterprise in sorted(figures):
        numbers = Figures(**figures[enterprise])
        subject = f"<{enterprise}>"
        for rules in every_rule_set:
            result = classify_figures(numbers, rules)
            node = to_sparql(child_iri(URIRef(enterprise), "size", rules.key))
            lines = [
                f"{subject} {has_assessment} {node} .",
                f"{node} {a_type} .",
                f"{node} {rule_set_p} {rule_iris[rules.key]} .",
            ]
            for criterion in rules.criteria:
                size = result.by_figure(criterion.figure)
                if size is not None:
                    lines.append(f"{node} {properties[str(criterion.figure)]} <{SIZE[size]}> .")
            if result.size_class is not None:
                lines.append(f"{node} {class_p} <{SIZE[result.size_class]}> .")
            lines.append(f"{node} {conflict_p} {flags[result.conflict]} .")
            out.write("\n".join(lines) + "\n")
            count += len(lines)
    return count


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
