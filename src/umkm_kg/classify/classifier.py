"""Classify one enterprise's figures under one size rule set (penggolongan ukuran usaha).

The law joins its criteria with "atau" (or): when the criteria whose figures are known give
different classes, both are reported, ``conflict`` is True and ``size_class`` stays None.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import URIRef

from umkm_kg.classify.rules import RuleSet, RuleSetError
from umkm_kg.namespaces import UMKM

# Enterprise figure property -> field name in Figures (and, with "by_", in SizeResult).
# Which figures a rule set uses, and their bounds, come from the ontology.
FIGURE_FIELDS: dict[URIRef, str] = {
    UMKM.netAssetsIDR: "net_assets",
    UMKM.capitalIDR: "capital",
    UMKM.annualSalesIDR: "annual_sales",
    UMKM.workers: "workers",
}

Number = Decimal | int


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one enterprise that size criteria use (None = unknown).

    Money in rupiah (``net_assets`` = kekayaan bersih, ``capital`` = modal usaha,
    ``annual_sales`` = hasil penjualan tahunan); ``workers`` = tenaga kerja.
    """

    net_assets: Number | None = None
    capital: Number | None = None
    annual_sales: Number | None = None
    workers: int | None = None


@dataclass(frozen=True, slots=True)
class SizeResult:
    """The size classes of one enterprise under one rule set.

    Each ``by_*`` is a size class key (``micro``, ``small``, ``medium``, ``large``,
    ``medium_or_large``) or None when the figure is unknown, falls in no band, or is not a
    criterion of the rule set. ``size_class`` is None when undetermined; ``conflict`` is True
    when the criteria disagree.
    """

    rule_set: str
    by_net_assets: str | None = None
    by_capital: str | None = None
    by_annual_sales: str | None = None
    by_workers: str | None = None
    size_class: str | None = None
    conflict: bool = False

    def by_figure(self, figure: URIRef) -> str | None:
        """The class by the criterion on ``figure`` (e.g. ``UMKM.netAssetsIDR``)."""
        return getattr(self, "by_" + FIGURE_FIELDS[figure])


def classify_figures(figures: Figures, rule_set: RuleSet) -> SizeResult:
    """Classify ``figures`` under ``rule_set``; never picks between disagreeing criteria."""
    by: dict[str, str | None] = {}
    for criterion in rule_set.criteria:
        field = FIGURE_FIELDS.get(criterion.figure)
        if field is None:
            raise RuleSetError(f"rule set {rule_set.key}: no figure field for {criterion.figure}")
        value = getattr(figures, field)
        if value is not None:
            by["by_" + field] = criterion.size_of(value)
    classes = {size for size in by.values() if size is not None}
    conflict = len(classes) > 1
    size_class = next(iter(classes)) if len(classes) == 1 else None
    return SizeResult(rule_set=rule_set.key, size_class=size_class, conflict=conflict, **by)
