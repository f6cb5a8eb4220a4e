"""What every store offers: load sources, answer catalogue questions and your own SPARQL."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from umkm_kg.catalogue import (
    CatalogueQuery,
    get_query,
    parse_query_file,
    read_query_text,
    sparql_update_keyword,
)
from umkm_kg.errors import UmkmKgError
from umkm_kg.store.results import Rows


@dataclass(frozen=True)
class LoadReport:
    """The outcome of one load: where it went and how much."""

    source: Path
    graph: URIRef
    triples: int
    rows_loaded: int | None
    rows_rejected: int | None
    replaced: bool
    assessments: int
    notes: tuple[str, ...] = ()
    # per table: its rows, those with a region at kecamatan level, with an activity concept
    # ... as the loader counted them (umkm_kg.loading.rows.COVERAGE)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)


class Store(ABC):
    """A SPARQL store: the embedded one on this machine or a remote endpoint."""

    notice: str | None = None  # something the user should know, e.g. opened read-only

    @abstractmethod
    def load(
        self, path: str | Path, mapping: str = "template", *, name: str | None = None
    ) -> LoadReport:
        """Load one source into its own named graph, replacing an earlier load of it."""

    @abstractmethod
    def select(self, sparql: str, bindings: dict[str, Identifier] | None = None) -> Rows:
        """Run a SELECT (or ASK) query over the union of all graphs, parameters bound."""

    @abstractmethod
    def to_graph(self) -> Graph:
        """All triples of all graphs as one rdflib Graph (e.g. for SHACL validation)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, name: str, **params: object) -> Rows:
        """Answer a catalogue question (``umkm-kg queries`` lists them) with its parameters."""
        return self.run(get_query(name), params)

    def query_file(self, path: str | Path, **params: object) -> Rows:
        """Run your own ``.rq`` file; parameters must be declared in its header (``# param:``)."""
        path = Path(path)
        if not path.is_file():
            raise UmkmKgError(f"{path}: no such query file")
        text = read_query_text(path)
        update = sparql_update_keyword(text)
        if update:
            raise UmkmKgError(
                f"{path} is a SPARQL update ({update} ...): queries here only read, updates are "
                "refused. To add data, put it in a file (Turtle, N-Triples or the template) and "
                "load it: umkm-kg load FILE (it goes into its own named graph, with provenance)"
            )
        try:
            query = parse_query_file(path)
        except UmkmKgError:
            if params:
                raise
            query = CatalogueQuery(path.stem, path, {}, {}, (), text)
        return self.run(query, params)

    def query_df(  # pandas is optional
        self, name: str, *, labels: bool = False, lang: str = "id", **params: object
    ):
        """A catalogue question's rows as a pandas DataFrame (needs pandas); with
        ``labels=True`` a ``<column>_label`` column beside each column of IRIs, in ``lang``."""
        rows = self.query(name, **params)
        if labels:
            from umkm_kg.store.labels import with_labels

            rows = with_labels(self, rows, lang)
        return rows.to_df()

    def run(self, query: CatalogueQuery, params: dict[str, object] | None = None) -> Rows:
        """Run a parsed query with its parameters (defaults applied, values bound), sorted."""
        return self.select(query.text, query.bindings(params)).ordered(query.order)

    def graphs(self) -> Rows:
        """The named graphs of the store with their triple counts and provenance."""
        return self.select(_GRAPHS_QUERY)


def now() -> dt.datetime:
    """The current time, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


_GRAPHS_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?graph ?triples ?source ?loaded
WHERE {
  { SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph }
  OPTIONAL {
    GRAPH ?graph { ?graph dcterms:source ?source ; prov:wasGeneratedBy/prov:endedAtTime ?loaded }
  }
}
ORDER BY ?graph
"""
