"""Virtuoso beside the embedded store on synthetic data (run by hand; not a test).

    python bench/bench_virtuoso.py                  # L: 10,000 sentra, ~350,000 firms
    python bench/bench_virtuoso.py --sentra 1000    # M, quicker
    python bench/bench_virtuoso.py --sentra 1000 --buffers 170000 --repeat 3

One run: the synthetic template data converted to N-Triples once; loaded by
``EmbeddedStore.load`` and by Virtuoso's bulk loader (``umkm_kg.store.bulk.bulk_load``: files
written, ``ld_add`` + ``rdf_loader_run``, ``load_list`` checked, staging graphs switched in) into
a Virtuoso started here on 127.0.0.1 (Debian ``virtuoso-opensource``); the median latency of
every catalogue question on both (their rows compared); ``validate`` on both (the embedded
store's snapshot, the fast engine's queries on the server), verdicts compared; and the
Virtuoso process's resident memory (now and peak) after loading and at the end.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

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


def _latencies(
    store: Store,
    catalogue: dict[str, CatalogueQuery],
    names: list[str],
    args: argparse.Namespace,
    label: str,
) -> dict[str, tuple[float, int, int]]:
    """Median latency of each catalogue question ``names`` on ``store``."""
    return {
        n: bench_queries.median_latency(
            lambda n=n: store.run(catalogue[n]), args.repeat, args.cap, f"{label} {n}"
        )
        for n in names
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentra", type=int, default=10_000, help="size (L = 10000, M = 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    parser.add_argument("--cap", type=float, default=10.0, help="run a query once above this")
    parser.add_argument("--buffers", type=int, default=170_000, help="Virtuoso NumberOfBuffers")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--only", nargs="*", default=None, help="only these catalogue queries")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="umkm-bench-virtuoso-"))
    work.mkdir(parents=True, exist_ok=True)
    catalogue = load_catalogue()
    names = sorted(args.only or catalogue)

    ntriples, convert_s, triples = bench_queries.make_ntriples(args.sentra, work)
    print(
        f"size {args.sentra} sentra: {triples:,} triples; template -> N-Triples {convert_s:.1f} s"
    )
    with open_store(work / "store") as embedded:
        load_s, report = bench_queries.timed(embedded.load, ntriples)
        print(f"EmbeddedStore.load: {load_s:.1f} s ({report.triples / load_s:,.0f} triples/s)")
        local = _latencies(embedded, catalogue, names, args, "embedded")
        validate_s, local_verdicts = bench_queries.timed(validate_opened, embedded)
        print(f"validate (embedded): {validate_s:.1f} s")

    bulk = work / "bulk"
    bulk.mkdir(exist_ok=True)
    with VirtuosoServer(work / "virtuoso", dirs_allowed=(bulk,), buffers=args.buffers) as server:
        print(f"Virtuoso started on {server.url}: {memory(server)}")
        store = open_store(endpoint=f"{server.url}/sparql", timeout=3600)
        started = time.perf_counter()
        report = bulk_load(store, ntriples, server.sql, bulk)
        bulk_s = time.perf_counter() - started
        print(
            f"Virtuoso bulk load: {bulk_s:.1f} s ({report.triples / bulk_s:,.0f} triples/s, "
            f"{report.assessments:,} assessment triples); {memory(server)}"
        )
        remote = _latencies(store, catalogue, names, args, "virtuoso")
        served_s, served_verdicts = bench_queries.timed(validate_opened, store)
        print(f"validate --endpoint (Virtuoso): {served_s:.1f} s; {memory(server)}")

    same = json.loads(to_json(local_verdicts)) == json.loads(to_json(served_verdicts))
    print(f"\nsize {args.sentra} sentra, {triples:,} triples; medians of {args.repeat} runs")
    print(f"{'query':30} {'rows':>7} {'embedded s':>11} {'virtuoso s':>11} {'rows equal':>10}")
    for n in names:
        (e, rows, _), (v, served_rows, _) = local[n], remote[n]
        equal = "yes" if rows == served_rows else f"NO ({served_rows})"
        print(f"{n:30} {rows:>7} {e:>11.3f} {v:>11.3f} {equal:>10}")
    print(f"{'load':30} {'':>7} {load_s:>11.1f} {bulk_s:>11.1f}")
    print(
        f"{'validate':30} {'':>7} {validate_s:>11.1f} {served_s:>11.1f} "
        f"{'same' if same else 'DIFFER':>10}"
    )


if __name__ == "__main__":
    main()
