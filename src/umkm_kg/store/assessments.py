"""Size assessments of a source, streamed: figures read while parsing, N-Triples written out.

The links of :func:`umkm_kg.classify.assessment_graph` (docs/model.md), without building
rdflib graphs, so that hundreds of thousands of firms classify in seconds. The thresholds and
the classification are the classifier's (:mod:`umkm_kg.classify`); this module only streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from umkm_kg.classify import FIGURE_FIELDS, Figures, classify_figures, rule_sets
from umkm_kg.classify.classifier import SizeResult
from umkm_kg.classify.graph import outcome_iri
from umkm_kg.errors import DataError, DataErrors
from umkm_kg.namespaces import ORG, UMKM
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
_AS_OF = str(UMKM.asOf)
_DATING = {_AS_OF, str(ORG.hasMember)}
_MEASURE, _OBSERVED = str(UMKM.measure), str(UMKM.observedValue)
_OBSERVING = {_MEASURE, _OBSERVED}


class FigureCollector:
    """Collects enterprises and their size figures from a stream of triples; when ``dated``,
    also the sentra's members (``org:hasMember``) and dates (``umkm:asOf``, lexical forms)."""

    def __init__(self, *, dated: bool = False) -> None:
        self.figures: dict[str, dict[str, Decimal | int]] = {}
        self.errors: list[DataError] = []
        self.dated = dated
        self.memberships: list[tuple[str, str]] = []  # (sentra, enterprise)
        self.dates: dict[str, set[str]] = {}  # sentra -> its umkm:asOf values
        self.observed: dict[str, list] = {}  # observation -> [measure, lexical value]
        self.triples = 0  # triples looked at (every triple of a parsed file)

    def add(self, triple: ox.Triple | ox.Quad) -> None:
        """Look at one triple; keep it when it types an enterprise or gives a figure (or,
        when dated, a membership or a sentra's date)."""
        self.triples += 1
        subject, term = triple.subject, triple.object
        if isinstance(subject, ox.NamedNode):
            literal = isinstance(term, ox.Literal)
            datatype = term.datatype.value if literal else None
            self._keep(subject.value, triple.predicate.value, term.value, datatype, str(term))

    def add_ours(self, line: str) -> None:
        """The same for one line of our loaders' N-Triples (``<s> <p> <o> .`` or
        ``<s> <p> "lexical"^^<datatype> .``, no escapes in the lines kept), read without a
        parser: the figures of a national dataset are read in seconds."""
        subject, predicate, term = line.split(" ", 2)
        term = term.rstrip()[:-2]  # " ." at the end
        if term.startswith("<"):
            value, datatype = term[1:-1], None
        else:
            lexical, _, datatype = term.rpartition('"^^<')
            value, datatype = lexical[1:], datatype[:-1]
        self._keep(subject[1:-1], predicate[1:-1], value, datatype, term)

    def _keep(
        self, subject: str, predicate: str, value: str, datatype: str | None, shown: str
    ) -> None:
        """``datatype`` is None when the object is an IRI."""
        if self.dated and predicate in _DATING:
            if predicate == _AS_OF:
                self.dates.setdefault(subject, set()).add(value)
            elif datatype is None:
                self.memberships.append((subject, value))
            return
        if predicate in _OBSERVING:
            self.observed.setdefault(subject, [None, None])[predicate == _OBSERVED] = (
                (value, datatype) if predicate == _OBSERVED else value
            )
            return
        if predicate == _RDF_TYPE:
            if value == _ENTERPRISE and datatype is None:
                self.figures.setdefault(subject, {})
            return
        field = _FIGURES.get(predicate)
        if field is None:
            return
        number = _number(value, datatype, whole=field == "workers")
        numbers = self.figures.setdefault(subject, {})
        if number is None:
            self.errors.append(
                DataError(
                    f"enterprise {subject}: {field} is {shown}, not a number "
                    "of the ontology's datatype",
                    hint="money as xsd:decimal, workers as a whole number",
                )
            )
        elif field in numbers and numbers[field] != number:
            self.errors.append(
                DataError(
                    f"enterprise {subject} has two values for {field}: "
                    f"{numbers[field]} and {number}",
                    hint="keep one value per figure",
                )
            )
        else:
            numbers[field] = number

    def observation_figures(self) -> dict[str, dict[str, Decimal | int]]:
        """The size figure each dated observation gives (``umkm:measure`` a figure property,
        ``umkm:observedValue`` a number), as one-figure sets for the classifier."""
        found: dict[str, dict[str, Decimal | int]] = {}
        for observation, (measure, observed) in self.observed.items():
            field = _FIGURES.get(measure or "")
            if field is None or observed is None:
                continue
            number = _number(*observed, whole=field == "workers")
            if number is not None:
                found[observation] = {field: number}
        return found

    def check(self) -> None:
        """Raise :class:`DataErrors` when a figure was unreadable or given twice."""
        if self.errors:
            raise DataErrors(self.errors[:50])


