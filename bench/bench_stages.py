"""Where the time of a large validation goes, and the store's own floor (run by hand).

    python bench/bench_stages.py --sentra 10000 [--work DIR] [--repeat 2]

On synthetic data (``bench/synthetic.py``), in one process:
1. ``validate DATA``'s stages, timed one by one: template -> N-Triples, bulk load while the
   figures are read, size links, preparing the store, the shape queries, the verdicts (and
   the peak memory so far);
2. the shape queries again on the same prepared store with one and with two threads
   (``--repeat`` runs each, medians);
3. the floor: pyoxigraph's ``bulk_load`` alone (lenient) of the template's N-Triples into an
   in-memory store, into a store on disk (default graph) and into a named graph on disk.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import synthetic  # bench/synthetic.py: the scripts run from bench/


def _timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"{label:<52} {time.perf_counter() - start:7.1f} s", flush=True)
    return result


def floor(ntriples: Path, scratch: Path) -> None:
    """pyoxigraph's bulk load alone, three ways."""
    named = ox.NamedNode("https://example.org/graph")
    for label, on_disk, graph in (
        ("in memory, default graph", False, None),
        ("on disk, default graph", True, None),
        ("on disk, one named graph", True, named),
    ):  # each store is made just before its load and dropped after it
        store = ox.Store(tempfile.mkdtemp(dir=scratch)) if on_disk else ox.Store()
        target = {"to_graph": graph} if graph is not None else {}
        _timed(
            f"bulk_load, {label}",
            store.bulk_load,
            path=str(ntriples),
            format=ox.RdfFormat.N_TRIPLES,
            lenient=True,
            **target,
        )
        del store


def validation_stages(folder: Path, repeat: int) -> None:
    """``validate_sources([folder])`` stage by stage, then the shape queries by thread count."""
    from umkm_kg.loading import load_source
    from umkm_kg.store.assessments import load_reading_figures
    from umkm_kg.validation import _fast_validator
    from umkm_kg.validation.prepare import add_links, collected_links, prepare_store
    from umkm_kg.validation.sources import StoreSource
    from umkm_kg.validation.verdicts import build_validation

    start = time.perf_counter()
    store = ox.Store()
    loaded = _timed("template -> N-Triples (loader)", load_source, folder)
    with loaded:
        figures = _timed(
            "bulk load, figures read meanwhile",
            load_reading_figures,
            store,
            loaded.ntriples_path,
            ox.RdfFormat.N_TRIPLES,
            loader_output=True,
            dated=True,
        )
    _timed("size links", add_links, store, collected_links([figures]))
    _timed("prepare (ontology, shapes)", prepare_store, store)
    validator = _fast_validator()
    results = _timed("shape queries (2 threads)", validator.run, store)
    validation = _timed("verdicts", build_validation, StoreSource(store), results)
    print(
        f"{'total':<52} {time.perf_counter() - start:7.1f} s; "
        f"{sum(s.status != 'ready' for s in validation.sentra)} of {len(validation.sentra)} "
        f"not ready; peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )
    for workers in (1, 2):
        runs = []
        for _ in range(repeat):
            began = time.perf_counter()
            validator.run(store, workers=workers)
            runs.append(time.perf_counter() - began)
        print(
            f"{f'shape queries, {workers} thread(s), median of {repeat}':<52} "
            f"{statistics.median(runs):7.1f} s",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentra", type=int, default=10_000, help="size (L = 10000)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated data")
    parser.add_argument("--repeat", type=int, default=2, help="runs per thread count")
    args = parser.parse_args(argv)
    from umkm_kg.loading import load_source

    work = args.work or Path(tempfile.mkdtemp(prefix="umkm-kg-stages-"))
    folder, ntriples = work / f"template-{args.sentra}", work / f"template-{args.sentra}.nt"
    if not (folder / "sentra.csv").exists():
        synthetic.write(synthetic.generate(args.sentra), folder)
    if not ntriples.exists():
        load_source(folder, output=ntriples)
    print(f"# {args.sentra} sentra; data in {work}")
    validation_stages(folder, args.repeat)  # first: its peak memory is then its own
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        floor(ntriples, Path(scratch))


if __name__ == "__main__":
    main()
