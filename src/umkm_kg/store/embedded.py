"""The embedded store: a persistent pyoxigraph store on this machine."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import bind_prefixes
from umkm_kg.progress import reporter
from umkm_kg.store.assessments import load_reading_figures, write_assessments
from umkm_kg.store.base import LoadReport, Store, now
from umkm_kg.store.generations import ReaderLock, StoreFolder, WriterLock, stage
from umkm_kg.store.provenance import (
    SourceInfo,
    assessment_graph_iri,
    provenance_graph,
    source_graph_iri,
    vocabulary_graphs,
)
from umkm_kg.store.results import Rows
from umkm_kg.store.shared import move_shared
from umkm_kg.store.sources import PreparedSource, prepared
from umkm_kg.store.terms import from_oxigraph, oversized_term, python_value, to_oxigraph
from umkm_kg.store.writing import replace_graph, write_generation

STORE_ENV = "UMKM_KG_STORE"
WAIT_ENV = "UMKM_KG_STORE_WAIT"
DEFAULT_WAIT = 10.0
T = TypeVar("T")


def default_store_path() -> Path:
    """``$UMKM_KG_STORE``, else ``$XDG_DATA_HOME/umkm-kg/store`` (``~/.local/share/...``)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "umkm-kg" / "store"


class _Opened:
    """A generation opened for reading, with its reader lock, released once nothing uses it."""

    def __init__(self, name: str | None, store: ox.Store, lock: ReaderLock) -> None:
        self.name, self.store, self.lock = name, store, lock

    def __del__(self) -> None:
        self.lock.release()


def default_wait() -> float:
    """Seconds a write waits for another writer: ``$UMKM_KG_STORE_WAIT``, else 10."""
    try:
        return float(os.environ.get(WAIT_ENV) or DEFAULT_WAIT)
    except ValueError:
        raise UmkmKgError(f"${WAIT_ENV} must be a number of seconds") from None


