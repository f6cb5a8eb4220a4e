"""Classify the enterprises of an RDF graph and materialise their size assessments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, TypeVar

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from umkm_kg.classify.classifier import Figures, SizeResult, classify_figures, possible_results
from umkm_kg.classify.figures import FigureTable, read_number
from umkm_kg.classify.rules import (
    FIGURE_FIELDS,
    RuleSet,
    rule_set,
    rule_set_in_force,
    rule_sets,
    statistical_rule_sets,
)
from umkm_kg.errors import DataError, DataErrors
from umkm_kg.iris import slug
from umkm_kg.namespaces import ID, ORG, SIZE, UMKM, bind_prefixes
from umkm_kg.ontology import ontology_graph

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_Node = TypeVar("_Node", str, URIRef)


class EnterpriseSize(NamedTuple):
    """The size of one enterprise under the legal rule set in force on ``as_of``.

    ``rule_set`` is None when no date is known or no legal rule set was in force then; the
    legal fields are then None. ``by_workers`` is BPS's statistical class, whatever the date.
    """

    enterprise: URIRef
    identifier: str | None
    as_of: datetime.date | None
    rule_set: str | None
    by_net_assets: str | None
    by_capital: str | None
    by_annual_sales: str | None
    by_workers: str | None
    size_class: str | None
    conflict: bool

    def record(self, name: str) -> dict[str, object]:
        """One firm's outcome as ``umkm-kg classify --format json`` prints it (docs/size.md)."""
        return {
            "enterprise": name,
            "rule_set": self.rule_set,
            "by_net_assets": self.by_net_assets,
            "by_capital": self.by_capital,
            "by_annual_sales": self.by_annual_sales,
            "by_workers": self.by_workers,
            "class": self.size_class,
            "conflict": self.conflict,
        }


def classify_graph(graph: Graph, as_of: datetime.date | None = None) -> list[EnterpriseSize]:
    """Classify every enterprise of ``graph``, sorted by ``dcterms:identifier``, then IRI.

    ``as_of`` picks the legal rule set for all; when None, each enterprise uses the date of
    its figures (:func:`figure_dates`: the dated observation they come from, e.g. OMSET_2021
    of a listing), else its sentra's ``umkm:asOf`` (``?sentra org:hasMember ?enterprise``;
    the latest date when it is a member of several). Raises :class:`DataErrors` when a figure
    or date cannot be read.
    """
    figures = enterprise_figures(graph)
    dates = {} if as_of is not None else {**member_dates(graph), **figure_dates(graph)}
    identifiers = {s: str(o) for s, o in graph.subject_objects(DCTERMS.identifier)}
    workers_rules = [r for r in statistical_rule_sets() if r.criterion(UMKM.workers)]
    in_force: dict[datetime.date, RuleSet | None] = {}
    results = []
    for enterprise in sorted(figures, key=lambda e: (identifiers.get(e, ""), str(e))):
        day = as_of if as_of is not None else dates.get(enterprise)
        if day is not None and day not in in_force:
            in_force[day] = rule_set_in_force(day)
        legal_rules = in_force.get(day) if day is not None else None
        numbers = figures[enterprise]
        legal = classify_figures(numbers, legal_rules) if legal_rules else None
        by_workers = _by_workers(numbers, workers_rules)
        results.append(
            EnterpriseSize(
                enterprise=enterprise,
                identifier=identifiers.get(enterprise),
                as_of=day,
                rule_set=legal.rule_set if legal else None,
                by_net_assets=legal.by_net_assets if legal else None,
                by_capital=legal.by_capital if legal else None,
                by_annual_sales=legal.by_annual_sales if legal else None,
                by_workers=by_workers,
                size_class=legal.size_class if legal else None,
                conflict=legal.conflict if legal else False,
            )
        )
    return results


def assessment_graph(graph: Graph, *, strict: bool = True) -> Graph:
    """The size assessments of every enterprise of ``graph``, with the outcomes they use.

    ``<enterprise> umkm:sizeAssessment <outcome>`` once per rule set (legal ones and BPS),
    where the outcome (:func:`outcome_iri`) is shared by every enterprise classified alike and
    carries ``umkm:ruleSet``, the ``umkm:by*`` classes, ``umkm:sizeClass`` when determined and
    ``umkm:criteriaConflict`` (docs/model.md).
    """
    out = Graph()
    bind_prefixes(out)
    out.addN((s, p, o, out) for s, p, o in assessment_triples(graph, strict=strict))
    return out


