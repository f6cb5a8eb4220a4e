"""The KBLI 2025 <-> 2020 correspondence we ship (``reference/kbli_2025_2020.csv``) as SKOS
mapping triples, read by the similarity criteria (``shapes/criteria.ttl``).

No official correspondence table was at hand: every row is derived by umkm-kg from the titles
and descriptions of the two code lists (Peraturan BPS 2/2020 and 7/2025) and says why in its
``basis``. A 2025 code that is not in the table has no known counterpart, so a member coded
with it is open (unknown) against a 2020-coded sentra, never silently dissimilar.
"""

from __future__ import annotations

import csv
from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from umkm_kg.iris import kbli_iri
from umkm_kg.resources import resource_path

SOURCE = (
    "umkm-kg reference/kbli_2025_2020.csv: derived by umkm-kg from the titles and descriptions "
    "of KBLI 2020 (Peraturan BPS 2/2020) and KBLI 2025 (Peraturan BPS 7/2025); not an official "
    "BPS correspondence table"
)
# relation of the 2025 code to the 2020 code -> the SKOS property from the 2025 concept
RELATIONS = {
    "exact": SKOS.exactMatch,
    "broader": SKOS.narrowMatch,  # the 2020 concept is narrower than the 2025 one
    "narrower": SKOS.broadMatch,  # the 2020 concept is broader than the 2025 one
    "related": SKOS.relatedMatch,  # they overlap
}


@cache
def correspondence_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``reference/kbli_2025_2020.csv``."""
    path = resource_path("reference", "kbli_2025_2020.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = tuple(csv.DictReader(handle))
    for row in rows:
        if row["relation"] not in RELATIONS:
            raise ValueError(f"{path}: unknown relation {row['relation']!r}")
    return rows


def correspondence_graph() -> Graph:
    """One SKOS mapping triple per row, from the KBLI 2025 concept to the KBLI 2020 one."""
    graph = Graph()
    for row in correspondence_rows():
        newer, older = kbli_iri(2025, row["kbli_2025"]), kbli_iri(2020, row["kbli_2020"])
        graph.add((newer, RELATIONS[row["relation"]], older))
        graph.add((newer, DCTERMS.source, Literal(SOURCE)))
    return graph
