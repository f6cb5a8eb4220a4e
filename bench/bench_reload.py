"""Reload benchmark: loading a source again into the embedded store vs loading it fresh.

    python bench/bench_reload.py [--rows 50000] [--repeat 3] [--work DIR]

Writes a synthetic listing in the Jawa Timur portal layout (bench/synthetic_listing.py,
``--rows`` firms), then ``--repeat`` times, interleaved: a fresh load of it into a new store
(``EmbeddedStore.load(path, mapping="jatim_umkm_binaan")``) and a reload of it into that store
(the same call again: the source's graphs are replaced). Each load runs in its own process;
wall time and the process's CPU time are shown, with the medians and the reload / fresh ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAPPING = "jatim_umkm_binaan"


def stage(source: str, store_dir: str) -> dict:
    """One load of ``source`` into ``store_dir``, timed (run in a child process)."""
    from umkm_kg.store import EmbeddedStore

    started, cpu = time.perf_counter(), time.process_time()
    with EmbeddedStore(store_dir) as store:
        report = store.load(Path(source), mapping=MAPPING)
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "triples": report.triples,
        "replaced": report.replaced,
    }


def _run(source: Path, store: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--stage", str(source), str(store)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--stage", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(stage(*args.stage)))
        return
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-reload-"))
    work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(HERE))
    import synthetic_listing

    source = work / "listing.csv"
    synthetic_listing.write(source, args.rows, seed=2024)
    print(
        f"{args.rows} rows, {source.stat().st_size / 1e6:.1f} MB; load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    fresh, reload = [], []
    for round_ in range(1, args.repeat + 1):
        store = work / f"store-{round_}"
        shutil.rmtree(store, ignore_errors=True)
        first = _run(source, store)
        again = _run(source, store)
        assert not first["replaced"] and again["replaced"]
        fresh.append(first)
        reload.append(again)
        print(
            f"round {round_}: fresh {first['seconds']:.1f} s (cpu {first['cpu']:.1f} s), "
            f"reload {again['seconds']:.1f} s (cpu {again['cpu']:.1f} s), "
            f"{first['triples']} triples",
            flush=True,
        )
        shutil.rmtree(store, ignore_errors=True)
    median_fresh = statistics.median(r["seconds"] for r in fresh)
    median_reload = statistics.median(r["seconds"] for r in reload)
    print(
        f"median: fresh {median_fresh:.1f} s, reload {median_reload:.1f} s, "
        f"reload / fresh = {median_reload / median_fresh:.2f} (target <= 1.5); "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
