"""Replacing a source's graphs on a server all or nothing: stage, then switch in one request.

Virtuoso applies each operation of an update request on its own (a later failing operation
leaves the earlier ones done), and its bulk loader commits file by file. So a load writes
into fresh staging graphs first (``id:graph/staging/{uuid}``): a failure there drops them and
leaves the source's graphs as they were. Only then one request moves every staging graph onto
its target (``MOVE`` replaces the target); Oxigraph applies it as one transaction. Each target
is then counted against its staging graph, so that a switch the server did not finish is an
error naming what to load again, never a silent partial graph.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import ID
from umkm_kg.progress import EVERY, reporter
from umkm_kg.store.assessments import FigureCollector, write_assessments
from umkm_kg.store.base import LoadReport, now
from umkm_kg.store.provenance import (
    SourceInfo,
    assessment_graph_iri,
    provenance_graph,
    source_graph_iri,
    vocabulary_graphs,
)
from umkm_kg.store.shared import REFERENCE_GRAPH, is_shared, split_shared
from umkm_kg.store.sources import PreparedSource

if TYPE_CHECKING:
    from umkm_kg.store.remote import RemoteStore

CHUNK = 10_000  # triples per INSERT DATA request


@dataclass
class StagedSource:
    """A source read and checked, its graphs' triples ready to send (target IRI -> triples)."""

    source: PreparedSource
    graph: str
    graphs: dict[str, list[ox.Triple]]
    triples: int
    assessments: int
    # triples added to a graph without replacing it: reference nodes (docs/model.md)
    added: dict[str, list[ox.Triple]] = field(default_factory=dict)

    def report(self, replaced: bool) -> LoadReport:
        """The load's report once the graphs are on the server."""
        return LoadReport(
            self.source.path,
            source_graph_iri(self.source.name),
            self.triples,
            self.source.rows_loaded,
            self.source.rows_rejected,
            replaced,
            self.assessments,
            self.source.notes,
            self.source.coverage,
        )


def stage_source(source: PreparedSource, started: dt.datetime, path: str | Path) -> StagedSource:
    """Parse ``source`` strictly, check its figures, and build every graph the load writes:
    the source's graph with its provenance, its size assessments and the vocabulary graphs."""
    graph = str(source_graph_iri(source.name))
    collector = FigureCollector()
    data: list[ox.Triple] = []
    progress = reporter()
    try:
        for triple in ox.parse(path=str(source.rdf_path), format=source.rdf_format):
            collector.add(triple)
            if not is_shared(triple.subject):  # those go to the reference graph
                data.append(triple)
            if not collector.triples % EVERY:
                progress.advance(collector.triples)
    except (SyntaxError, ValueError) as error:
        raise UmkmKgError(f"{path}: not valid RDF; nothing was sent ({error})") from None
    collector.check()
    assessments = io.StringIO()
    assessment_count = write_assessments(
        collector.figures, assessments, collector.observation_figures()
    )
    info = SourceInfo(
        source.path,
        source.sha256,
        source.mapping,
        started,
        now(),
        collector.triples,
        source.rows_loaded,
        source.rows_rejected,
    )
    data += _triples(provenance_graph(source_graph_iri(source.name), info))
    graphs = {
        graph: data,
        str(assessment_graph_iri(source.name)): list(
            ox.parse(assessments.getvalue(), format=ox.RdfFormat.N_TRIPLES)
        ),
        **{str(iri): _triples(vocabulary) for iri, vocabulary in vocabulary_graphs().items()},
    }
    added = {str(REFERENCE_GRAPH): list(split_shared(collector.shared))}
    return StagedSource(source, graph, graphs, info.triples, assessment_count, added)


def staging_iri() -> str:
    """A fresh staging graph's IRI."""
    return f"{ID}graph/staging/{uuid.uuid4().hex}"


def insert_operations(graph: str, triples: list[ox.Triple], chunk: int = CHUNK) -> Iterator[str]:
    """Update requests writing ``triples`` into ``graph``: ``INSERT DATA`` in chunks; the
    triples with blank nodes in one ``INSERT ... WHERE {}`` (Virtuoso refuses blank nodes in
    ``INSERT DATA``; one request keeps each blank node one node)."""
    plain = [t for t in triples if not _has_blank(t)]
    for start in range(0, len(plain), chunk):
        lines = "\n".join(f"{t} ." for t in plain[start : start + chunk])
        yield f"INSERT DATA {{ GRAPH <{graph}> {{\n{lines}\n}} }}"
    blank = [t for t in triples if _has_blank(t)]
    if blank:
        lines = "\n".join(f"{t} ." for t in blank)
        yield f"INSERT {{ GRAPH <{graph}> {{\n{lines}\n}} }} WHERE {{}}"


def switch_graphs(
    store: RemoteStore,
    moves: dict[str, str],
    run: Callable[[list[str]], None] | None = None,
) -> None:
    """Move each staging graph onto its target (``run`` sends the operations; default: one
    update request), then check every target holds what its staging graph held."""
    counts = {staging: store.triples_in(staging) for staging in moves}
    operations = [
        f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{target}>"
        if counts[staging]
        else f"DROP SILENT GRAPH <{target}>"
        for staging, target in moves.items()
    ]
    try:
        if run is None:
            store.update(" ;\n".join(operations))
        else:
            run(operations)
    except UmkmKgError as error:
        store.drop_silently(list(moves))
        raise UmkmKgError(
            f"{error}; switching to the new graphs failed, the endpoint may hold some of them: "
            "load the source again"
        ) from None
    wrong = [t for s, t in moves.items() if store.triples_in(t) != counts[s]]
    if wrong:
        raise UmkmKgError(
            f"the endpoint did not replace {', '.join(f'<{t}>' for t in wrong)} completely: "
            "load the source again"
        )


def _triples(graph: Graph) -> list[ox.Triple]:
    return list(ox.parse(graph.serialize(format="nt", encoding="utf-8"),
                         format=ox.RdfFormat.N_TRIPLES))  # fmt: skip


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)
