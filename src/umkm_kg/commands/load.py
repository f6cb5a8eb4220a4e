"""``umkm-kg load DATA...``: load sources into the embedded store or a SPARQL endpoint."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated, TextIO, cast

import typer
from rich.console import Console
from rich.markup import escape

from umkm_kg.cli_app import app
from umkm_kg.cli_progress import QuietOption, shown_progress
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import LoadReport, RemoteStore, Store, open_store
from umkm_kg.store.bulk import bulk_load
from umkm_kg.store.virtuoso import run_sql

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Embedded store folder [default: $UMKM_KG_STORE or ~/.local/share/umkm-kg/store]",
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint", help="A SPARQL 1.1 query endpoint URL instead of the embedded store"
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option("--token", envvar="UMKM_KG_TOKEN", help="Bearer token for the endpoint"),
]
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds to wait for an endpoint")]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar="UMKM_KG_USER",
        help="User for the endpoint (HTTP Digest, e.g. Virtuoso's /sparql-auth) and for "
        "--isql; the password is read from $UMKM_KG_PASSWORD",
    ),
]
PASSWORD_ENV = "UMKM_KG_PASSWORD"
SHOWN_NOTES = 20  # notes per source on the console; --notes FILE has them all
# The shares of a source's rows that ``load`` reports (LoadReport.coverage), in this order.
# ``candidate_kelompok`` (a candidate KBLI kelompok for free-text activity) is counted by the
# activity matcher of ``umkm-kg discover`` when it is part of the load.
COVERAGE_LABELS = {
    "region_kecamatan": "with a region at kecamatan level or below",
    "activity_concept": "with an activity concept (KBLI, any level)",
    "candidate_kelompok": "with a candidate KBLI kelompok",
}


@app.command()
def load(
    data: Annotated[
        list[Path], typer.Argument(help="Template folders, workbooks, CSV or RDF files")
    ],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option("--update-endpoint", help="The update URL when not beside the query URL"),
    ] = None,
    mapping: Annotated[
        str, typer.Option("--mapping", help="Source layout (umkm-kg mappings)")
    ] = "template",
    token: TokenOption = None,
    user: UserOption = None,
    timeout: TimeoutOption = 60.0,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait",
            help="Seconds to wait while another process writes the store "
            "[default: $UMKM_KG_STORE_WAIT or 10]",
        ),
    ] = None,
    bulk_dir: Annotated[
        Path | None,
        typer.Option(
            "--bulk-dir",
            help="Load through Virtuoso's bulk loader: write the files into this folder "
            "(in the server's DirsAllowed); needs --isql and --user",
        ),
    ] = None,
    isql: Annotated[
        str | None,
        typer.Option("--isql", help="Virtuoso's SQL address HOST:PORT for --bulk-dir"),
    ] = None,
    notes: Annotated[
        Path | None,
        typer.Option(
            "--notes",
            help=f"Write every note (rejected rows, regions kept as written) to this file; "
            f"the console shows the first {SHOWN_NOTES} of each source",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Muat data ke penyimpanan / load data into the store, all or nothing.

    Each source goes into its own named graph with its provenance.

    Contoh / example: umkm-kg load examples/kediri-tenun-ikat --store ./store
    """
    password = os.environ.get(PASSWORD_ENV)
    load_one = _bulk_loader(bulk_dir, isql, endpoint, user, password)
    with (
        _notes_file(notes) as written_notes,
        open_store(
            store, endpoint=endpoint, update_endpoint=update_endpoint, timeout=timeout,
            token=token, wait=wait, user=None if load_one else user, password=password,
        ) as target,
    ):  # fmt: skip
        loaded: list[str] = []
        for path in data:
            report = _load_source(target, path, mapping, load_one, loaded, quiet)
            _report(path, report, notes, written_notes)


def _load_source(
    target: Store,
    path: Path,
    mapping: str,
    load_one: Callable[[Store, Path, str], LoadReport] | None,
    loaded: list[str],
    quiet: bool,
) -> LoadReport:
    """Load one source (progress on stderr meanwhile); a failure names what already loaded."""
    try:
        with shown_progress(quiet):
            if load_one is not None:
                report = load_one(target, path, mapping)
            else:
                report = target.load(path, mapping=mapping)
    except UmkmKgError as error:
        done = f" (already loaded: {', '.join(loaded)})" if loaded else ""
        raise UmkmKgError(f"{error}{done}") from None
    loaded.append(str(path))
    return report


def _report(path: Path, report: LoadReport, notes: Path | None, written: TextIO | None) -> None:
    """What went where, the coverage of the rows and the first notes; every note into the
    notes file as each source loads (a later failure keeps them)."""
    console = Console()
    rows = "" if report.rows_loaded is None else f", {report.rows_loaded} rows"
    rejected = f", {report.rows_rejected} rejected" if report.rows_rejected else ""
    verb = "replaced" if report.replaced else "loaded into"
    console.print(
        f"{escape(str(path))}: {verb} <{report.graph}> "
        f"({report.triples} triples{rows}{rejected}, "
        f"{report.assessments} size-assessment triples)",
        highlight=False,
    )
    _print_coverage(console, report.coverage)
    for note in report.notes[:SHOWN_NOTES]:
        console.print(f"  - {escape(note)}", highlight=False)
    hidden = len(report.notes) - SHOWN_NOTES
    if hidden > 0:
        where = f"all of them in {notes}" if notes else "all of them: --notes FILE"
        console.print(f"  ... and {hidden} more notes ({where})", highlight=False)
    if written is not None:
        written.writelines(f"{path}: {note}\n" for note in report.notes)


def _print_coverage(console: Console, coverage: dict[str, dict[str, int]]) -> None:
    """Per table, the shares of its loaded rows with a kecamatan, an activity concept, ..."""
    for table, counts in coverage.items():
        rows = counts.get("rows", 0)
        for key, label in COVERAGE_LABELS.items():
            if rows and key in counts:
                share = 100 * counts[key] / rows
                console.print(f"  {table}: rows {label}: {counts[key]} of {rows} ({share:.1f} %)")


def _bulk_loader(
    bulk_dir: Path | None,
    isql: str | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
) -> Callable[[Store, Path, str], LoadReport] | None:
    """With --bulk-dir, a loader through Virtuoso's bulk loader (options checked first)."""
    if bulk_dir is None:
        if isql is not None:
            raise UmkmKgError("--isql is for --bulk-dir (Virtuoso's bulk loader)")
        return None
    if endpoint is None or isql is None or user is None or password is None:
        raise UmkmKgError(
            "--bulk-dir needs --endpoint (the query URL), --isql HOST:PORT (Virtuoso's SQL "
            f"port), --user (e.g. dba) and the password in ${PASSWORD_ENV}"
        )

    def load_one(target: Store, path: Path, mapping: str) -> LoadReport:
        return bulk_load(
            cast(RemoteStore, target),  # --endpoint is given
            path,
            lambda sql: run_sql(isql, user, password, sql),
            bulk_dir,
            mapping,
        )

    return load_one


def _notes_file(path: Path | None) -> AbstractContextManager[TextIO | None]:
    """``path`` opened for the notes (none: no file), or a clear error before anything loads."""
    if path is None:
        return nullcontext()
    try:
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise UmkmKgError(f"cannot write the notes to {path}: {error.strerror}") from None
