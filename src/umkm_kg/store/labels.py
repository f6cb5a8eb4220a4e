"""Labels next to IRIs: a column ``<name>_label`` beside every result column that holds IRIs,
with the label in the wanted language where there is one (region names for region IRIs such as
``id:region/35.71``, kind and type labels for the ontology's terms, names of sentra and firms).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from umkm_kg.store.results import Rows
from umkm_kg.store.terms import to_sparql

if TYPE_CHECKING:
    from umkm_kg.store.base import Store

BATCH = 1000
SUFFIX = "_label"


@cache
def _labels_query() -> str:
    return (Path(__file__).parent / "labels.rq").read_text(encoding="utf-8")


def labels(store: Store, iris: set[str], lang: str = "id") -> dict[str, str]:
    """A label for each IRI that has one: in ``lang``, else without a language, else any."""
    chosen: dict[str, tuple[int, str]] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), BATCH):
        batch = " ".join(to_sparql(URIRef(iri)) for iri in ordered[start : start + BATCH])
        for row in store.select(_labels_query().replace("IRIS", batch, 1)):
            rank = 0 if row["lang"] == lang else 1 if not row["lang"] else 2
            iri = str(row["iri"])
            if iri not in chosen or rank < chosen[iri][0]:
                chosen[iri] = (rank, str(row["label"]))
    return {iri: label for iri, (_rank, label) in chosen.items()}


def with_labels(store: Store, rows: Rows, lang: str = "id") -> Rows:
    """``rows`` with a ``<name>_label`` column right after each column that holds an IRI
    (empty where the IRI has no label; a name already taken is left as it is)."""
    columns = [v for v in rows.variables if any(isinstance(r[v], URIRef) for r in rows)]
    found = labels(store, {str(r[v]) for r in rows for v in columns if r[v] is not None}, lang)
    variables: list[str] = []
    added: dict[str, str] = {}
    for variable in rows.variables:
        variables.append(variable)
        if variable in columns and variable + SUFFIX not in rows.variables:
            variables.append(variable + SUFFIX)
            added[variable + SUFFIX] = variable
    labelled = [
        {v: (found.get(str(row[added[v]])) if v in added else row[v]) for v in variables}
        for row in rows
    ]
    return Rows(variables, labelled)