def assessment_triples(graph: Graph, *, strict: bool = True) -> Iterator[Triple]:
    """The triples of :func:`assessment_graph`, one by one: each enterprise's links, then
    the descriptions of the outcomes used."""
    figures = enterprise_figures(graph, strict=strict)
    every = rule_sets()
    used: dict[SizeResult, None] = {}
    has_assessment = UMKM.sizeAssessment
    for enterprise, result in size_links((e, figures[e], every) for e in sorted(figures)):
        used[result] = None
        yield enterprise, has_assessment, outcome_iri(result)
    for result in used:
        yield from outcome_triples(result)


def size_links(
    members: Iterable[tuple[_Node, Figures, Sequence[RuleSet]]],
) -> Iterator[tuple[_Node, SizeResult]]:
    """The one writer of size assessments: each (enterprise, figures, rule sets) linked to its
    outcome under each rule set, as (enterprise, outcome) pairs; :func:`assessment_triples`
    (rdflib) and :func:`link_lines` (N-Triples) turn them into triples."""
    for enterprise, figures, rules in members:
        for rule_set_ in rules:
            yield enterprise, classify_figures(figures, rule_set_)


def link_lines(
    links: Iterable[tuple[str, SizeResult]],
    chunk: int = 50_000,
    predicate: URIRef = UMKM.sizeAssessment,
) -> Iterator[str]:
    """:func:`size_links` as N-Triples text (``<enterprise> umkm:sizeAssessment <outcome>``,
    or ``predicate``: ``umkm:observedSizeAssessment`` links a dated observation), in chunks of
    ``chunk`` lines so that a national dataset never sits in memory as one string; each
    outcome's IRI is turned into text once."""
    has = f"> <{predicate}> "
    outcomes: dict[SizeResult, str] = {}
    lines: list[str] = []
    for enterprise, result in links:
        node = outcomes.get(result)
        if node is None:
            node = outcomes[result] = f"<{outcome_iri(result)}> .\n"
        lines.append(f"<{enterprise}{has}{node}")
        if len(lines) >= chunk:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def enterprise_results(figures: Figures) -> list[SizeResult]:
    """The results of one enterprise's figures under every rule set."""
    return [classify_figures(figures, rules) for rules in rule_sets()]


def outcome_iri(result: SizeResult) -> URIRef:
    """The shared node of one outcome: ``id:size-outcome/{rule set}/{figure}-{class}/...``,
    one segment per criterion of the rule set in figure-name order (``unknown`` when no
    class), e.g. ``id:size-outcome/pp-7-2021/annual-sales-small/capital-micro``."""
    return _outcome_iris()[result]


def outcome_triples(result: SizeResult) -> Iterator[Triple]:
    """The description of one outcome: its type, rule set, classes and conflict flag."""
    terms = _assessment_terms()
    rules = rule_set(result.rule_set)
    node = outcome_iri(result)
    yield node, RDF.type, terms.assessment
    yield node, terms.rule_set, rules.iri
    for criterion in rules.criteria:
        size = result[_POSITIONS[criterion.field]]
        if size is not None:
            yield node, terms.by_figure[criterion.figure], terms.sizes[size]
    if result.size_class is not None:
        yield node, terms.size_class, terms.sizes[result.size_class]
    yield node, terms.conflict, terms.flags[result.conflict]


@lru_cache(maxsize=1)
def outcome_graph() -> Graph:
    """Every outcome any rule set can give, described once (the stores' ``size-outcomes``
    graph: the sources' assessment graphs only link enterprises to these nodes)."""
    out = Graph()
    bind_prefixes(out)
    for result in _outcome_iris():
        out.addN((s, p, o, out) for s, p, o in outcome_triples(result))
    return out


@lru_cache(maxsize=1)
def _outcome_iris() -> dict[SizeResult, URIRef]:
    iris = {}
    for rules in rule_sets():
        for result in possible_results(rules):
            segments = (
                f"{slug(c.field)}-{result[_POSITIONS[c.field]] or 'unknown'}"
                for c in sorted(rules.criteria, key=lambda c: c.field)
            )
            iris[result] = ID[f"size-outcome/{slug(rules.key)}/{'/'.join(segments)}"]
    return iris


class _AssessmentTerms(NamedTuple):
    """The IRIs an assessment uses, built once (rdflib makes a new URIRef per lookup)."""

    has_assessment: URIRef
    assessment: URIRef
    rule_set: URIRef
    size_class: URIRef
    conflict: URIRef
    by_figure: dict[URIRef, URIRef]
    sizes: dict[str, URIRef]
    flags: dict[bool, Literal]


@lru_cache(maxsize=1)
def _assessment_terms() -> _AssessmentTerms:
    sizes = {b.size for r in rule_sets() for c in r.criteria for b in c.bands}
    return _AssessmentTerms(
        has_assessment=UMKM.sizeAssessment,
        assessment=UMKM.SizeAssessment,
        rule_set=UMKM.ruleSet,
        size_class=UMKM.sizeClass,
        conflict=UMKM.criteriaConflict,
        by_figure=assessment_properties(),
        sizes={size: SIZE[size] for size in sizes},
        flags={True: Literal(True), False: Literal(False)},
    )


