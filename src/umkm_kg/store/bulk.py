"""Loading a large source into Virtuoso with its own bulk loader (``ld_add`` + ``rdf_loader_run``).

The source's graphs are written as N-Triples files into a folder the server may read
(``DirsAllowed`` in its ``virtuoso.ini``), registered for fresh staging graphs (or, for a graph
the server does not hold yet, for the graph itself), loaded by ``rdf_loader_run()`` and checked
in ``DB.DBA.load_list`` (the loader records a file it could not parse in ``ll_error`` and
reports nothing itself). Only when every file loaded are the staging graphs moved onto the
source's graphs (:func:`umkm_kg.store.staging.switch_graphs`); a failure drops what this load
wrote and leaves the source's graphs as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from umkm_kg.errors import UmkmKgError
from umkm_kg.progress import reporter
from umkm_kg.store.assessments import source_figures, write_assessments
from umkm_kg.store.base import LoadReport, now
from umkm_kg.store.provenance import (
    SourceInfo,
    assessment_graph_iri,
    provenance_graph,
    source_graph_iri,
    vocabulary_graphs,
)
from umkm_kg.store.remote import RemoteStore
from umkm_kg.store.shared import REFERENCE_GRAPH, SHARED_LINE_STARTS, is_shared, split_shared
from umkm_kg.store.sources import PreparedSource, prepared
from umkm_kg.store.staging import staging_iri, switch_graphs

Sql = Callable[[str], str]  # runs SQL statements on the server, returns isql's output
_ERROR_MARK = "umkm-kg-load-error"


def bulk_load(
    store: RemoteStore,
    path: str | Path,
    sql: Sql,
    folder: Path,
    mapping: str = "template",
    *,
    name: str | None = None,
) -> LoadReport:
    """Load one source through Virtuoso's bulk loader; ``folder`` must be in the server's
    ``DirsAllowed`` and on its file system, ``sql`` run statements as a user who may call
    the loader (``dba``). Queries and counts go through ``store``'s endpoint."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise UmkmKgError(f"--bulk-dir {folder}: no such folder")
    started, progress = now(), reporter()
    with prepared(Path(path), mapping, name) as source:
        graph = str(source_graph_iri(source.name))
        replaced = store.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        progress.stage("check figures", total=source.triples, unit="triples")
        files, triples, assessments = _write_files(source, folder, started, path)
        # a graph the server does not hold yet is loaded in place (nothing to keep if the load
        # fails, and no MOVE of a national graph); one it holds, into its staging graph
        # the reference graph only grows: added to in place, never replaced nor dropped
        into = {
            staging: target
            if target == REFERENCE or not store.ask(f"ASK {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
            else staging
            for staging, (target, _) in files.items()
        }
        progress.stage("virtuoso: bulk load", unit="")
        try:
            _run_loader(sql, {into[staging]: file for staging, (_, file) in files.items()})
        except BaseException as error:
            _drop(sql, [graph for graph in into.values() if graph != REFERENCE])
            if not isinstance(error, _LoaderFailed):  # files the loader refused are kept
                _remove(files)
            raise
        _remove(files)
        moves = {s: target for s, (target, _) in files.items() if into[s] == s}
        if moves:
            progress.stage("virtuoso: switch graphs", unit="")
            switch_graphs(store, moves, run=lambda ops: _sparql(sql, ops))
    return LoadReport(
        source.path,
        source_graph_iri(source.name),
        triples,
        source.rows_loaded,
        source.rows_rejected,
        replaced,
        assessments,
        source.notes,
        source.coverage,
    )


def _write_files(
    source: PreparedSource, folder: Path, started: dt.datetime, path: str | Path
) -> tuple[dict[str, tuple[str, Path]], int, int]:
    """The N-Triples file of each graph the load writes: {staging IRI: (target, file)}."""
    try:
        figures = source_figures(
            source.rdf_path, source.rdf_format, loader_output=source.is_loader_output
        )
    except (SyntaxError, ValueError) as error:
        raise UmkmKgError(f"{path}: not valid RDF; nothing was loaded ({error})") from None
    stem = staging_iri().rsplit("/", 1)[1]
    files: dict[str, tuple[str, Path]] = {}

    def file_for(target: str, suffix: str) -> Path:
        file = folder / f"{stem}-{suffix}.nt"
        files[staging_iri()] = (target, file)
        return file

    data = file_for(str(source_graph_iri(source.name)), "data")
    if source.is_loader_output and source.rdf_format == ox.RdfFormat.N_TRIPLES:
        # our loaders' lines: those about reference and vocabulary subjects leave the source
        with source.rdf_path.open("rb") as lines, data.open("wb") as out:
            out.writelines(line for line in lines if not line.startswith(SHARED_LINE_STARTS))
        triples = source.triples if source.triples is not None else figures.triples
    else:  # an RDF file: written again as N-Triples, the form the loader reads best
        ox.serialize(
            (
                triple
                for triple in ox.parse(path=str(source.rdf_path), format=source.rdf_format)
                if not is_shared(triple.subject)
            ),
            output=str(data),
            format=ox.RdfFormat.N_TRIPLES,
        )
        triples = figures.triples
    info = SourceInfo(
        source.path, source.sha256, source.mapping, started, now(), triples,
        source.rows_loaded, source.rows_rejected,
    )  # fmt: skip
    with data.open("ab") as out:
        graph = source_graph_iri(source.name)
        out.write(provenance_graph(graph, info).serialize(format="nt", encoding="utf-8"))
    assessments = io.StringIO()
    count = write_assessments(figures.figures, assessments, figures.observation_figures())
    file_for(str(assessment_graph_iri(source.name)), "assessments").write_text(
        assessments.getvalue(), encoding="utf-8"
    )
    reference = split_shared(figures.shared)
    if reference:
        ox.serialize(reference, output=str(file_for(REFERENCE, "reference")),
                     format=ox.RdfFormat.N_TRIPLES)  # fmt: skip
    for iri, vocabulary in vocabulary_graphs().items():
        file_for(str(iri), iri.rsplit("/", 1)[1]).write_bytes(
            vocabulary.serialize(format="nt", encoding="utf-8")
        )
    return files, triples, count


REFERENCE = str(REFERENCE_GRAPH)


class _LoaderFailed(UmkmKgError):
    """The bulk loader recorded an error for a file (``DB.DBA.load_list.ll_error``)."""


def _remove(files: dict[str, tuple[str, Path]]) -> None:
    for _, file in files.values():
        file.unlink(missing_ok=True)


def _run_loader(sql: Sql, files: dict[str, Path]) -> None:
    """Register each file for its staging graph, run the loader, and read its errors."""
    names = ", ".join(_quoted(str(file)) for file in files.values())
    statements = [f"DB.DBA.ld_add({_quoted(str(f))}, {_quoted(g)});" for g, f in files.items()]
    statements += [
        "DB.DBA.rdf_loader_run();",
        "checkpoint;",
        f"SELECT '{_ERROR_MARK}', ll_file, ll_error FROM DB.DBA.load_list "
        f"WHERE ll_file IN ({names}) AND (ll_error IS NOT NULL OR ll_state <> 2);",
    ]
    output = sql("\n".join(statements) + "\n")
    failed = [line.split(_ERROR_MARK, 1)[1].strip() for line in output.splitlines()
              if _ERROR_MARK in line]  # fmt: skip
    if failed:
        kept = ", ".join(str(f) for f in files.values())
        raise _LoaderFailed(
            f"Virtuoso's bulk loader failed: {'; '.join(failed)[:800]} (nothing was replaced; "
            f"the files are kept: {kept})"
        )


def _sparql(sql: Sql, operations: list[str]) -> None:
    sql("".join(f"SPARQL {operation};\n" for operation in operations))


def _drop(sql: Sql, graphs: list[str]) -> None:
    with contextlib.suppress(UmkmKgError):  # the error that brought us here matters more
        _sparql(sql, [f"DROP SILENT GRAPH <{graph}>" for graph in graphs])


def _quoted(text: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"