def write_assessments(
    figures: dict[str, dict[str, Decimal | int]],
    out: TextIO,
    observations: dict[str, dict[str, Decimal | int]] | None = None,
) -> int:
    """Link every enterprise to its outcome under every rule set (``umkm:sizeAssessment``),
    and every dated observation of a size figure to the outcome that figure alone gives
    (``umkm:observedSizeAssessment``); returns the triple count.

    The outcomes themselves are described once, in the stores' ``size-outcomes`` graph
    (:func:`umkm_kg.classify.outcome_graph`); each outcome's IRI is turned into text once.
    """
    outcomes: dict[SizeResult, str] = {}
    count = 0
    for subjects, predicate in (
        (figures, UMKM.sizeAssessment),
        (observations or {}, UMKM.observedSizeAssessment),
    ):
        count += _write_links(subjects, f"> {to_sparql(predicate)} ", outcomes, out)
    return count


def _write_links(
    figures: dict[str, dict[str, Decimal | int]],
    link: str,
    outcomes: dict[SizeResult, str],
    out: TextIO,
) -> int:
    every_rule_set = rule_sets()
    count = 0
    chunk: list[str] = []
    for subject in sorted(figures):
        numbers = Figures(**figures[subject])
        for rules in every_rule_set:
            result = classify_figures(numbers, rules)
            node = outcomes.get(result)
            if node is None:
                node = outcomes[result] = f"{to_sparql(outcome_iri(result))} .\n"
            chunk.append(f"<{subject}{link}{node}")
        count += len(every_rule_set)
        if len(chunk) > 50_000:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    return count


def source_figures(
    path: Path, rdf_format: ox.RdfFormat, *, ours: bool, dated: bool = False
) -> FigureCollector:
    """The checked size figures of an RDF file (:class:`DataErrors` when one is unreadable),
    with the sentra's members and dates when ``dated``.

    ``ours``: the file is N-Triples written by our loaders (one triple per line, single
    spaces): only the lines the collector keeps are parsed. Any other file is parsed whole,
    strictly (a syntax error raises ``SyntaxError``).
    """
    collector = FigureCollector(dated=dated)
    if ours:
        wanted = (
            _FIGURE_PREDICATES | _OBSERVING_PREDICATES | (_DATING_PREDICATES if dated else set())
        )
        for line in _lines(path, wanted):
            collector.add_ours(line.decode("utf-8"))
    else:
        for triple in ox.parse(path=str(path), format=rdf_format):
            collector.add(triple)
    collector.check()
    return collector


def load_reading_figures(
    store: ox.Store,
    path: Path,
    rdf_format: ox.RdfFormat,
    *,
    ours: bool,
    dated: bool = False,
    to_graph: ox.NamedNode | None = None,
) -> FigureCollector:
    """Bulk-load ``path`` into ``store`` (leniently when ``ours``) and meanwhile read its
    figures (:func:`source_figures`): Oxigraph loads without Python's lock, so the file is
    read twice at once, on both cores. Returns once both are done; either may raise."""
    target = {"to_graph": to_graph} if to_graph is not None else {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(
            store.bulk_load, path=str(path), format=rdf_format, lenient=ours, **target
        )
        try:
            return source_figures(path, rdf_format, ours=ours, dated=dated)
        finally:
            loading.result()


_FIGURE_PREDICATES = {f"<{figure}>".encode() for figure in _FIGURES}
_DATING_PREDICATES = {f"<{predicate}>".encode() for predicate in _DATING}
_OBSERVING_PREDICATES = {f"<{predicate}>".encode() for predicate in _OBSERVING}
_TYPE = f"<{_RDF_TYPE}>".encode()
_ENTERPRISE_TAIL = f" <{_ENTERPRISE}> .\n".encode()


def _lines(path: Path, predicates: set[bytes]) -> Iterator[bytes]:
    """The lines of our N-Triples with one of ``predicates`` or typing an enterprise."""
    with path.open("rb") as handle:
        for line in handle:
            terms = line.split(b" ", 2)
            predicate = terms[1] if len(terms) == 3 else None
            if predicate in predicates or (predicate == _TYPE and line.endswith(_ENTERPRISE_TAIL)):
                yield line


def _number(value: str, datatype: str | None, *, whole: bool) -> Decimal | int | None:
    """The number of a literal of an integer type or ``xsd:decimal``, else None."""
    try:
        if datatype in _WHOLE:
            return int(value)
        if datatype == _DECIMAL:
            number = Decimal(value)
            if whole:
                return int(number) if number == number.to_integral_value() else None
            return number
    except (ValueError, InvalidOperation):
        return None
    return None
