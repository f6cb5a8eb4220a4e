"""Virtuoso beside the embedded store on synthetic data (run by hand; not a test).

    python bench/bench_virtuoso.py                  # L: 10,000 sentra, ~350,000 firms
    python bench/bench_virtuoso.py --sentra 1000    # M, quicker
    python bench/bench_virtuoso.py --sentra 1000 --buffers 170000 --repeat 3
    python bench/bench_virtuoso.py --store STORE --endpoint http://127.0.0.1:PORT/sparql \
        --only cross-province-market --no-validate   # stores loaded before (e.g. by a run
                                                     # with --work DIR), queries only

One run: the synthetic template data converted to N-Triples once; loaded by
``EmbeddedStore.load`` and by Virtuoso's bulk loader (``umkm_kg.store.bulk.bulk_load``: files
written, ``ld_add`` + ``rdf_loader_run``, ``load_list`` checked, staging graphs switched in) into
a Virtuoso started here on 127.0.0.1 (Debian ``virtuoso-opensource``); the median latency of
every catalogue question on both (their rows compared as multisets, numbers to 12 significant
digits as Virtuoso keeps 15); ``validate`` on both (the embedded
store's snapshot, the fast engine's queries on the server), verdicts compared; and the
Virtuoso process's resident memory (now and peak) after loading and at the end.
"""

from __future__ import annotations

import argparse
import collections
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import bench_queries  # bench/bench_queries.py: the scripts run from bench/

from umkm_kg.catalogue import CatalogueQuery, load_catalogue
from umkm_kg.store import open_store
from umkm_kg.store.base import Store
from umkm_kg.store.bulk import bulk_load
from umkm_kg.store.virtuoso import VirtuosoServer
from umkm_kg.validation import validate_opened
from umkm_kg.validation.render import to_json


def memory(server: VirtuosoServer) -> str:
    """The server process's resident memory now and at its peak (Linux /proc)."""
    status = Path(f"/proc/{server.pid}/status").read_text().splitlines()
    fields = {
        line.split(":")[0]: int(line.split()[1])
        for line in status
        if line[:5] in ("VmRSS", "VmHWM")
    }
    return f"RSS {fields['VmRSS'] / 1024**2:.2f} GB, peak {fields['VmHWM'] / 1024**2:.2f} GB"


def _fingerprint(rows: list[dict[str, Any]]) -> collections.Counter:
    """The rows as a multiset, numbers to 12 significant digits (Virtuoso keeps 15)."""

    def cell(value: object) -> str:
        if isinstance(value, (Decimal, float)):
            return format(value, ".12g")
        return "" if value is None else str(value)

    return collections.Counter(tuple(sorted((k, cell(v)) for k, v in row.items())) for row in rows)


