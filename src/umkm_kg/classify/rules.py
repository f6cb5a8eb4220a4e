"""Size rule sets read from the ontology (perangkat kriteria ukuran usaha).

Every threshold lives in ``ontology/size-criteria.ttl`` as an OWL datatype restriction on a
criterion class; this module turns those restrictions into sorted bands that the classifier
can search quickly. Nothing here restates a threshold.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph

_INFINITY = Decimal("Infinity")
_FACETS = {
    XSD.minInclusive: ("lower", True),
    XSD.minExclusive: ("lower", False),
    XSD.maxInclusive: ("upper", True),
    XSD.maxExclusive: ("upper", False),
}
_DATATYPES = (XSD.decimal, XSD.integer)

# Enterprise figure property -> field name in Figures (and, with "by_", in SizeResult).
# Which figures a rule set uses, and their bounds, come from the ontology.
FIGURE_FIELDS: dict[URIRef, str] = {
    UMKM.netAssetsIDR: "net_assets",
    UMKM.capitalIDR: "capital",
    UMKM.annualSalesIDR: "annual_sales",
    UMKM.workers: "workers",
}


class RuleSetError(UmkmKgError):
    """The size criteria in the ontology cannot be read as non-overlapping bands."""


@dataclass(frozen=True)
class Band:
    """One criterion class: values between ``lower`` and ``upper`` get ``size``.

    A missing bound is None; ``*_inclusive`` says whether the bound itself belongs to the band
    ("paling banyak" = inclusive upper bound, "lebih dari" = exclusive lower bound).
    """

    size: str
    criterion_class: URIRef
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    source: str

    def contains(self, value: Decimal | int) -> bool:
        """True when ``value`` lies inside the band."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_inclusive)
        ):
            return False
        return (
            self.upper is None
            or value < self.upper
            or (value == self.upper and self.upper_inclusive)
        )


@dataclass(frozen=True)
class Criterion:
    """The bands of one rule set on one enterprise figure (e.g. net assets)."""

    figure: URIRef
    field: str
    datatype: URIRef
    bands: tuple[Band, ...]
    _uppers: tuple[Decimal, ...] = field(repr=False, compare=False, default=())

    @property
    def name(self) -> str:
        """The figure's local name, e.g. ``netAssetsIDR``."""
        return _local_name(self.figure)

    def size_of(self, value: Decimal | int) -> str | None:
        """The size class of ``value`` under this criterion, or None when no band holds it."""
        index = bisect_left(self._uppers, value)
        bands = self.bands
        if index < len(bands) and self._uppers[index] == value and not bands[index].upper_inclusive:
            index += 1
        if index == len(bands):
            return None
        band = bands[index]
        return band.size if band.contains(value) else None


@dataclass(frozen=True)
class RuleSet:
    """A dated, cited size rule set with its criteria (joined by "atau" in the law)."""

    iri: URIRef
    key: str
    label: str
    legal: bool
    in_force_from: datetime.date | None
    in_force_until: datetime.date | None
    source: str
    criteria: tuple[Criterion, ...]

    def in_force_on(self, day: datetime.date) -> bool:
        """True when this is a legal rule set in force on ``day`` (until is exclusive)."""
        if not self.legal or self.in_force_from is None or day < self.in_force_from:
            return False
        return self.in_force_until is None or day < self.in_force_until

    def criterion(self, figure: URIRef) -> Criterion | None:
        """This rule set's criterion on ``figure``, or None when it has none."""
        return next((c for c in self.criteria if c.figure == figure), None)


def rule_sets() -> tuple[RuleSet, ...]:
    """Every size rule set of the ontology: the legal ones by date, then the statistical ones."""
    return _cached_rule_sets()


def rule_set(key: str) -> RuleSet:
    """The rule set with ``key`` (``uu_9_1995``, ``uu_20_2008``, ``pp_7_2021``, ``bps_workers``)."""
    for candidate in rule_sets():
        if candidate.key == key:
            return candidate
    known = ", ".join(r.key for r in rule_sets())
    raise UmkmKgError(f"unknown size rule set {key!r}; known rule sets: {known}")


def rule_set_in_force(day: datetime.date) -> RuleSet | None:
    """The legal rule set in force on ``day``, or None before the first one."""
    return next((r for r in rule_sets() if r.in_force_on(day)), None)


def statistical_rule_sets() -> tuple[RuleSet, ...]:
    """The rule sets without legal force (BPS by workers)."""
    return tuple(r for r in rule_sets() if not r.legal)


@lru_cache(maxsize=1)
def _cached_rule_sets() -> tuple[RuleSet, ...]:
    return read_rule_sets(ontology_graph())


def read_rule_sets(ontology: Graph) -> tuple[RuleSet, ...]:
    """Read the rule sets and their bands from an ontology graph.

    Raises :class:`RuleSetError` when a criterion class is not a datatype restriction this
    module understands, or when two bands of one criterion overlap.
    """
    bands: dict[tuple[URIRef, URIRef], list[Band]] = {}
    datatypes: dict[tuple[URIRef, URIRef], URIRef] = {}
    for cls, rule_set_iri in ontology.subject_objects(UMKM.criterionOfRuleSet):
        figure, datatype, band = _read_band(ontology, cls)
        key = (rule_set_iri, figure)
        if datatypes.setdefault(key, datatype) != datatype:
            raise RuleSetError(f"{cls}: criterion on {figure} mixes datatypes")
        bands.setdefault(key, []).append(band)
    result = []
    for iri in sorted(set(ontology.subjects(RDF.type, UMKM.LegalSizeRuleSet))):
        result.append(_read_rule_set(ontology, iri, True, bands, datatypes))
    for iri in sorted(set(ontology.subjects(RDF.type, UMKM.StatisticalSizeRuleSet))):
        result.append(_read_rule_set(ontology, iri, False, bands, datatypes))
    unknown = {rs for rs, _ in bands} - {r.iri for r in result}
    if unknown:
        raise RuleSetError(f"criterion classes name unknown rule sets: {sorted(unknown)}")
    result.sort(key=lambda r: (not r.legal, r.in_force_from or datetime.date.max, r.key))
    _check_dates(result)
    return tuple(result)


