"""Benchmark of the size classifier against a naive baseline, both on the same firms.

    python bench/bench_classify.py [--firms 350000] [--repeat 5] [--baseline-firms 2000]
                                   [--graph-firms N]

Measures (medians of ``--repeat`` runs):
  * ``classify_figures``: every firm under the legal rule set in force and BPS by workers;
  * baseline: per firm, read the bounds from the ontology graph again and test every
    criterion class (what code that does not precompute the bands would do), on
    ``--baseline-firms`` firms, scaled per firm;
  * ``classify_graph``: the firms as an rdflib graph (building the graph not timed), beside
    the bare cost of iterating the triples it reads, and ``assessment_triples`` on it.
Figures are random but deterministic (seeded) and spread over every band.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
from decimal import Decimal

from rdflib import OWL, RDF, XSD, Graph, Literal
from rdflib.collection import Collection

from umkm_kg.classify import (
    Figures,
    assessment_triples,
    classify_figures,
    classify_graph,
    rule_set_in_force,
    statistical_rule_sets,
)
from umkm_kg.namespaces import ID, ORG, UMKM
from umkm_kg.ontology import ontology_graph

AS_OF = datetime.date(2024, 6, 30)
FACETS = {
    XSD.minInclusive: lambda v, b: v >= b,
    XSD.minExclusive: lambda v, b: v > b,
    XSD.maxInclusive: lambda v, b: v <= b,
    XSD.maxExclusive: lambda v, b: v < b,
}


def synthetic_figures(count: int, seed: int = 7) -> list[Figures]:
    """Firms with log-uniform money from Rp 1 juta to Rp 100 miliar and 1-200 workers;
    one in ten misses each figure."""
    rng = random.Random(seed)

    def money() -> Decimal | None:
        return None if rng.random() < 0.1 else Decimal(int(10 ** rng.uniform(6, 11)))

    return [
        Figures(
            net_assets=money(),
            capital=money(),
            annual_sales=money(),
            workers=None if rng.random() < 0.1 else int(10 ** rng.uniform(0, 2.3)),
        )
        for _ in range(count)
    ]


def fast(firms: list[Figures]) -> int:
    """The classifier: one legal rule set and BPS per firm; returns the firms with a class."""
    legal = rule_set_in_force(AS_OF)
    [bps] = statistical_rule_sets()
    classified = 0
    for figures in firms:
        if classify_figures(figures, legal).size_class is not None:
            classified += 1
        classify_figures(figures, bps)
    return classified


def as_graph(firms: list[Figures]) -> Graph:
    """The firms as RDF (docs/model.md): one dated sentra per 35 firms."""
    graph = Graph()
    fields = {
        UMKM.netAssetsIDR: "net_assets",
        UMKM.capitalIDR: "capital",
        UMKM.annualSalesIDR: "annual_sales",
    }
    sentra = None
    for index, figures in enumerate(firms):
        if index % 35 == 0:
            sentra = ID[f"sentra/bench/{index // 35}"]
            graph.add((sentra, UMKM.asOf, Literal(AS_OF)))
        firm = ID[f"enterprise/bench/{index}"]
        graph.add((firm, RDF.type, UMKM.Enterprise))
        graph.add((sentra, ORG.hasMember, firm))
        for prop, field in fields.items():
            value = getattr(figures, field)
            if value is not None:
                graph.add((firm, prop, Literal(value, datatype=XSD.decimal)))
        if figures.workers is not None:
            graph.add(
                (firm, UMKM.workers, Literal(figures.workers, datatype=XSD.nonNegativeInteger))
            )
    return graph


def read_floor(graph: Graph) -> int:
    """What classify_graph cannot avoid: iterating the triples it reads from rdflib."""
    count = 0
    for prop in (UMKM.netAssetsIDR, UMKM.capitalIDR, UMKM.annualSalesIDR, UMKM.workers):
        count += sum(1 for _ in graph.subject_objects(prop))
    count += sum(1 for _ in graph.subjects(RDF.type, UMKM.Enterprise))
    count += sum(1 for _ in graph.subject_objects(ORG.hasMember))
    return count


def naive(firms: list[Figures], ontology: Graph) -> int:
    """Baseline: per firm, walk the ontology's criterion classes and test their facets."""
    fields = {
        UMKM.netAssetsIDR: "net_assets",
        UMKM.capitalIDR: "capital",
        UMKM.annualSalesIDR: "annual_sales",
        UMKM.workers: "workers",
    }
    legal = rule_set_in_force(AS_OF).iri
    classified = 0
    for figures in firms:
        sizes = set()
        for cls, rule_set in ontology.subject_objects(UMKM.criterionOfRuleSet):
            restriction = ontology.value(cls, OWL.equivalentClass)
            value = getattr(figures, fields[ontology.value(restriction, OWL.onProperty)])
            if value is None:
                continue
            data_range = ontology.value(restriction, OWL.someValuesFrom)
            facets = Collection(ontology, ontology.value(data_range, OWL.withRestrictions))
            if (
                all(
                    FACETS[facet](value, Decimal(str(bound)))
                    for node in facets
                    for facet, bound in ontology.predicate_objects(node)
                )
                and rule_set == legal
            ):
                sizes.add(ontology.value(cls, UMKM.criterionSize))
        if len(sizes) == 1:
            classified += 1
    return classified


def median_seconds(run, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_graph(firms: list[Figures], repeat: int) -> None:
    """classify_graph on the firms as RDF, beside the bare cost of reading those triples."""
    graph = as_graph(firms)
    graph_s, results = median_seconds(lambda: classify_graph(graph), repeat)
    floor_s, read = median_seconds(lambda: read_floor(graph), repeat)
    triples_s, triples = median_seconds(lambda: sum(1 for _ in assessment_triples(graph)), repeat)
    print(
        f"classify_graph: {len(results)} firms, {len(graph)} triples, median {graph_s:.2f} s "
        f"({graph_s / len(firms) * 1e6:.2f} us/firm); rdflib iteration alone over the "
        f"{read} triples it reads: median {floor_s:.2f} s ({floor_s / graph_s:.0%})"
    )
    print(
        f"assessment_triples: {triples} triples (4 assessments per firm), median {triples_s:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=350_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-firms", type=int, default=2_000)
    parser.add_argument("--graph-firms", type=int, default=None, help="default: --firms")
    args = parser.parse_args()

    firms = synthetic_figures(args.firms)
    fast(firms[:10])  # read the rule sets from the ontology once, outside the timing

    fast_s, classified = median_seconds(lambda: fast(firms), args.repeat)
    per_firm_fast = fast_s / args.firms
    print(
        f"classify_figures: {args.firms} firms, median {fast_s:.2f} s "
        f"({per_firm_fast * 1e6:.2f} us/firm), {classified} with a legal class"
    )

    ontology = ontology_graph()
    sample = firms[: args.baseline_firms]
    naive_s, naive_classified = median_seconds(lambda: naive(sample, ontology), 3)
    assert naive_classified == fast(sample), "baseline and classifier disagree"
    per_firm = naive_s / len(sample)
    print(
        f"baseline (bounds re-read per firm): {len(sample)} firms, median {naive_s:.2f} s "
        f"({per_firm * 1e6:.0f} us/firm, about {per_firm * args.firms:.0f} s for "
        f"{args.firms}); classify_figures is {per_firm / per_firm_fast:.0f}x faster"
    )

    bench_graph(firms[: args.graph_firms or args.firms], max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
