"""Every example in ``examples/`` validates with zero data errors: no violation, and no warning
but the ones its README explains (a new example is a new test)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from umkm_kg.resources import resource_dir
from umkm_kg.validation import validate_sources

EXAMPLES = sorted(p for p in resource_dir("examples").iterdir() if p.is_dir())
# example -> (profile shape, the README's words that explain its warning)
EXPLAINED_WARNINGS = {
    # the paper does not date its observations: no as_of, so no size rule set is chosen
    "kediri-tenun-ikat": {("umkmsh:sentra_as_of", "`as_of` is empty")},
}


def test_there_are_examples():
    assert {p.name for p in EXAMPLES} >= {"kediri-tenun-ikat", "illustrative"}


@pytest.mark.parametrize("folder", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_validates_with_zero_data_errors(folder: Path):
    result = validate_sources([folder])
    assert [p.to_json() for p in result.data_errors if p.severity == "violation"] == []
    explained = EXPLAINED_WARNINGS.get(folder.name, set())
    assert {p.shape for p in result.data_errors} == {shape for shape, _ in explained}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for _shape, words in explained:
        assert words in readme
    assert not result.unusable and result.sentra


def test_founding_example_readme_names_every_empty_cooperation_field():
    """The README's table of cooperation fields left empty (the paper's words not at hand) is
    exactly what cooperation.csv leaves empty."""
    folder = resource_dir("examples") / "kediri-tenun-ikat"
    fields = ("trigger", "input", "process", "output", "impact")
    with (folder / "cooperation.csv").open(encoding="utf-8", newline="") as handle:
        empty = {
            row["cooperation_id"]: {f for f in fields if not row[f].strip()}
            for row in csv.DictReader(handle)
        }
    readme = (folder / "README.md").read_text(encoding="utf-8")
    table = {
        match.group(1): {f for f in fields if re.search(rf"\b{f}\b", match.group(2))}
        for match in re.finditer(r"^\| (KS-[\w-]+) \| \w+ \| ([^|]*) \|$", readme, re.M)
    }
    assert table == empty
    assert all(row for row in empty.values())  # each cooperation misses something
