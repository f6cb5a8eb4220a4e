"""DATA arguments of the CLI read into one rdflib Graph.

Each path is a template folder (CSV files), an ``.xlsx`` workbook with the template's sheets,
or an RDF file (``.ttl .nt .nq .trig .jsonld .rdf .owl``). Template data goes through the
mapping engine (:func:`umkm_kg.loading.load_source`); anything unreadable is a
:class:`~umkm_kg.errors.UmkmKgError` naming the path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, Graph

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import bind_prefixes
from umkm_kg.progress import reporter
from umkm_kg.rdf_formats import is_rdf_file, rdf_format
from umkm_kg.store.terms import parse_ntriples


def read_graph(paths: Sequence[str | Path], mapping: str = "template") -> Graph:
    """Every source as one graph (named graphs of quad files are merged)."""
    graph = Graph()
    bind_prefixes(graph)
    if not paths:
        raise UmkmKgError("no data given: name a template folder, a workbook or an RDF file")
    for path in map(Path, paths):
        if not path.exists():
            raise UmkmKgError(f"{path}: no such file or folder")
        if is_rdf_file(path):
            reporter().stage(f"read {path.name}", unit="")
            _parse_rdf(graph, path)
        else:
            from umkm_kg.loading import load_source

            with load_source(path, mapping) as loaded:
                reporter().stage("load in memory", unit="")
                parse_ntriples(graph, loaded.ntriples_path)
    return graph


def _parse_rdf(graph: Graph, path: Path) -> None:
    syntax = rdf_format(path)
    try:
        if syntax.quads:
            dataset = Dataset()
            dataset.parse(path, format=syntax.rdflib)
            for subject, predicate, obj, _ in dataset.quads():
                graph.add((subject, predicate, obj))
        elif syntax.rdflib == "nt":
            parse_ntriples(graph, path)
        else:
            graph.parse(path, format=syntax.rdflib)
    except UmkmKgError:
        raise
    except Exception as error:  # rdflib raises many kinds for a malformed file
        raise UmkmKgError(f"{path}: not readable as {syntax.name}: {error}") from error
