"""``bench/synthetic.py`` (the synthetic-data generator, not part of the package) for tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def synthetic() -> ModuleType:
    """The generator module, imported by path once (its dataclasses look it up by name)."""
    if "synthetic" not in sys.modules:
        spec = importlib.util.spec_from_file_location("synthetic", _GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules["synthetic"] = module
        spec.loader.exec_module(module)
    return sys.modules["synthetic"]


def synthetic_folder(folder: Path, sentra: int, seed: int) -> Path:
    """Write ``sentra`` synthetic sentra (template CSV files) into ``folder``; returns it."""
    module = synthetic()
    module.write(module.generate(sentra, seed=seed), folder)
    return folder
