"""Benchmark the analyst's pages of ``umkm-kg serve`` on a loaded store (run by hand; not a test).

    python bench/synthetic.py --sentra 10000 --out /tmp/L
    umkm-kg load /tmp/L --store /tmp/storeL
    python bench/bench_web.py --store /tmp/storeL            # L: 10,000 sentra, ~350,000 firms

The server runs in this process (``umkm_kg.server.run.serving``, two query processes); each page
is asked once to warm it (its first answer, with the per-generation caches filled, is reported as
"first"), then ``--repeat`` times: the median wall time of those is the figure. The style sheet
and the home page are measured in the same run as baselines (what a request costs at all on this
machine at this moment). The sentra profile is timed after the verdicts are computed (the
dashboard is polled until they are; the time that takes is reported too), or with
``--no-verdicts`` while they are being computed. ``--skip WORD...`` leaves out the pages whose
name holds a word (e.g. ``--skip answer`` for the catalogue's answers).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

from umkm_kg.server.run import serving
from umkm_kg.store import open_store

TARGET_S = 1.0
_ONE = "PREFIX umkm: <https://w3id.org/umkm-kg/ontology#> SELECT ?s WHERE {{ ?s a {cls} }} LIMIT 1"


def get(url: str) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        body = response.read()
        return time.perf_counter() - start, response.status, body


def one_of(store_path: Path, cls: str) -> str:
    with open_store(store_path) as store:
        rows = store.select(_ONE.format(cls=cls))
    return str(rows[0]["s"])


def wait_for_verdicts(base: str) -> float:
    start = time.perf_counter()
    while b'id="verdicts"' not in get(f"{base}/validation")[2]:
        time.sleep(1)
    return time.perf_counter() - start


def pages(store_path: Path) -> dict[str, str]:
    sentra = one_of(store_path, "umkm:Sentra")
    firm = one_of(store_path, "umkm:Enterprise")
    institution = one_of(store_path, "umkm:Institution")
    q = urllib.parse.urlencode
    return {
        "static file (baseline)": "/static/app.css",
        "home (baseline)": "/",
        "catalogue index": "/catalogue",
        "catalogue answer, first page: sentra-by-activity": "/catalogue/sentra-by-activity?run=1",
        "catalogue answer, first page: size-structure": "/catalogue/size-structure?run=1",
        "catalogue answer, first page: support-overlap": "/catalogue/support-overlap?run=1",
        "sentra profile": "/sentra?" + q({"iri": sentra}),
        "enterprise page": "/enterprise?" + q({"iri": firm}),
        "institution page": "/institution?" + q({"iri": institution}),
        "search": "/search?q=tenun+ikat",
        "validation dashboard, first page": "/validation",
        "editor with a query": "/editor?"
        + q({"query": "SELECT ?s ?n WHERE { ?s a <https://w3id.org/umkm-kg/ontology#Sentra> ; "
                      "<http://www.w3.org/2000/01/rdf-schema#label> ?n } LIMIT 50"}),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--skip", nargs="*", default=[], help="pages whose name holds this")
    parser.add_argument(
        "--no-verdicts",
        action="store_true",
        help="time the profile without waiting for the verdicts (its verdict section then says "
        "they are being computed; a page waits for them only in the first 5 s of their run)",
    )
    args = parser.parse_args()
    wanted = pages(args.store)
    figures = {}
    with serving(args.store, workers=2, timeout=600) as base:
        verdicts_s = None
        for name, path in wanted.items():
            if any(word in name for word in args.skip):
                continue
            if name == "sentra profile" and not args.no_verdicts:
                verdicts_s = wait_for_verdicts(base)
            first, status, body = get(base + path)
            assert status == 200, (name, status)
            runs = [get(base + path)[0] for _ in range(args.repeat)]
            median = statistics.median(runs)
            rows = re.search(rb"<h2>(\d[\d.,]*) (baris|row)", body)
            figures[name] = {"first_s": round(first, 3), "median_s": round(median, 3)}
            mark = "ok" if median <= TARGET_S else "SLOW"
            extra = f"  ({rows[1].decode()} rows)" if rows else ""
            print(f"{name:52} first {first:6.3f} s  median {median:6.3f} s  {mark}{extra}")
        if verdicts_s is not None:
            print(f"verdicts of every sentra ready after {verdicts_s:.1f} s (once per load)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
