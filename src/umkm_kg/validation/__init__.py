"""Validate sentra against the cluster prerequisites with the shapes of ``shapes/criteria.ttl``.

>>> from umkm_kg.validation import validate
>>> result = validate(graph)                  # an rdflib Graph; engine="fast" or "pyshacl"
>>> result.to_json()["sentra"][0]["status"]   # "ready" | "not_ready" | "incomplete"

``validate_sources(paths)`` reads template folders, workbooks or RDF files straight into the
fast engine's store; ``validate_store(store)`` validates a pyoxigraph Store in place;
``validate_opened(store)`` what an ``umkm_kg.open_store`` store or endpoint holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading import load_source
from umkm_kg.progress import reporter
from umkm_kg.rdf_formats import is_rdf_file, rdf_format
from umkm_kg.sources import read_graph
from umkm_kg.store import EmbeddedStore, RemoteStore, Store
from umkm_kg.store.assessments import FigureCollector, load_reading_figures
from umkm_kg.store.provenance import SHAPES_GRAPH
from umkm_kg.store.terms import oversized_term
from umkm_kg.validation.fast import FastValidator, UnsupportedShape
from umkm_kg.validation.prepare import (
    add_links,
    collected_links,
    fast_store,
    prepare_store,
    query_text,
    reference_graph,
)
from umkm_kg.validation.reference import run_pyshacl
from umkm_kg.validation.shapes import Criterion, criteria, shapes_graph
from umkm_kg.validation.sources import EndpointSource, GraphSource, StoreSource
from umkm_kg.validation.verdicts import (
    CriterionVerdict,
    DataProblem,
    SentraVerdict,
    Validation,
    build_validation,
)

ENGINES = ("fast", "pyshacl")


def validate(
    data: Graph, *, as_of: datetime.date | None = None, engine: str = "fast"
) -> Validation:
    """Validate the sentra of ``data`` (not modified); ``as_of`` re-dates every sentra."""
    if engine == "pyshacl":
        graph = reference_graph(data, as_of)
        reporter().stage("checks (pySHACL)", unit="")
        results, _report = run_pyshacl(graph)
        return build_validation(GraphSource(graph), results)
    if engine != "fast":
        raise UmkmKgError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    return validate_store(fast_store(data, as_of))


def validate_store(store: ox.Store, *, as_of: datetime.date | None = None) -> Validation:
    """Validate the default graph of ``store`` with the fast engine (the store is prepared
    in place: ontology, shapes and missing size assessments are added)."""
    reporter().stage("prepare checks", unit="")
    prepare_store(store, as_of)
    results = _fast_validator().run(store)
    reporter().stage("verdicts", unit="")
    return build_validation(StoreSource(store), results)


def validate_opened(
    store: Store, *, as_of: datetime.date | None = None, engine: str = "fast"
) -> Validation:
    """Validate what an opened store holds: the embedded store through an in-memory copy of
    its graphs (the fast engine); an endpoint by the fast engine's queries run on the server
    (its sources loaded by ``umkm-kg load``, which adds the ontology, shapes and size
    assessments), or, with ``as_of`` or pySHACL, through the graph its data make."""
    if engine == "fast" and isinstance(store, EmbeddedStore):
        reporter().stage("copy the store", unit="")
        validation = validate_store(store.snapshot(), as_of=as_of)
    elif engine == "fast" and isinstance(store, RemoteStore) and as_of is None:
        validation = validate_endpoint(store)
    else:
        validation = validate(store.to_graph(), as_of=as_of, engine=engine)
    loaded = store.select(query_text("loaded-sources"))
    validation.sources = tuple(str(row["source"]) for row in loaded)
    return validation


def validate_endpoint(store: RemoteStore) -> Validation:
    """Validate what a SPARQL endpoint holds with the fast engine, every query on the server."""
    if not store.ask(f"ASK {{ GRAPH <{SHAPES_GRAPH}> {{ ?s ?p ?o }} }}"):
        raise UmkmKgError(
            f"{store.endpoint} holds no shapes graph <{SHAPES_GRAPH}>: load the data with "
            "'umkm-kg load DATA --endpoint ...' (it adds the ontology, shapes and size "
            "assessments the checks read)"
        )
    results = _fast_validator().run(store)
    reporter().stage("verdicts", unit="")
    return build_validation(EndpointSource(store), results)


def validate_sources(
    paths: Sequence[str | Path], *, as_of: datetime.date | None = None, engine: str = "fast"
) -> Validation:
    """Validate template folders / workbooks and RDF files together."""
    if not paths:
        raise UmkmKgError("no data given: name a template folder, a workbook or an RDF file")
    if engine == "pyshacl":
        validation = validate(read_graph(paths), as_of=as_of, engine=engine)
    else:
        store = ox.Store()
        collectors = [_load_into_store(store, path) for path in map(Path, paths)]
        if None not in collectors:  # every source's figures and dates, read while it loaded
            add_links(store, collected_links(collectors, as_of))
        validation = validate_store(store, as_of=as_of)
    validation.sources = tuple(str(path) for path in paths)
    return validation


def _load_into_store(store: ox.Store, path: Path) -> FigureCollector | None:
    """Load one source into the store's default graph; for a template folder or workbook,
    the size figures, members and dates read from the loader's output meanwhile."""
    if not path.exists():
        raise UmkmKgError(f"{path}: no such file or folder")
    if not is_rdf_file(path):
        with load_source(path) as loaded:
            reporter().stage("load in memory", total=loaded.triples, unit="triples")
            return load_reading_figures(
                store, loaded.ntriples_path, ox.RdfFormat.N_TRIPLES, loader_output=True, dated=True
            )
    syntax = rdf_format(path)
    reporter().stage(f"read {path.name}", unit="")
    try:
        if syntax.quads:  # named graphs merged into the default graph
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(path), format=syntax.oxigraph)
            )
        else:  # straight into the store, no Python terms
            store.bulk_load(path=str(path), format=syntax.oxigraph)
    except (SyntaxError, ValueError, OSError) as error:
        raise UmkmKgError(f"{path}: not readable as {syntax.name}: {error}") from error
    except MemoryError as error:
        raise oversized_term(path, error) or error from None
    return None


@lru_cache(maxsize=1)
def _fast_validator() -> FastValidator:
    return FastValidator(shapes_graph())


__all__ = [
    "ENGINES",
    "Criterion",
    "CriterionVerdict",
    "DataProblem",
    "SentraVerdict",
    "UnsupportedShape",
    "Validation",
    "criteria",
    "validate",
    "validate_endpoint",
    "validate_opened",
    "validate_sources",
    "validate_store",
]
