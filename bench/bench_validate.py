"""Benchmark ``validate`` end to end at S, M and L against pySHACL, in one script run (by hand).

    python bench/bench_validate.py [--sizes S,M,L] [--baseline S,M] [--repeat 3] [--work DIR]

Data: ``bench/synthetic.py`` (S = 100, M = 1,000, L = 10,000 sentra, ~35 firms each). Each
measurement is a fresh Python process, so its peak memory (max RSS) is its own; the wall time
is measured inside it, from reading the template folder to the verdicts (startup excluded):
- ``fast``: what ``umkm-kg validate DATA`` does: loader -> Oxigraph -> the fast engine;
- ``fast-from-nt``: ``umkm-kg validate DATA.nt`` on the loader's N-Triples (the validation alone);
- ``pyshacl``: the reference, pySHACL over the whole rdflib graph (``--engine pyshacl``).
Reports medians of ``--repeat`` runs (pySHACL once: it is slow), the pySHACL/fast ratio, and
whether both engines gave identical verdicts.

    python bench/bench_validate.py --shape-stage REV [--sizes L] [--repeat 3] [--work DIR]

times the shape-query stage alone (``FastValidator.run`` on a store already loaded and
prepared), of this checkout and of the fast engine and shapes of git revision ``REV``, taking
turns on the same store in one process; reports their medians and ratio, whether both gave
the same results and verdicts (sha256 of the verdict JSON), and the slowest queries of this
checkout (run serially).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import synthetic  # bench/synthetic.py: the scripts run from bench/

SIZES = {"S": 100, "M": 1_000, "L": 10_000}
HERE = Path(__file__).resolve().parent


def child(engine: str, data: Path) -> None:
    """Run one validation and print its figures as JSON (called in a fresh process)."""
    from umkm_kg.validation import validate, validate_sources

    start = time.perf_counter()
    if engine in ("fast", "fast-from-nt"):  # a template folder or the loader's N-Triples
        result = validate_sources([data])
    else:
        from umkm_kg.sources import read_graph

        result = validate(read_graph([data]), engine="pyshacl")
    seconds = time.perf_counter() - start
    verdicts = json.dumps([s.to_json() for s in result.sentra], sort_keys=True)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "sentra": len(result.sentra),
                "not_ready": sum(s.status != "ready" for s in result.sentra),
                "verdicts": hashlib.sha256(verdicts.encode()).hexdigest()[:16],
            }
        )
    )


def measure(engine: str, data: Path) -> dict:
    """One run of ``engine`` on ``data`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(data)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Generate the data, run the engines, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="sizes to run the fast engine on")
    parser.add_argument("--baseline", default="S,M", help="sizes to run pySHACL on (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per fast measurement")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated data")
    parser.add_argument("--shape-stage", metavar="REV", help="time the shape stage against REV")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    from umkm_kg.loading import load_source

    work = args.work or Path(tempfile.mkdtemp(prefix="umkm-kg-bench-"))
    sizes = [s for s in args.sizes.split(",") if s]
    baseline = {s for s in args.baseline.split(",") if s}
    rows = []
    for size in sizes:
        folder = work / size
        if not (folder / "sentra.csv").exists():
            synthetic.write(synthetic.generate(SIZES[size]), folder)
        ntriples = work / f"{size}.nt"
        if not ntriples.exists():
            load_source(folder, output=ntriples)
        if args.shape_stage:
            shape_stage(size, ntriples, args.shape_stage, args.repeat)
            continue
        runs = {"fast": [measure("fast", folder) for _ in range(args.repeat)]}
        runs["fast-from-nt"] = [measure("fast-from-nt", ntriples) for _ in range(args.repeat)]
        if size in baseline:
            runs["pyshacl"] = [measure("pyshacl", folder)]
        rows.append((size, runs))
        _print_row(size, runs)
    if rows:
        print()
        print(_table(rows))


def shape_stage(size: str, ntriples: Path, rev: str, repeat: int) -> None:
    """The shape stage of this checkout against revision ``rev``, on one prepared store."""
    import pyoxigraph as ox

    from umkm_kg.validation import _fast_validator
    from umkm_kg.validation.prepare import prepare_store
    from umkm_kg.validation.sources import StoreSource
    from umkm_kg.validation.verdicts import build_validation

    store = ox.Store()
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    prepare_store(store)
    engines = {rev: _validator_at(rev), "this checkout": _fast_validator()}
    seconds: dict[str, list[float]] = {name: [] for name in engines}
    outcomes: dict[str, set] = {}
    for _ in range(repeat):
        for name, validator in engines.items():
            start = time.perf_counter()
            results = validator.run(store)
            seconds[name].append(time.perf_counter() - start)
            verdicts = json.dumps(build_validation(StoreSource(store), results).to_json())
            outcomes.setdefault(name, set()).add(
                (
                    frozenset((r.key(), r.messages) for r in results),
                    hashlib.sha256(verdicts.encode()).hexdigest(),
                )
            )
    for name, runs in seconds.items():
        print(f"{size} shape stage, {name}: median {statistics.median(runs):.1f} s of {runs}")
    ratio = statistics.median(seconds[rev]) / statistics.median(seconds["this checkout"])
    print(f"{size} ratio {rev} / this checkout: {ratio:.2f}x")
    distinct = {outcome for outcomes_of in outcomes.values() for outcome in outcomes_of}
    print(f"{size} same results and verdicts: {'yes' if len(distinct) == 1 else 'NO'}")
    print(f"{size} verdict JSON sha256: {sorted({h for _, h in distinct})}")
    timings: dict[str, float] = {}
    engines["this checkout"].run(store, workers=1, timings=timings)
    print(f"{size} this checkout, serial: {sum(timings.values()):.1f} s; slowest queries:")
    for label, spent in sorted(timings.items(), key=lambda item: -item[1])[:12]:
        print(f"  {spent:6.2f} s  {label}")


def _validator_at(rev: str):
    """The fast engine and shapes of git revision ``rev``, compiled."""
    from rdflib import Graph

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{rev}:{path}"],
            cwd=HERE.parent,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    names = subprocess.run(
        ["git", "ls-tree", "--name-only", rev, "shapes/"],
        cwd=HERE.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    shapes = Graph()
    for name in sorted(n for n in names if n.endswith(".ttl")):
        shapes.parse(data=show(name), format="turtle")
    module = _fast_engine_at(rev, show)
    return module.FastValidator(shapes)


def _fast_engine_at(rev: str, show: Callable[[str], str]) -> ModuleType:
    """The fast engine of revision ``rev`` (one module ``fast.py``, or the package ``fast/``)
    imported under its own name for the time of the import, then this checkout's restored."""
    name = "umkm_kg.validation.fast"
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "src/umkm_kg/validation/"],
        cwd=HERE.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    root = Path(tempfile.mkdtemp(prefix="umkm-kg-bench-"))
    for path in files:
        if path.startswith("src/umkm_kg/validation/fast"):
            target = root / path.removeprefix("src/umkm_kg/validation/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(show(path), encoding="utf-8")
    if (root / "fast.py").is_file():
        spec = importlib.util.spec_from_file_location(name, root / "fast.py")
    else:
        package = root / "fast"
        spec = importlib.util.spec_from_file_location(
            name, package / "__init__.py", submodule_search_locations=[str(package)]
        )
    ours = {n: m for n, m in sys.modules.items() if n == name or n.startswith(name + ".")}
    for n in ours:
        del sys.modules[n]
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        for n in [n for n in sys.modules if n == name or n.startswith(name + ".")]:
            del sys.modules[n]
        sys.modules.update(ours)
        if name in ours:
            import umkm_kg.validation

            umkm_kg.validation.fast = ours[name]
    return module


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _print_row(size: str, runs: dict) -> None:
    figures = ", ".join(
        f"{engine} {_median(r, 'seconds'):.1f} s / {_median(r, 'peak_mb'):.0f} MB"
        for engine, r in runs.items()
    )
    print(f"{size}: {figures}", flush=True)


def _table(rows: list) -> str:
    lines = [
        "| size | sentra | not ready | fast (end to end) | fast from N-Triples | pySHACL | "
        "pySHACL / fast | same verdicts |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, runs in rows:
        fast, from_nt = runs["fast"], runs["fast-from-nt"]
        reference = runs.get("pyshacl")
        cells = [
            size,
            str(fast[0]["sentra"]),
            str(fast[0]["not_ready"]),
            f"{_median(fast, 'seconds'):.1f} s, {_median(fast, 'peak_mb'):.0f} MB",
            f"{_median(from_nt, 'seconds'):.1f} s, {_median(from_nt, 'peak_mb'):.0f} MB",
        ]
        if reference:
            ratio = _median(reference, "seconds") / _median(fast, "seconds")
            same = {run["verdicts"] for run in fast + reference}
            cells += [
                f"{_median(reference, 'seconds'):.1f} s, {_median(reference, 'peak_mb'):.0f} MB",
                f"{ratio:.1f}x",
                "yes" if len(same) == 1 else "NO",
            ]
        else:
            cells += ["–", "–", "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