# Position of the class by each figure in a SizeResult.
_POSITIONS = {field: SizeResult._fields.index(f"by_{field}") for field in Figures._fields}


@lru_cache(maxsize=1)
def assessment_properties() -> dict[URIRef, URIRef]:
    """Figure property -> assessment property (``umkm:assessedFigure`` in the ontology)."""
    ontology = ontology_graph()
    return {figure: prop for prop, figure in ontology.subject_objects(UMKM.assessedFigure)}


def enterprise_figures(graph: Graph, *, strict: bool = True) -> dict[URIRef, Figures]:
    """The size figures of every enterprise, read by :mod:`umkm_kg.classify.figures` (the
    rules every path shares). ``strict``: a refused figure raises :class:`DataErrors`;
    otherwise it is left out."""
    table = FigureTable()
    for enterprise in graph.subjects(RDF.type, UMKM.Enterprise):
        if isinstance(enterprise, URIRef):
            table.enterprise(str(enterprise))
    for figure, field in FIGURE_FIELDS.items():
        for subject, term in graph.subject_objects(figure):
            if isinstance(subject, URIRef):
                table.figure(str(subject), field, *_lexical(term))
    if strict:
        table.check()
    return {URIRef(enterprise): numbers for enterprise, numbers in table.results().items()}


def _lexical(term: object) -> tuple[str, str | None]:
    """A term as (lexical form, datatype IRI); the datatype is None for an IRI or blank node."""
    if not isinstance(term, Literal):
        return str(term), None
    if term.language:
        return str(term), str(RDF.langString)
    return str(term), str(term.datatype or XSD.string)


def member_dates(graph: Graph) -> dict[URIRef, datetime.date]:
    """Each enterprise's date: the ``umkm:asOf`` of its sentra (the latest of several)."""
    sentra_dates: dict[URIRef, datetime.date] = {}
    errors = []
    for sentra, literal in graph.subject_objects(UMKM.asOf):
        value = literal.toPython() if isinstance(literal, Literal) else None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            errors.append(
                DataError(
                    f"sentra {sentra} has umkm:asOf {literal!r}, not an xsd:date",
                    hint='write the date as "YYYY-MM-DD"^^xsd:date',
                )
            )
        else:
            sentra_dates[sentra] = max(value, sentra_dates.get(sentra, value))
    if errors:
        raise DataErrors(errors)
    dates: dict[URIRef, datetime.date] = {}
    for sentra, member in graph.subject_objects(ORG.hasMember):
        day = sentra_dates.get(sentra)
        if day is not None and isinstance(member, URIRef):
            dates[member] = max(day, dates.get(member, day))
    return dates


def figure_dates(graph: Graph) -> dict[URIRef, datetime.date]:
    """Each enterprise's date of its own size figures, where a dated observation gives them.

    A listing writes a year's figure both as a ``umkm:Observation`` (``umkm:measure``,
    ``umkm:referenceYear``, ``umkm:observedValue``) and, for its latest year, on the firm
    itself (``umkm:annualSalesIDR``...). The firm's figures are dated by the observation of
    the same measure and value: the last day of its reference year (a year's turnover is
    known when the year ends; the rule set in force then applies). The latest such date wins.
    """
    dates: dict[URIRef, datetime.date] = {}
    for enterprise, observation in graph.subject_objects(UMKM.observation):
        measure = graph.value(observation, UMKM.measure)
        year = graph.value(observation, UMKM.referenceYear)
        value = graph.value(observation, UMKM.observedValue)
        if measure not in FIGURE_FIELDS or year is None or value is None:
            continue
        own = graph.value(enterprise, measure)
        if own is None or _literal_number(own) != _literal_number(value):
            continue
        try:
            day = datetime.date(int(str(year)[:4]), 12, 31)
        except ValueError:
            continue
        dates[enterprise] = max(day, dates.get(enterprise, day))
    return dates


def _by_workers(figures: Figures, rules: Iterable[RuleSet]) -> str | None:
    """BPS's class by workers (the statistical rule set with a workers criterion)."""
    if figures.workers is None:
        return None
    return next((classify_figures(figures, r).by_workers for r in rules), None)


def _short(iri: URIRef) -> str:
    return "umkm:" + str(iri).rsplit("#", 1)[-1]


def _literal_number(literal: object) -> Decimal | int | None:
    """The number of a literal as the one figure reader reads it, else None."""
    if not isinstance(literal, Literal):
        return None
    datatype = str(literal.datatype) if literal.datatype else None
    return read_number(str(literal), datatype, whole=False)
