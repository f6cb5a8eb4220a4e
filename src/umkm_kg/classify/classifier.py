"""Classify one enterprise's figures under one size rule set (penggolongan ukuran usaha).

The law joins its criteria with "atau" (or): when the criteria whose figures are known give
different classes, both are reported, ``conflict`` is True and ``size_class`` stays None.
Figures and results are named tuples: the classifier runs on hundreds of thousands of firms.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from rdflib import URIRef

from umkm_kg.classify.rules import FIGURE_FIELDS, RuleSet

Number = Decimal | int


class Figures(NamedTuple):
    """The figures of one enterprise that size criteria use (None = unknown).

    Money in rupiah (``net_assets`` = kekayaan bersih, ``capital`` = modal usaha,
    ``annual_sales`` = hasil penjualan tahunan); ``workers`` = tenaga kerja.
    """

    net_assets: Number | None = None
    capital: Number | None = None
    annual_sales: Number | None = None
    workers: int | None = None


class SizeResult(NamedTuple):
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


# Position of each figure in Figures; SizeResult keeps the same order after ``rule_set``.
_POSITION = {field: index for index, field in enumerate(Figures._fields)}


def classify_figures(figures: Figures, rule_set: RuleSet) -> SizeResult:
    """Classify ``figures`` under ``rule_set``; never picks between disagreeing criteria."""
    by: list[str | None] = [None, None, None, None]
    for criterion in rule_set.criteria:
        position = _POSITION[criterion.field]
        value = figures[position]
        if value is not None:
            by[position] = criterion.size_of(value)
    return _combined(rule_set, by)


def possible_results(rule_set: RuleSet) -> list[SizeResult]:
    """Every result ``rule_set`` can give: each criterion's classes (or unknown) combined."""
    results = [[None, None, None, None]]
    for criterion in rule_set.criteria:
        position = _POSITION[criterion.field]
        sizes = [None, *dict.fromkeys(band.size for band in criterion.bands)]
        results = [[*by[:position], size, *by[position + 1 :]] for by in results for size in sizes]
    return [_combined(rule_set, by) for by in results]


def _combined(rule_set: RuleSet, by: list[str | None]) -> SizeResult:
    """The result of the classes by each criterion: their class when all known ones agree."""
    known = {size for size in by if size is not None}
    conflict = len(known) > 1
    size_class = next(iter(known)) if len(known) == 1 else None
    return SizeResult(rule_set.key, *by, size_class, conflict)
