"""Benchmark of ``discover`` on a synthetic Jawa Timur listing (target: <= 10 s, bounded memory).

    python bench/bench_discover.py [--rows 350000] [--level kecamatan] [--listing FILE]

Writes the listing with ``bench/synthetic_listing.py`` (not timed; ``--listing`` reuses a file),
then times reading, grouping and the JSON output of ``umkm_kg.discovery`` in this process (wall and
CPU time: on a shared machine the CPU time is the comparable figure) and reports the peak
resident memory (``ru_maxrss``) of the whole run and the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import synthetic_listing

from umkm_kg.discovery import discover, listing_date, read_firms
from umkm_kg.discovery.report import as_json

MAPPING = "jatim_umkm_binaan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=350_000)
    parser.add_argument("--level", default="kecamatan")
    parser.add_argument("--listing", type=Path, help="an existing listing instead of a new one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        listing = args.listing or Path(scratch) / "jatim_umkm_binaan_2024.csv"
        if args.listing is None:
            started = time.perf_counter()
            synthetic_listing.write(listing, args.rows)
            print(f"listing: {args.rows} rows in {time.perf_counter() - started:.1f} s (not timed)")
        started, cpu = time.perf_counter(), time.process_time()
        found = discover(read_firms(listing, MAPPING), args.level, as_of=listing_date(MAPPING))
        grouped = time.perf_counter() - started
        text = as_json(found)
        total = time.perf_counter() - started
        cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"discover: {found.firms_read} rows, {len(found.groups)} groups, "
        f"{len(found.candidates())} candidates ({len(text) / 1e6:.1f} MB of JSON); "
        f"read and grouped in {grouped:.1f} s, with the JSON {total:.1f} s ({cpu:.1f} s of CPU); "
        f"peak RSS {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