def _read_rule_set(
    ontology: Graph,
    iri: URIRef,
    legal: bool,
    bands: dict[tuple[URIRef, URIRef], list[Band]],
    datatypes: dict[tuple[URIRef, URIRef], URIRef],
) -> RuleSet:
    key = ontology.value(iri, UMKM.ruleSetKey)
    if key is None:
        raise RuleSetError(f"rule set {iri} has no umkm:ruleSetKey")
    criteria = []
    for (rule_set_iri, figure), figure_bands in sorted(bands.items()):
        if rule_set_iri == iri:
            criteria.append(_criterion(figure, datatypes[(rule_set_iri, figure)], figure_bands))
    if not criteria:
        raise RuleSetError(f"rule set {iri} has no criterion classes")
    return RuleSet(
        iri=iri,
        key=str(key),
        label=_label(ontology, iri),
        legal=legal,
        in_force_from=_date(ontology, iri, UMKM.inForceFrom),
        in_force_until=_date(ontology, iri, UMKM.inForceUntil),
        source=str(ontology.value(iri, DCTERMS.source) or ""),
        criteria=tuple(criteria),
    )


def _read_band(ontology: Graph, cls: URIRef) -> tuple[URIRef, URIRef, Band]:
    size = ontology.value(cls, UMKM.criterionSize)
    restriction = ontology.value(cls, OWL.equivalentClass)
    figure = ontology.value(restriction, OWL.onProperty) if restriction is not None else None
    data_range = ontology.value(restriction, OWL.someValuesFrom) if figure is not None else None
    datatype = ontology.value(data_range, OWL.onDatatype) if data_range is not None else None
    facets = ontology.value(data_range, OWL.withRestrictions) if datatype is not None else None
    if size is None or facets is None or datatype not in _DATATYPES:
        raise RuleSetError(
            f"{cls}: a size criterion class needs umkm:criterionSize and an owl:equivalentClass "
            "restriction owl:someValuesFrom a datatype (xsd:decimal or xsd:integer) with facets"
        )
    bounds: dict[str, tuple[Decimal, bool]] = {}
    for facet_node in Collection(ontology, facets):
        for facet, value in ontology.predicate_objects(facet_node):
            if facet not in _FACETS or not isinstance(value, Literal):
                raise RuleSetError(f"{cls}: unsupported facet {facet} {value}")
            side, inclusive = _FACETS[facet]
            if side in bounds:
                raise RuleSetError(f"{cls}: two {side} bounds")
            bounds[side] = (Decimal(str(value)), inclusive)
    lower, lower_inclusive = bounds.get("lower", (None, False))
    upper, upper_inclusive = bounds.get("upper", (None, False))
    band = Band(
        size=_local_name(size),
        criterion_class=cls,
        lower=lower,
        lower_inclusive=lower_inclusive,
        upper=upper,
        upper_inclusive=upper_inclusive,
        source=str(ontology.value(cls, DCTERMS.source) or ""),
    )
    return figure, datatype, band


def _criterion(figure: URIRef, datatype: URIRef, bands: list[Band]) -> Criterion:
    ordered = sorted(bands, key=lambda b: (b.lower is not None, b.lower or Decimal(0)))
    for below, above in zip(ordered, ordered[1:], strict=False):
        if below.upper is None or above.lower is None or _overlap(below, above):
            raise RuleSetError(
                f"size criterion bands overlap on {figure}: "
                f"{below.criterion_class} and {above.criterion_class}"
            )
    if figure not in FIGURE_FIELDS:
        raise RuleSetError(f"size criteria on {figure}: the classifier knows no such figure")
    uppers = tuple(_INFINITY if b.upper is None else b.upper for b in ordered)
    return Criterion(
        figure=figure,
        field=FIGURE_FIELDS[figure],
        datatype=datatype,
        bands=tuple(ordered),
        _uppers=uppers,
    )


def _overlap(below: Band, above: Band) -> bool:
    assert below.upper is not None and above.lower is not None
    if below.upper != above.lower:
        return below.upper > above.lower
    return below.upper_inclusive and above.lower_inclusive


def _check_dates(result: list[RuleSet]) -> None:
    legal = [r for r in result if r.legal]
    for rule in legal:
        if rule.in_force_from is None:
            raise RuleSetError(f"legal rule set {rule.iri} has no umkm:inForceFrom")
    for earlier, later in zip(legal, legal[1:], strict=False):
        if earlier.in_force_until is None or earlier.in_force_until > later.in_force_from:
            raise RuleSetError(f"rule sets {earlier.key} and {later.key} are in force together")


def _date(ontology: Graph, iri: URIRef, prop: URIRef) -> datetime.date | None:
    value = ontology.value(iri, prop)
    if value is None:
        return None
    python = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(python, datetime.date):
        raise RuleSetError(f"{iri} {prop}: {value!r} is not an xsd:date")
    return python


def _label(ontology: Graph, iri: URIRef) -> str:
    labels = {lit.language: str(lit) for lit in ontology.objects(iri, RDFS.label)}
    return labels.get("id") or labels.get("en") or str(iri)


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


__all__ = [
    "Band",
    "Criterion",
    "FIGURE_FIELDS",
    "RuleSet",
    "RuleSetError",
    "read_rule_sets",
    "rule_set",
    "rule_set_in_force",
    "rule_sets",
    "statistical_rule_sets",
]
