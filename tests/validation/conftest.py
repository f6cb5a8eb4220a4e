"""Fixtures of the validation tests: the named cases in one graph, validated by both engines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from builders import sentra_graph
from cases import CASES, case_spec
from near_misses import Batch, pyshacl_batch

from umkm_kg.validation import Validation, validate


@pytest.fixture(scope="session")
def cases_graph():
    """Every case of ``cases.py`` as one graph (one sentra per case)."""
    return sentra_graph(*(case_spec(name) for name in CASES))


@pytest.fixture(scope="session")
def fast_result(cases_graph) -> Validation:
    """The cases validated by the fast engine."""
    return validate(cases_graph, engine="fast")


@pytest.fixture(scope="session")
def reference_result(cases_graph) -> Validation:
    """The cases validated by pySHACL (slow: about a second per sentra)."""
    return validate(cases_graph, engine="pyshacl")


@pytest.fixture(scope="session")
def near_miss_batch() -> Batch:
    """The conforming fixture, the listing, bad data and every profile shape's near miss,
    validated by pySHACL in one run over their union."""
    return pyshacl_batch()
