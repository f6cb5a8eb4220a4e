"""Size assessments of a source, streamed: figures read while parsing, N-Triples written out.

The links of :func:`umkm_kg.classify.assessment_graph` (docs/model.md), without building
rdflib graphs, so that hundreds of thousands of firms classify in seconds. The thresholds and
the classification are the classifier's (:mod:`umkm_kg.classify`); this module only streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from umkm_kg.classify import Figures, link_lines, rule_sets, size_links
from umkm_kg.classify.figures import FIGURE_PREDICATES, FigureTable, read_number
from umkm_kg.namespaces import ORG, UMKM
from umkm_kg.progress import Reporter, counted, reporter
from umkm_kg.store.shared import SHARED_LINE_STARTS, is_shared

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ENTERPRISE = str(UMKM.Enterprise)
_AS_OF = str(UMKM.asOf)
_DATING = {_AS_OF, str(ORG.hasMember)}
_MEASURE, _OBSERVED = str(UMKM.measure), str(UMKM.observedValue)
_OBSERVING = {_MEASURE, _OBSERVED}


class FigureCollector:
    """Collects enterprises and their size figures from a stream of triples; when ``dated``,
    also the sentra's members (``org:hasMember``) and dates (``umkm:asOf``, lexical forms);
    and the triples about shared subjects (:mod:`umkm_kg.store.shared`), which a store keeps
    out of the source's graph."""

    def __init__(self, *, dated: bool = False) -> None:
        self.table = FigureTable()  # the one figure reader
        self.figures = self.table.figures
        self.errors = self.table.errors
        self.dated = dated
        self.memberships: list[tuple[str, str]] = []  # (sentra, enterprise)
        self.dates: dict[str, set[str]] = {}  # sentra -> its umkm:asOf values
        self.observed: dict[str, list] = {}  # observation -> [measure, lexical value]
        self.triples = 0  # triples looked at (every triple of a parsed file)
        self._shared: list[ox.Triple] = []
        self._shared_lines: list[str] = []

    @property
    def shared(self) -> list[ox.Triple]:
        """The triples seen about reference or vocabulary subjects."""
        if self._shared_lines:
            text = "".join(self._shared_lines).encode("utf-8")
            self._shared += ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
            self._shared_lines.clear()
        return self._shared

    def add(self, triple: ox.Triple | ox.Quad) -> None:
        """Look at one triple; keep it when it types an enterprise or gives a figure (or,
        when dated, a membership or a sentra's date), or is about a shared subject."""
        self.triples += 1
        subject, term = triple.subject, triple.object
        if is_shared(subject):
            self._shared.append(ox.Triple(subject, triple.predicate, term))
        elif isinstance(subject, ox.NamedNode):
            literal = isinstance(term, ox.Literal)
            datatype = term.datatype.value if literal else None
            self._keep(subject.value, triple.predicate.value, term.value, datatype)

    def add_loader_line(self, line: str) -> None:
        """The same for one line of our loaders' N-Triples (``<s> <p> <o> .`` or
        ``<s> <p> "lexical"^^<datatype> .``, no escapes in the lines kept), read without a
        parser: the figures of a national dataset are read in seconds."""
        if line.startswith(_SHARED_TEXT):
            self._shared_lines.append(line)
            return
        subject, predicate, term = line.split(" ", 2)
        term = term.rstrip()[:-2]  # " ." at the end
        if term.startswith("<"):
            value, datatype = term[1:-1], None
        else:
            lexical, _, datatype = term.rpartition('"^^<')
            value, datatype = lexical[1:], datatype[:-1]
        self._keep(subject[1:-1], predicate[1:-1], value, datatype)

    def _keep(self, subject: str, predicate: str, value: str, datatype: str | None) -> None:
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
        field = FIGURE_PREDICATES.get(predicate)
        if field is not None:
            self.table.figure(subject, field, value, datatype)

    def observation_figures(self) -> dict[str, dict[str, Decimal | int]]:
        """The size figure each dated observation gives (``umkm:measure`` a figure property,
        ``umkm:observedValue`` a number), as one-figure sets for the classifier."""
        found: dict[str, dict[str, Decimal | int]] = {}
        for observation, (measure, observed) in self.observed.items():
            field = FIGURE_PREDICATES.get(measure or "")
            if field is None or observed is None:
                continue
            number = read_number(*observed, whole=field == "workers")
            if number is not None:
                found[observation] = {field: number}
        return found

    def check(self) -> None:
        """Raise :class:`DataErrors` when a figure was unreadable or given twice."""
        self.table.check()


