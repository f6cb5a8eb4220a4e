"""Build a store's next generation: the current content, less the graphs a write replaces.

Two ways, picked by size: a checkpoint of the current generation (hard links, instant) from
which the replaced graphs are deleted quad by quad, or a fresh generation into which every
other graph is copied (dumped and bulk-loaded). Only a generation this module built, flushed
and closed (it holds :data:`FLUSHED`) is checkpointed: a checkpoint leaves out what is still in
RocksDB's write-ahead log, which a store written otherwise (before generations, or by an
``oxigraph serve`` allowed to write) may hold; such a store is copied. Oxigraph deletes a quad
in about :data:`DELETE_US` microseconds and copies one in about :data:`COPY_US`, so reloading a
large source next to small ones copies the small ones, and a small source next to large ones
deletes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import BinaryIO, TypeVar

import pyoxigraph as ox

from umkm_kg.progress import reporter
from umkm_kg.store.generations import StoreFolder, stage

FLUSHED = "umkm-kg-flushed"
# per quad, 300,000 quads in a named graph on the 2-core development machine (2026-12-02):
DELETE_US = 40  # quad by quad in batches: 39 µs
COPY_US = 30  # dump as N-Triples 11 µs + bulk load 18 µs
_DELETE_BATCH = 100_000
T = TypeVar("T")


def write_generation(
    folder: StoreFolder,
    current: ox.Store | None,
    current_location: Path | None,
    replacing: Sequence[ox.NamedNode],
    write: Callable[[ox.Store], T],
) -> tuple[str, T]:
    """Build the next generation from ``current`` without ``replacing``, let ``write`` add to
    it, and make it current; returns its name and what ``write`` returned. The caller holds the
    writer lock. Any failure removes the unfinished generation: the current one is untouched."""
    name = folder.next_name()
    build = folder.location(name)
    progress = reporter()
    try:
        checkpoint = current_location is not None and (current_location / FLUSHED).exists()
        progress.stage("store: keep other graphs", unit="")
        target = _start(build, current, replacing, checkpoint=checkpoint)
        result = write(target)
        stage("written")
        progress.stage("store: flush", unit="")
        target.flush()
        del target  # closes the RocksDB store before it is synced and becomes current
        (build / FLUSHED).touch()
    except BaseException:
        _discard(build)
        raise
    folder.flip(name)
    return name, result


def replace_graph(store: ox.Store, name: ox.NamedNode, ntriples: bytes) -> None:
    """Put ``ntriples`` in graph ``name`` of a generation being built, instead of what it held."""
    delete_graph(store, name)
    store.load(input=ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=name)


def delete_graph(store: ox.Store, graph: ox.NamedNode) -> None:
    """Remove ``graph`` quad by quad in batches (faster than one ``remove_graph`` transaction
    on a large graph), then its name."""
    if not store.contains_named_graph(graph):
        return
    while batch := list(islice(store.quads_for_pattern(None, None, None, graph), _DELETE_BATCH)):
        for quad in batch:
            store.remove(quad)
        stage("deleting")
    store.remove_graph(graph)


def copy_is_cheaper(current: ox.Store, replaced: Sequence[ox.NamedNode]) -> bool:
    """Whether copying the other graphs costs less than deleting ``replaced`` ones."""
    dropped = sum(_count(current, graph) for graph in replaced)
    return (len(current) - dropped) * COPY_US < dropped * DELETE_US


def _start(
    build: Path,
    current: ox.Store | None,
    replacing: Sequence[ox.NamedNode],
    *,
    checkpoint: bool,
) -> ox.Store:
    if current is None:
        return ox.Store(str(build))
    replaced = [graph for graph in replacing if current.contains_named_graph(graph)]
    if not checkpoint or (replaced and copy_is_cheaper(current, replaced)):
        return _copy_without(build, current, replaced)
    current.backup(str(build))
    stage("checkpointed")
    store = ox.Store(str(build))
    for graph in replaced:
        delete_graph(store, graph)
    return store


def _copy_without(build: Path, current: ox.Store, replaced: list[ox.NamedNode]) -> ox.Store:
    """A fresh store holding every graph of ``current`` but ``replaced``, in one bulk load."""
    store = ox.Store(str(build))
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += [graph for graph in current.named_graphs() if graph not in replaced]
    with TemporaryDirectory() as scratch:
        part, quads = Path(scratch) / "graph.nt", Path(scratch) / "graphs.nq"
        with quads.open("wb") as out:
            for graph in graphs:
                current.dump(str(part), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                _append_as_quads(part, graph, out)
        stage("copying")
        for graph in graphs[1:]:
            store.add_graph(graph)  # kept even when empty
        store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS, lenient=True)
    return store


def _append_as_quads(
    ntriples: Path, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, out: BinaryIO
) -> None:
    """Write the lines of an N-Triples dump to ``out`` as quads of ``graph``: a line ends with
    `` .`` (a literal cannot hold a raw line break in N-Triples)."""
    end = b" .\n" if isinstance(graph, ox.DefaultGraph) else f" {graph} .\n".encode()
    with ntriples.open("rb") as lines:
        while chunk := lines.readlines(1 << 22):
            out.write(b"".join(chunk).replace(b" .\n", end))


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)


def _discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)
