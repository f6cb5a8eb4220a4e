"""Tests that need Java carry the ``java`` marker: ``tests/conftest.py`` fails any unmarked test
that starts a Java reasoner, so the whole suite checks its own markers on every run."""

from __future__ import annotations

import pytest
from rdflib import Graph

from umkm_kg.reasoning import reason


def test_an_unmarked_test_cannot_run_the_reasoner():
    """Near miss of the guard: this test has no java marker and calls HermiT."""
    with pytest.raises(pytest.fail.Exception, match="without @pytest.mark.java"):
        reason(Graph())


@pytest.mark.java
def test_a_marked_test_reaches_the_reasoner(monkeypatch):
    """With the marker the reasoner call goes through (stubbed here: no Java needed)."""
    import owlready2

    called = []
    monkeypatch.setattr(owlready2, "sync_reasoner_hermit", lambda *a, **k: called.append(1))
    assert reason(Graph()).consistent and called == [1]
