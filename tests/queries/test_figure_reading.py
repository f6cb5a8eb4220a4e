"""The size figures read from our loaders' N-Triples by text equal those read by a parser."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.bench_synthetic import synthetic
from umkm_kg.errors import DataErrors
from umkm_kg.loading import load_source
from umkm_kg.store.assessments import source_figures


@pytest.fixture(scope="module")
def ntriples(tmp_path_factory) -> Path:
    module = synthetic()
    folder = tmp_path_factory.mktemp("figures")
    module.write(module.generate(12, seed=5), folder / "data")
    return load_source(folder / "data", output=folder / "data.nt").ntriples_path


def test_text_and_parser_read_the_same_figures_members_and_dates(ntriples):
    by_text = source_figures(ntriples, ox.RdfFormat.N_TRIPLES, loader_output=True, dated=True)
    parsed = source_figures(ntriples, ox.RdfFormat.N_TRIPLES, loader_output=False, dated=True)
    assert by_text.figures == parsed.figures and len(by_text.figures) > 300
    assert sorted(by_text.memberships) == sorted(parsed.memberships)
    assert by_text.dates == parsed.dates and len(by_text.dates) == 12


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '<urn:e> <https://w3id.org/umkm-kg/ontology#workers> "4.5"^^<http://www.w3.org/2001/'
            "XMLSchema#decimal> .\n",
            "not a whole number",
        ),
        (
            '<urn:e> <https://w3id.org/umkm-kg/ontology#capitalIDR> "x"^^<http://www.w3.org/2001/'
            "XMLSchema#decimal> .\n",
            "not an xsd:decimal amount",
        ),
    ],
)
def test_an_unreadable_figure_is_named_either_way(tmp_path, line, message):
    path = tmp_path / "bad.nt"
    path.write_text(line, encoding="utf-8")
    for by_loader in (True, False):
        with pytest.raises(DataErrors, match=message):
            source_figures(path, ox.RdfFormat.N_TRIPLES, loader_output=by_loader)
