"""The synthetic-data generators of ``bench/`` (not part of the package), for tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_BENCH = Path(__file__).resolve().parents[1] / "bench"


def _bench_module(name: str) -> ModuleType:
    """``bench/{name}.py``, imported by path once (dataclasses look their module up by name)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def synthetic() -> ModuleType:
    """The template generator, ``bench/synthetic.py``."""
    return _bench_module("synthetic")


def synthetic_folder(folder: Path, sentra: int, seed: int) -> Path:
    """Write ``sentra`` synthetic sentra (template CSV files) into ``folder``; returns it."""
    module = synthetic()
    module.write(module.generate(sentra, seed=seed), folder)
    return folder


def synthetic_listing(out: Path, rows: int, seed: int = 2024) -> Path:
    """Write ``rows`` firms of the synthetic Jawa Timur listing (``bench/synthetic_listing.py``,
    with misspelt and misplaced kecamatan) to ``out``; returns it."""
    _bench_module("synthetic_listing").write(out, rows, seed=seed)
    return out


def bench_script(name: str) -> ModuleType:
    """A benchmark script of ``bench/`` (``bench_queries``, ``bench_virtuoso``), with the
    modules it imports from its folder."""
    synthetic()
    if name != "bench_queries":
        _bench_module("bench_queries")
    return _bench_module(name)
