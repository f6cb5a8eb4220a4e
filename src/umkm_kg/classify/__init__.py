"""Enterprise size classification (penggolongan ukuran usaha) by dated, cited rule sets.

The rule sets and their bounds are read from ``ontology/size-criteria.ttl``; see docs/size.md.
"""

from umkm_kg.classify.classifier import Figures, SizeResult, classify_figures, possible_results
from umkm_kg.classify.figures import FigureTable, read_number
from umkm_kg.classify.graph import (
    EnterpriseSize,
    assessment_graph,
    assessment_triples,
    classify_graph,
    enterprise_figures,
    enterprise_results,
    figure_dates,
    link_lines,
    member_dates,
    outcome_graph,
    outcome_iri,
    outcome_triples,
    size_links,
)
from umkm_kg.classify.rules import (
    FIGURE_FIELDS,
    Band,
    Criterion,
    RuleSet,
    RuleSetError,
    read_rule_sets,
    rule_set,
    rule_set_in_force,
    rule_sets,
    statistical_rule_sets,
)

__all__ = [
    "FIGURE_FIELDS",
    "Band",
    "Criterion",
    "EnterpriseSize",
    "FigureTable",
    "Figures",
    "RuleSet",
    "RuleSetError",
    "SizeResult",
    "assessment_graph",
    "assessment_triples",
    "classify_figures",
    "classify_graph",
    "enterprise_figures",
    "enterprise_results",
    "link_lines",
    "figure_dates",
    "member_dates",
    "outcome_graph",
    "outcome_iri",
    "outcome_triples",
    "possible_results",
    "read_number",
    "read_rule_sets",
    "rule_set",
    "rule_set_in_force",
    "rule_sets",
    "size_links",
    "statistical_rule_sets",
]
