"""The embedded store: a persistent pyoxigraph store on this machine."""

from __future__ import annotations

import os
import uuid
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import ID, bind_prefixes
from umkm_kg.store.assessments import (
    FigureCollector,
    load_reading_figures,
    source_figures,
    write_assessments,
)
from umkm_kg.store.base import LoadReport, Store, now
from umkm_kg.store.provenance import (
    SourceInfo,
    assessment_graph_iri,
    provenance_graph,
    source_graph_iri,
    vocabulary_graphs,
)
from umkm_kg.store.results import Rows
from umkm_kg.store.sources import PreparedSource, prepared
from umkm_kg.store.terms import from_oxigraph, python_value, to_oxigraph

STORE_ENV = "UMKM_KG_STORE"
_DROP_BATCH = 100_000


def default_store_path() -> Path:
    """``$UMKM_KG_STORE``, else ``$XDG_DATA_HOME/umkm-kg/store`` (``~/.local/share/...``)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "umkm-kg" / "store"


def _figures(source: PreparedSource) -> FigureCollector:
    """The source's checked size figures (an RDF file is parsed whole, strictly: its triples
    are counted on the way)."""
    try:
        return source_figures(source.rdf_path, source.rdf_format, ours=source.checked)
    except (SyntaxError, ValueError) as error:
        raise _not_rdf(source.path, error) from None


def _not_rdf(path: Path, error: Exception) -> UmkmKgError:
    return UmkmKgError(f"{path}: not valid RDF; the store is unchanged ({error})")


class EmbeddedStore(Store):
    """A pyoxigraph store in a folder; each source in its own named graph."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_store_path()
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._store = ox.Store(str(self.path))
        except OSError as error:
            raise UmkmKgError(
                f"cannot open the store at {self.path}: {error} "
                "(is another umkm-kg process, e.g. 'umkm-kg serve', using it?)"
            ) from None

    def close(self) -> None:
        """Flush and release the store's files."""
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store

    def select(self, sparql: str, bindings: dict[str, Identifier] | None = None) -> Rows:
        """Run a SELECT or ASK query over the union of graphs; parameters are substituted."""
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(
                sparql, use_default_graph_as_union=True, substitutions=substitutions
            )
        except SyntaxError as error:
            raise UmkmKgError(f"the query is not valid SPARQL: {error}") from None
        if isinstance(result, ox.QueryBoolean):
            return Rows(["result"], [{"result": bool(result)}])
        if not isinstance(result, ox.QuerySolutions):
            raise UmkmKgError("only SELECT and ASK queries give rows; use CONSTRUCT via pyoxigraph")
        variables = [v.value for v in result.variables]
        rows = [{name: python_value(solution[name]) for name in variables} for solution in result]
        return Rows(variables, rows)

    def load(
        self, path: str | Path, mapping: str = "template", *, name: str | None = None
    ) -> LoadReport:
        """Load a source into ``id:graph/{name}`` (replacing it), with PROV-O metadata.

        The RDF is bulk-loaded (strictly for an RDF file; the loaders' own output is valid by
        construction) while its size figures are read and checked from the file; then the
        size assessments (``id:graph/size-assessments/{name}``) are bulk-loaded and the
        ontology, shapes and size outcomes refreshed in transactions. Any failure drops what
        this load wrote, so a new source leaves the store as it was; a reload is checked
        (parse, figures) before the source's earlier graphs are dropped.
        """
        started = now()
        with prepared(Path(path), mapping, name) as source, TemporaryDirectory() as scratch:
            graph = source_graph_iri(source.name)
            targets = (ox.NamedNode(graph), ox.NamedNode(assessment_graph_iri(source.name)))
            replaced = any(self._store.contains_named_graph(g) for g in targets)
            figures = None
            if replaced:  # everything checked before the earlier load is dropped
                figures = _figures(source)
            self._drop(*targets)
            try:
                if figures is None:
                    figures = load_reading_figures(
                        self._store,
                        source.rdf_path,
                        source.rdf_format,
                        ours=source.checked,
                        to_graph=targets[0],
                    )
                else:
                    self._store.bulk_load(
                        path=str(source.rdf_path),
                        format=source.rdf_format,
                        to_graph=targets[0],
                        lenient=source.checked,
                    )
                triples = source.triples if source.triples is not None else figures.triples
                assessments_path = Path(scratch) / "assessments.nt"
                with assessments_path.open("w", encoding="utf-8") as out:
                    assessments = write_assessments(
                        figures.figures, out, figures.observation_figures()
                    )
                self._store.bulk_load(
                    path=str(assessments_path),
                    format=ox.RdfFormat.N_TRIPLES,
                    to_graph=targets[1],
                    lenient=True,
                )
                info = SourceInfo(
                    path=source.path,
                    sha256=source.sha256,
                    mapping=source.mapping,
                    started=started,
                    ended=now(),
                    triples=triples,
                    rows_loaded=source.rows_loaded,
                    rows_rejected=source.rows_rejected,
                )
                self._add_graph(provenance_graph(graph, info), targets[0])
                for iri, vocabulary in vocabulary_graphs().items():
                    self.add_graph(vocabulary, iri)
            except BaseException as error:
                self._drop(*targets)  # what this load wrote goes (a new source: nothing left)
                if isinstance(error, SyntaxError):
                    raise _not_rdf(path, error) from None
                if isinstance(error, OSError | RuntimeError | ValueError):
                    lost = (
                        "its earlier load was removed, load it again"
                        if replaced
                        else "nothing was loaded"
                    )
                    raise UmkmKgError(f"{path}: loading failed ({error}); {lost}") from None
                raise
        return LoadReport(
            source=source.path,
            graph=graph,
            triples=triples,
            rows_loaded=source.rows_loaded,
            rows_rejected=source.rows_rejected,
            replaced=replaced,
            assessments=assessments,
            notes=source.notes,
            coverage=source.coverage,
        )

    def add_graph(self, graph: Graph, name: URIRef) -> int:
        """Replace named graph ``name`` with ``graph`` in one transaction; returns its size."""
        staging = self._staging_graph()
        try:
            count = self._add_graph(graph, staging)
            self._swap({staging: name})
        finally:
            self._drop(staging)
        return count

    def to_graph(self) -> Graph:
        """All triples of all named graphs as one rdflib Graph."""
        graph = Graph()
        bind_prefixes(graph)
        for quad in self._store:
            graph.add(
                (
                    from_oxigraph(quad.subject),
                    from_oxigraph(quad.predicate),
                    from_oxigraph(quad.object),
                )
            )
        return graph

    def snapshot(self) -> ox.Store:
        """An in-memory copy of the union of all graphs, as one default graph (a triple two
        graphs hold is held once), e.g. for validation, which adds to what it reads."""
        copy = ox.Store()
        with TemporaryDirectory() as scratch:
            dump = Path(scratch) / "graph.nt"
            for graph in self._store.named_graphs():
                self._store.dump(dump, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                copy.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        return copy

    @staticmethod
    def _staging_graph() -> ox.NamedNode:
        return ox.NamedNode(f"{ID}graph/staging/{uuid.uuid4().hex}")

    def _swap(self, moves: dict[ox.NamedNode, URIRef]) -> None:
        """Replace each target graph by its staging graph, all in one transactional update."""
        operations = []
        for staging, target in moves.items():
            operations += [
                f"DROP SILENT GRAPH <{target}>",
                f"ADD SILENT GRAPH <{staging.value}> TO GRAPH <{target}>",
                f"DROP SILENT GRAPH <{staging.value}>",
            ]
        self._store.update(" ;\n".join(operations))

    def _add_graph(self, graph: Graph, name: ox.NamedNode) -> int:
        self._store.load(
            input=graph.serialize(format="nt", encoding="utf-8"),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=name,
        )
        return len(graph)

    def _drop(self, *graphs: ox.NamedNode) -> None:
        """Remove ``graphs``: quad by quad, in batches, then the empty graph's name.

        One ``remove_graph`` transaction over a large graph is slow (625,000 quads: 112 s,
        quad by quad: about 26 s); the drop is part of a load that is not atomic anyway
        (``bulk_load`` is not transactional), and a failure reports the source as to load again.
        """
        for graph in graphs:
            if not self._store.contains_named_graph(graph):
                continue
            pattern = (None, None, None, graph)
            while batch := list(islice(self._store.quads_for_pattern(*pattern), _DROP_BATCH)):
                for quad in batch:
                    self._store.remove(quad)
            self._store.remove_graph(graph)

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"