def _latencies(
    store: Store,
    catalogue: dict[str, CatalogueQuery],
    names: list[str],
    args: argparse.Namespace,
    label: str,
) -> dict[str, tuple[float, int, collections.Counter]]:
    """Median latency, row count and rows (a multiset) of each catalogue question ``names``."""
    results = {}
    for name in names:
        last: dict[str, list] = {}

        def run(name: str = name, last: dict[str, list] = last) -> list:
            last["rows"] = store.run(catalogue[name])
            return last["rows"]

        median, count, _ = bench_queries.median_latency(
            run, args.repeat, args.cap, f"{label} {name}"
        )
        results[name] = (median, count, _fingerprint(last.pop("rows")))
    return results


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentra", type=int, default=10_000, help="size (L = 10000, M = 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    parser.add_argument("--cap", type=float, default=10.0, help="run a query once above this")
    parser.add_argument("--buffers", type=int, default=170_000, help="Virtuoso NumberOfBuffers")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--only", nargs="*", default=None, help="only these catalogue queries")
    parser.add_argument(
        "--store", type=Path, default=None, help="embedded store loaded before (with --endpoint)"
    )
    parser.add_argument(
        "--endpoint", default=None, help="SPARQL endpoint holding the same data (with --store)"
    )
    parser.add_argument("--no-validate", action="store_true", help="catalogue questions only")
    return parser


def _embedded(
    store_path: Path,
    ntriples: Path | None,
    names: list[str],
    args: argparse.Namespace,
    catalogue: dict[str, CatalogueQuery],
) -> dict[str, Any]:
    """The embedded store's side: load (unless given loaded), catalogue, validate."""
    found: dict[str, Any] = {"load_s": float("nan"), "validate_s": float("nan")}
    with open_store(store_path) as embedded:
        if ntriples is not None:
            found["load_s"], report = bench_queries.timed(embedded.load, ntriples)
            rate = report.triples / found["load_s"]
            print(f"EmbeddedStore.load: {found['load_s']:.1f} s ({rate:,.0f} triples/s)")
        found["latencies"] = _latencies(embedded, catalogue, names, args, "embedded")
        if not args.no_validate:
            found["validate_s"], found["verdicts"] = bench_queries.timed(validate_opened, embedded)
            print(f"validate (embedded): {found['validate_s']:.1f} s")
    return found


def _served(
    store: Store,
    names: list[str],
    args: argparse.Namespace,
    catalogue: dict[str, CatalogueQuery],
    server: VirtuosoServer | None,
) -> dict[str, Any]:
    """The server's side: catalogue and validate --endpoint."""
    found: dict[str, Any] = {"validate_s": float("nan")}
    found["latencies"] = _latencies(store, catalogue, names, args, "virtuoso")
    if not args.no_validate:
        found["validate_s"], found["verdicts"] = bench_queries.timed(validate_opened, store)
        where = f"; {memory(server)}" if server else ""
        print(f"validate --endpoint (Virtuoso): {found['validate_s']:.1f} s{where}")
    return found


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if (args.store is None) != (args.endpoint is None):
        raise SystemExit("--store and --endpoint go together: the same data in both")
    catalogue = load_catalogue()
    names = sorted(args.only or catalogue)
    bulk_s = float("nan")
    if args.store is not None:
        size = f"stores given: {args.store}, {args.endpoint}"
        local = _embedded(args.store, None, names, args, catalogue)
        remote = _served(
            open_store(endpoint=args.endpoint, timeout=3600), names, args, catalogue, None
        )
    else:
        work = args.work or Path(tempfile.mkdtemp(prefix="umkm-bench-virtuoso-"))
        work.mkdir(parents=True, exist_ok=True)
        ntriples, convert_s, triples = bench_queries.make_ntriples(args.sentra, work)
        size = f"size {args.sentra} sentra, {triples:,} triples"
        print(f"{size}; template -> N-Triples {convert_s:.1f} s")
        local = _embedded(work / "store", ntriples, names, args, catalogue)
        bulk = work / "bulk"
        bulk.mkdir(exist_ok=True)
        with VirtuosoServer(
            work / "virtuoso", dirs_allowed=(bulk,), buffers=args.buffers
        ) as server:
            print(f"Virtuoso started on {server.url}: {memory(server)}")
            store = open_store(endpoint=f"{server.url}/sparql", timeout=3600)
            bulk_s, report = bench_queries.timed(bulk_load, store, ntriples, server.sql, bulk)
            print(
                f"Virtuoso bulk load: {bulk_s:.1f} s ({report.triples / bulk_s:,.0f} triples/s, "
                f"{report.assessments:,} assessment triples); {memory(server)}"
            )
            remote = _served(store, names, args, catalogue, server)

    print(f"\n{size}; medians of {args.repeat} runs")
    print(f"{'query':30} {'rows':>7} {'embedded s':>11} {'virtuoso s':>11} {'rows equal':>10}")
    for n in names:
        (e, rows, mine), (v, served_rows, theirs) = local["latencies"][n], remote["latencies"][n]
        equal = "yes" if mine == theirs else f"NO ({served_rows})"
        print(f"{n:30} {rows:>7} {e:>11.3f} {v:>11.3f} {equal:>10}")
    if args.store is None:
        print(f"{'load':30} {'':>7} {local['load_s']:>11.1f} {bulk_s:>11.1f}")
    if not args.no_validate:
        same = json.loads(to_json(local["verdicts"])) == json.loads(to_json(remote["verdicts"]))
        print(
            f"{'validate':30} {'':>7} {local['validate_s']:>11.1f} {remote['validate_s']:>11.1f} "
            f"{'same' if same else 'DIFFER':>10}"
        )


if __name__ == "__main__":
    main()