def _ntriples(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


def _not_rdf(path: Path, error: Exception) -> UmkmKgError:
    return UmkmKgError(f"{path}: not valid RDF; the store is unchanged ({error})")


def read_only_notice(path: Path) -> str | None:
    """What to tell the user when the store at ``path`` cannot be written here, else None."""
    if path.is_dir() and not os.access(path, os.W_OK):
        return (
            f"the store at {path} cannot be written here (read-only file system or "
            "no write permission): it is opened read-only, loads are refused"
        )
    return None


class EmbeddedStore(Store):
    """A pyoxigraph store in a folder; each source in its own named graph.

    Reads see the store's current generation (:mod:`umkm_kg.store.generations`) as it was when
    opened or last :meth:`refresh`-ed, while other processes may load. Each write (``load``,
    ``add_graph``, ``update``) builds the next generation under the store's write lock and makes
    it current at once: after a failure or a ``kill -9`` at any moment the store holds exactly
    what it held before or exactly the new content. A write waits ``wait`` seconds
    (``$UMKM_KG_STORE_WAIT``, default 10) for another writer, then refuses naming it.
    """

    def __init__(
        self, path: str | Path | None = None, *, wait: float | None = None, read_only: bool = False
    ) -> None:
        self.path = Path(path).expanduser() if path else default_store_path()
        self.wait = default_wait() if wait is None else wait
        self.read_only = read_only
        self.notice: str | None = None  # what a command should tell the user about this store
        if self.path.exists() and not self.path.is_dir():
            raise UmkmKgError(f"{self.path} is a file, not a store folder")
        if not read_only:
            self.notice = read_only_notice(self.path)
            self.read_only = self.notice is not None
        self._folder = StoreFolder(self.path)
        self._opened = _Opened(None, ox.Store(), ReaderLock(None))
        self._open_current()

    @classmethod
    def open_read_only(cls, path: str | Path | None = None) -> EmbeddedStore:
        """The store at ``path`` for reading only (e.g. for a server): it never writes, takes no
        write lock, and :meth:`refresh` shows what loads made current meanwhile."""
        store = cls(path, read_only=True)
        if store.generation is None:
            store.close()
            raise UmkmKgError(f"no store at {store.path} (load data first: umkm-kg load DATA)")
        return store

    @property
    def generation(self) -> str | None:
        """The name of the generation read now (None while the store is empty)."""
        return self._opened.name

    @contextmanager
    def reading(self) -> Iterator[ox.Store]:
        """The pyoxigraph store of the generation read now (read-only), for SPARQL results in
        any format; its files stay while the block runs, even when :meth:`refresh` switches."""
        opened = self._opened
        yield opened.store

    @property
    def location(self) -> Path | None:
        """The RocksDB folder of the generation read now (None while the store is empty)."""
        return None if self.generation is None else self._folder.location(self.generation)

    def refresh(self) -> bool:
        """Read the current generation if a load made another one current; whether it did."""
        if self._folder.current() == self.generation:
            return False
        self._open_current()
        return True

    def close(self) -> None:
        """Release the store's files (and the generation's reader lock)."""
        opened = self.__dict__.pop("_opened", None)
        if opened is not None:
            opened.lock.release()

    def select(self, sparql: str, bindings: dict[str, Identifier] | None = None) -> Rows:
        """Run a SELECT or ASK query over the union of graphs; parameters are substituted."""
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        opened = self._opened  # kept while the rows are read, whatever refresh() does
        try:
            result = opened.store.query(
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
        ontology, shapes and size outcomes refreshed. All of it goes into the store's next
        generation, which becomes current only when complete: on any failure the store is as
        it was.
        """
        started = now()
        self._check_writable()
        with prepared(Path(path), mapping, name) as source:
            graph = source_graph_iri(source.name)
            targets = (ox.NamedNode(graph), ox.NamedNode(assessment_graph_iri(source.name)))
            vocabulary = vocabulary_graphs()
            written = [*targets, *(ox.NamedNode(str(iri)) for iri in vocabulary)]
            try:
                replaced, triples, assessments = self._write(
                    written,
                    lambda store: self._load_into(store, source, targets, started, vocabulary),
                )
            except SyntaxError as error:
                raise _not_rdf(path, error) from None
            except MemoryError as error:  # a literal larger than the parser's buffer
                raise oversized_term(path, error) or error from None
            except (OSError, RuntimeError, ValueError) as error:
                raise UmkmKgError(
                    f"{path}: loading failed ({error}); the store is unchanged"
                ) from None
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

    def _load_into(
        self,
        target: ox.Store,
        source: PreparedSource,
        graphs: tuple[ox.NamedNode, ox.NamedNode],
        started: dt.datetime,
        vocabulary: dict[URIRef, Graph],
    ) -> tuple[bool, int, int]:
        """Write ``source`` into the generation being built; (replaced, triples, assessments)."""
        replaced = any(self._store.contains_named_graph(g) for g in graphs)
        progress = reporter()
        progress.stage("store: bulk load", total=source.triples, unit="triples")
        figures = load_reading_figures(
            target,
            source.rdf_path,
            source.rdf_format,
            loader_output=source.is_loader_output,
            to_graph=graphs[0],
        )
        move_shared(target, graphs[0], figures.shared)  # docs/model.md
        stage("source-loaded")
        triples = source.triples if source.triples is not None else figures.triples
        with TemporaryDirectory() as scratch:
            assessments_path = Path(scratch) / "assessments.nt"
            with assessments_path.open("w", encoding="utf-8") as out:
                assessments = write_assessments(figures.figures, out, figures.observation_figures())
            target.bulk_load(
                path=str(assessments_path),
                format=ox.RdfFormat.N_TRIPLES,
                to_graph=graphs[1],
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
        provenance = provenance_graph(URIRef(graphs[0].value), info)
        progress.stage("store: vocabularies", unit="")
        target.load(input=_ntriples(provenance), format=ox.RdfFormat.N_TRIPLES, to_graph=graphs[0])
        for iri, graph in vocabulary.items():
            replace_graph(target, ox.NamedNode(str(iri)), _ntriples(graph))
        return replaced, triples, assessments

    def add_graph(self, graph: Graph, name: URIRef) -> int:
        """Replace named graph ``name`` with ``graph``, all or nothing; returns its size."""
        node = ox.NamedNode(str(name))
        data = _ntriples(graph)
        self._check_writable()
        self._write([node], lambda store: replace_graph(store, node, data))
        return len(graph)

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update, all or nothing (e.g. an authorised write through a server)."""
        self._check_writable()
        try:
            self._write([], lambda store: store.update(sparql))
        except SyntaxError as error:
            raise UmkmKgError(f"the update is not valid SPARQL: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise UmkmKgError(f"the update failed ({error}); the store is unchanged") from None

    def _check_writable(self) -> None:
        if self.read_only:
            raise UmkmKgError(
                self.notice or f"the store at {self.path} was opened read-only: loads are refused"
            )

    def _write(self, replacing: Sequence[ox.NamedNode], write: Callable[[ox.Store], T]) -> T:
        """Run ``write`` on the next generation under the write lock and make it current."""
        made = self._folder.create()
        with WriterLock(self._folder, self.wait):
            try:
                self._folder.remove_stale(keep=self._folder.current())
                self.refresh()
                current = None if self.generation is None else self._store
                _, result = write_generation(self._folder, current, self.location, replacing, write)
                del current
                self._open_current()
                self._folder.remove_stale(keep=self.generation)
            except BaseException:
                if made and self._folder.current() is None:
                    self._folder.remove_all(made)  # a failed first load leaves no folder
                raise
        return result

    def _open_current(self) -> None:
        """Read the current generation (an empty store while there is none)."""
        generation, lock = ReaderLock.shared(self._folder)
        try:
            if generation is None:
                store = ox.Store()
            else:
                store = ox.Store.read_only(str(self._folder.location(generation)))
        except (OSError, RuntimeError) as error:  # RocksDB reports corruption as RuntimeError
            lock.release()
            raise UmkmKgError(
                f"cannot open the store at {self.path}: {error} (its files are damaged: "
                "restore the folder from a copy, or load the sources into a new --store folder)"
            ) from None
        self._opened = _Opened(generation, store, lock)  # the previous one is released when
        # no query reads it any more

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

    @property
    def _store(self) -> ox.Store:
        return self._opened.store

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"