def write_assessments(
    figures: dict[str, dict[str, Decimal | int]],
    out: TextIO,
    observations: dict[str, dict[str, Decimal | int]] | None = None,
) -> int:
    """Link every enterprise to its outcome under every rule set (``umkm:sizeAssessment``),
    and every dated observation of a size figure to the outcome that figure alone gives
    (``umkm:observedSizeAssessment``); returns the triple count.

    The outcomes themselves are described once, in the stores' ``size-outcomes`` graph
    (:func:`umkm_kg.classify.outcome_graph`).
    """
    reporter().stage("size assessments", total=len(figures), unit="firms")
    every = rule_sets()
    count = 0
    using = {
        field: tuple(r for r in every if any(c.field == field for c in r.criteria))
        for field in Figures._fields
    }
    observed = observations or {}
    for predicate, members in (
        (
            UMKM.sizeAssessment,
            counted((e, Figures(**figures[e]), every) for e in sorted(figures)),
        ),
        (  # an observation's single figure: only the rule sets with a criterion on it
            UMKM.observedSizeAssessment,
            (
                (o, Figures(**observed[o]), [r for f in observed[o] for r in using[f]])
                for o in sorted(observed)
            ),
        ),
    ):
        for chunk in link_lines(size_links(members), predicate=predicate):
            out.write(chunk)
            count += chunk.count("\n")
    return count


def source_figures(
    path: Path, rdf_format: ox.RdfFormat, *, loader_output: bool, dated: bool = False
) -> FigureCollector:
    """The checked size figures of an RDF file (:class:`DataErrors` when one is unreadable),
    with the sentra's members and dates when ``dated``.

    ``loader_output``: the file is N-Triples written by our loaders (one triple per line, single
    spaces): only the lines the collector keeps are parsed. Any other file is parsed whole,
    strictly (a syntax error raises ``SyntaxError``).
    """
    collector = FigureCollector(dated=dated)
    progress = reporter()
    if loader_output:
        wanted = (
            _FIGURE_PREDICATES | _OBSERVING_PREDICATES | (_DATING_PREDICATES if dated else set())
        )
        for line in _lines(path, wanted, progress):
            collector.add_loader_line(line.decode("utf-8"))
    else:
        for triple in ox.parse(path=str(path), format=rdf_format):
            collector.add(triple)
            if not collector.triples % _REPORT_LINES:
                progress.advance(collector.triples)
        progress.advance(collector.triples)
    collector.check()
    return collector


def load_reading_figures(
    store: ox.Store,
    path: Path,
    rdf_format: ox.RdfFormat,
    *,
    loader_output: bool,
    dated: bool = False,
    to_graph: ox.NamedNode | None = None,
) -> FigureCollector:
    """Bulk-load ``path`` into ``store`` (leniently when ``loader_output``) and meanwhile read its
    figures (:func:`source_figures`): Oxigraph loads without Python's lock, so the file is
    read twice at once, on both cores. Returns once both are done; either may raise."""
    target = {"to_graph": to_graph} if to_graph is not None else {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(
            store.bulk_load, path=str(path), format=rdf_format, lenient=loader_output, **target
        )
        try:
            return source_figures(path, rdf_format, loader_output=loader_output, dated=dated)
        finally:
            loading.result()


_FIGURE_PREDICATES = {f"<{figure}>".encode() for figure in FIGURE_PREDICATES}
_DATING_PREDICATES = {f"<{predicate}>".encode() for predicate in _DATING}
_SHARED_TEXT = tuple(start.decode() for start in SHARED_LINE_STARTS)
_OBSERVING_PREDICATES = {f"<{predicate}>".encode() for predicate in _OBSERVING}
_TYPE = f"<{_RDF_TYPE}>".encode()
_ENTERPRISE_TAIL = f" <{_ENTERPRISE}> .\n".encode()
_REPORT_LINES = 1 << 16  # triples read between two progress reports


_TRIPLE_PARTS = 3  # subject, predicate, and the rest of the line


def _lines(path: Path, predicates: set[bytes], progress: Reporter) -> Iterator[bytes]:
    """The lines of our N-Triples with one of ``predicates``, typing an enterprise, or about
    a shared subject; the count of lines read goes to ``progress`` now and then."""
    number = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not number % _REPORT_LINES:
                progress.advance(number)
            if line.startswith(SHARED_LINE_STARTS):
                yield line
                continue
            terms = line.split(b" ", 2)
            predicate = terms[1] if len(terms) == _TRIPLE_PARTS else None
            if predicate in predicates or (predicate == _TYPE and line.endswith(_ENTERPRISE_TAIL)):
                yield line
    progress.advance(number)
