"""Load benchmark: national-scale firm listings and the full region list into the embedded store.

    python bench/bench_load.py [--rows 350000] [--baseline-rows 20000] [--repeat 3] [--work DIR]
    python bench/bench_load.py --convert-only [--rows 350000] [--repeat 3] [--compare-src DIR]

Measures, each stage in its own process (wall time, rows/s, triples, peak RSS of that process):

1. ``jatim``: a synthetic listing in the Jawa Timur portal layout (bench/synthetic_listing.py),
   CSV -> ``EmbeddedStore.load(path, mapping="jatim_umkm_binaan")``;
2. ``template``: the same number of firms in the data-entry template (bench/synthetic.py,
   35 firms per sentra), folder -> ``EmbeddedStore.load(path)``;
3. ``regions``: the 91,599 regions + KBLI 2020 as SKOS (``umkm-kg reference``) -> store;
4. baseline, on ``--baseline-rows`` rows of both layouts: the same CSV -> N-Triples conversion,
   then a plain rdflib ``Graph.add`` loop over the triples (instead of pyoxigraph's bulk load),
   against our path on the same rows. Small stages run ``--repeat`` times: medians are shown.

``--convert-only`` measures the loader alone (CSV -> N-Triples file, ``load_source(output=)``) at
full size for both layouts: median of ``--repeat`` runs, µs per row (rows of every table), CPU
seconds of the process (on a busy machine wall time waits for the others), peak RSS. With
``--compare-src DIR`` (the ``src`` folder of another checkout, e.g. ``git archive`` of an older
commit) the same runs use that code too, interleaved, and the ratio is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_mb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def stage_store(source: str, mapping: str, store_dir: str) -> dict:
    """Our path: source -> N-Triples (streamed) -> pyoxigraph bulk load, with assessments."""
    from umkm_kg.store import EmbeddedStore

    started = time.perf_counter()
    store = EmbeddedStore(store_dir)
    report = store.load(Path(source), mapping=mapping)
    store.close()
    return {
        "seconds": time.perf_counter() - started,
        "rows": report.rows_loaded,
        "triples": report.triples,
        "peak_mb": _peak_mb(),
    }


def stage_bulk(source: str, mapping: str, store_dir: str) -> dict:
    """The core of our path alone: source -> N-Triples -> pyoxigraph bulk load (no checks)."""
    import pyoxigraph as ox

    from umkm_kg.loading import load_source

    started = time.perf_counter()
    store = ox.Store(store_dir)
    if source.endswith(".nt"):
        store.bulk_load(path=source, format=ox.RdfFormat.N_TRIPLES)
        rows = None
    else:
        with load_source(Path(source), mapping=mapping) as result:
            converted = time.perf_counter() - started
            store.bulk_load(path=str(result.ntriples_path), format=ox.RdfFormat.N_TRIPLES)
            rows = result.rows_loaded
    store.flush()
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "convert_seconds": converted if rows is not None else 0.0,
        "rows": rows or 0,
        "triples": len(store),
        "peak_mb": _peak_mb(),
    }


def stage_convert(source: str, mapping: str, output: str) -> dict:
    """The loader alone: source -> N-Triples file (streamed), no store."""
    from umkm_kg.loading import load_source

    started, cpu = time.perf_counter(), time.process_time()
    result = load_source(Path(source), mapping=mapping, output=Path(output))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    Path(output).unlink()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rows": result.rows_loaded,
        "triples": result.triples,
        "peak_mb": _peak_mb(),
    }


def stage_rdflib(source: str, mapping: str) -> dict:
    """Baseline: the same conversion, then one ``Graph.add`` per triple into an rdflib Graph."""
    from rdflib import Graph
    from rdflib.plugins.parsers.ntriples import W3CNTriplesParser

    from umkm_kg.loading import load_source

    started = time.perf_counter()
    graph = Graph()

    class Sink:
        def triple(self, s, p, o) -> None:
            graph.add((s, p, o))

    with load_source(Path(source), mapping=mapping) as result:
        parser = W3CNTriplesParser(sink=Sink())
        with result.ntriples_path.open("rb") as handle:
            parser.parse(handle)
        rows = result.rows_loaded
    return {
        "seconds": time.perf_counter() - started,
        "rows": rows,
        "triples": len(graph),
        "peak_mb": _peak_mb(),
    }


def _child(*args: str, src: Path | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    done = subprocess.run(
        [sys.executable, __file__, "--stage", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"stage {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _make_jatim(path: Path, rows: int) -> None:
    sys.path.insert(0, str(HERE))
    import synthetic_listing

    synthetic_listing.write(path, rows)


def _make_template(folder: Path, firms: int) -> None:
    sys.path.insert(0, str(HERE))
    import synthetic

    synthetic.write(synthetic.generate(max(1, firms // 35), seed=2005, firms=35), folder)


def _line(label: str, result: dict, baseline: dict | None = None) -> str:
    rate = result["rows"] / result["seconds"] if result.get("rows") else 0
    text = (
        f"{label:<34} {result['seconds']:8.1f} s {rate:10.0f} rows/s "
        f"{result['triples']:>11,.0f} triples {result['peak_mb']:6.0f} MB peak"
    )
    if baseline:
        text += f"   {baseline['seconds'] / result['seconds']:.1f}x faster than rdflib"
    return text


def _sources(work: Path, rows: int):
    """(layout, mapping, path) of both layouts at ``rows`` firms, generated when absent."""
    for layout, mapping, suffix, maker in (
        ("jatim", "jatim_umkm_binaan", ".csv", _make_jatim),
        ("template", "template", "", _make_template),
    ):
        path = work / f"{layout}-{rows}{suffix}"
        if not path.exists():
            maker(path, rows)
        yield layout, mapping, path


def convert_only(work: Path, rows: int, repeat: int, compare_src: Path | None) -> None:
    """CSV -> N-Triples at ``rows`` firms, both layouts: medians of ``repeat`` runs."""
    print(f"# CSV -> N-Triples, {rows} firms, median of {repeat} runs; data in {work}")
    for layout, mapping, path in _sources(work, rows):
        output = str(work / f"convert-{layout}.nt")
        this_checkout, compared = [], []
        for _ in range(repeat):  # interleaved, so both see the same machine load
            if compare_src:
                compared.append(_child("convert", str(path), mapping, output, src=compare_src))
            this_checkout.append(_child("convert", str(path), mapping, output))
        results = [("this checkout", _median(this_checkout))]
        if compare_src:
            results.insert(0, (str(compare_src), _median(compared)))
        for label, result in results:
            per_row = result["seconds"] / result["rows"] * 1e6
            cpu = f"{per_row:6.1f} µs/row (CPU {result['cpu_seconds']:.1f} s, user + system)"
            print(_line(f"{layout}: {label}"[:34], result) + " " + cpu)
        if compare_src:
            ratio = results[0][1]["seconds"] / results[1][1]["seconds"]
            print(f"{'':<34} speed-up {ratio:.2f}x (wall, medians)", flush=True)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark (or one ``--stage`` in this process, for the parent to measure)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--stage":
        name, *rest = argv[1:]
        stages = {
            "store": stage_store,
            "bulk": stage_bulk,
            "rdflib": stage_rdflib,
            "convert": stage_convert,
        }
        result = stages[name](*rest)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=350_000, help="firms at full scale")
    parser.add_argument("--baseline-rows", type=int, default=20_000, help="firms for the baseline")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each small stage")
    parser.add_argument("--work", type=Path, help="folder for generated data (default: temp)")
    parser.add_argument("--convert-only", action="store_true", help="the loader alone")
    parser.add_argument("--compare-src", type=Path, help="with --convert-only: other code's src")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="umkm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.convert_only:
        convert_only(work, args.rows, args.repeat, args.compare_src)
        return

    print(f"# load benchmark: {args.rows} firms, baseline on {args.baseline_rows}; data in {work}")
    print("# medians of --repeat runs at the baseline size; one run at full size", flush=True)
    for layout, mapping in (("jatim", "jatim_umkm_binaan"), ("template", "template")):
        suffix = ".csv" if layout == "jatim" else ""
        small = work / f"{layout}-{args.baseline_rows}{suffix}"
        full = work / f"{layout}-{args.rows}{suffix}"
        maker = _make_jatim if layout == "jatim" else _make_template
        for path, rows in ((small, args.baseline_rows), (full, args.rows)):
            if not path.exists():
                maker(path, rows)
        source = str(small)
        runs = range(args.repeat)
        rdflib = _median([_child("rdflib", source, mapping) for _ in runs])
        bulk = _median(
            [_child("bulk", source, mapping, str(work / f"b-{layout}-{i}")) for i in runs]
        )
        store_load = _median(
            [_child("store", source, mapping, str(work / f"s-{layout}-{i}")) for i in runs]
        )
        print(_line(f"{layout} {args.baseline_rows}: rdflib Graph.add", rdflib))
        print(_line(f"{layout} {args.baseline_rows}: convert + bulk load", bulk, rdflib))
        print(_line(f"{layout} {args.baseline_rows}: EmbeddedStore.load", store_load, rdflib))
        full_bulk = _child("bulk", str(full), mapping, str(work / f"b-{layout}-full"))
        print(_line(f"{layout} {args.rows}: convert + bulk load", full_bulk))
        print(f"{'':<34} (of which CSV -> N-Triples: {full_bulk['convert_seconds']:.1f} s)")
        full_store = _child("store", str(full), mapping, str(work / f"s-{layout}-full"))
        print(_line(f"{layout} {args.rows}: EmbeddedStore.load", full_store), flush=True)

    reference = work / "reference.nt"
    if not reference.exists():
        from umkm_kg.reference.skos import write_reference

        write_reference(reference)
    for stage in ("bulk", "store"):
        regions = _child(stage, str(reference), "template", str(work / f"{stage}-regions"))
        label = "bulk load" if stage == "bulk" else "EmbeddedStore.load"
        print(_line(f"regions + KBLI 2020: {label}", {**regions, "rows": 91_599 + 2_712}))


if __name__ == "__main__":
    main()
