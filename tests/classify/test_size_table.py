"""The size rules come from one table: ontology/size-rules.toml -> size-criteria.ttl."""

from __future__ import annotations

import copy
import datetime
import re
from decimal import Decimal

from rdflib import Graph
from rdflib.namespace import SKOS

from umkm_kg.classify.classifier import Figures, classify_figures
from umkm_kg.classify.rules import read_rule_sets, rule_sets
from umkm_kg.resources import resource_path
from umkm_kg.size_rules_build import OUTPUT, generate, main, read_table


def test_committed_turtle_is_the_generators_output():
    committed = resource_path("ontology", OUTPUT).read_text(encoding="utf-8")
    assert committed == generate(read_table()), "run: python -m umkm_kg.size_rules_build"
    assert main(["--check"]) == 0


def _numbers_id(text: str) -> list[Decimal]:
    """Amounts as the Indonesian prose writes them: Rp1.000.000,00 or 5 orang."""
    found = re.findall(r"Rp([\d.]+),00|(\d[\d.]*) orang", text)
    return [Decimal((money or people).replace(".", "")) for money, people in found]


def _numbers_en(text: str) -> list[Decimal]:
    """Amounts as the English prose writes them: Rp 1,000,000 or 5 workers."""
    found = re.findall(r"Rp ([\d,]+)|(?:least|most|than) (\d[\d,]*)(?= and| workers)", text)
    return [Decimal((money or people).replace(",", "")) for money, people in found]


def test_every_definition_states_the_bounds_of_its_restriction():
    """The prose in both languages names exactly the bounds the OWL restriction holds."""
    ontology = Graph().parse(resource_path("ontology", OUTPUT))
    checked = 0
    for rules in rule_sets():
        for criterion in rules.criteria:
            for band in criterion.bands:
                bounds = [b for b in (band.lower, band.upper) if b is not None]
                texts = {d.language: str(d) for d in ontology.objects(band.criterion_class,
                                                                        SKOS.definition)}
                assert _numbers_id(texts["id"]) == bounds, band.criterion_class
                assert _numbers_en(texts["en"]) == bounds, band.criterion_class
                checked += 1
    assert checked == sum(len(r["bands"]) for r in read_table()["rule_set"]) >= 24


def _graph(table: dict) -> Graph:
    graph = Graph().parse(resource_path("ontology", "size-model.ttl"))
    return graph.parse(data=generate(table), format="turtle")


def test_a_new_law_is_one_table_edit():
    """A hypothetical successor of PP 7/2021: close the old rule set, add the new one's bands."""
    table = copy.deepcopy(read_table())
    current = next(r for r in table["rule_set"] if r["key"] == "pp_7_2021")
    successor = copy.deepcopy(current)
    current["in_force_until"] = datetime.date(2030, 1, 1)
    successor.update(key="pp_99_2029", individual="RuleSet_PP_99_2029", class_prefix="PP_99_2029",
                     short="PP 99/2029", in_force_from=datetime.date(2030, 1, 1))
    for band in successor["bands"]:
        band["lower"] = band["lower"] * 2 if "lower" in band else None
        band["upper"] = band["upper"] * 2 if "upper" in band else None
        for side in ("lower", "upper"):
            if band[side] is None:
                del band[side]
    table["rule_set"].append(successor)
    read = {r.key: r for r in read_rule_sets(_graph(table))}
    assert read["pp_7_2021"].in_force_until == datetime.date(2030, 1, 1)
    assert read["pp_99_2029"].in_force_on(datetime.date(2031, 5, 1))
    figures = Figures(capital=Decimal(1_500_000_000))
    assert classify_figures(figures, read["pp_7_2021"]).size_class == "small"
    assert classify_figures(figures, read["pp_99_2029"]).size_class == "micro"


def test_the_generated_rule_sets_equal_the_bundled_ones():
    assert read_rule_sets(_graph(read_table())) == rule_sets()
