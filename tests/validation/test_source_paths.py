"""Template sources validated straight from the loader (size links from the figures read while
loading) give the same verdicts as the same data validated as a graph (links from a query)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from tests.bench_synthetic import synthetic_folder
from umkm_kg.loading import load_source
from umkm_kg.store import open_store
from umkm_kg.validation import validate, validate_opened, validate_sources


def _verdicts(result) -> str:
    return json.dumps(result.to_json(), sort_keys=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return synthetic_folder(tmp_path_factory.mktemp("synthetic-paths"), 30, seed=3)


@pytest.mark.parametrize("as_of", [None, datetime.date(2015, 1, 1), datetime.date(1999, 1, 1)])
def test_loader_path_and_graph_path_give_the_same_verdicts(folder, as_of):
    with load_source(folder) as loaded:
        graph = loaded.graph()
    from_graph = validate(graph, as_of=as_of)
    from_folder = validate_sources([folder], as_of=as_of)
    assert _verdicts(from_folder) == _verdicts(from_graph)


def test_the_date_reaches_the_size_links(folder):
    """In 1999 (UU 9/1995) most synthetic firms are not small: far fewer similar small units."""
    today = validate_sources([folder])
    in_1999 = validate_sources([folder], as_of=datetime.date(1999, 1, 1))
    units = {s.key: s.criteria[0].value for s in today.sentra}
    assert [c.criterion.key for c in today.sentra[0].criteria][0] == "similar_small_units"
    assert all(s.criteria[0].value < units[s.key] for s in in_1999.sentra if units[s.key])


@pytest.mark.parametrize("as_of", [None, datetime.date(1999, 1, 1)])
def test_a_loaded_store_gives_the_same_verdicts(folder, tmp_path, as_of):
    """The embedded store (every rule set's links, ontology and shapes graphs) validated
    through its in-memory copy: the verdicts of the source itself."""
    with open_store(tmp_path / "store") as store:
        store.load(folder)
        from_store = validate_opened(store, as_of=as_of)
    assert _verdicts(from_store) == _verdicts(validate_sources([folder], as_of=as_of))
