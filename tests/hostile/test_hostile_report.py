"""Hostile names in the HTML and Markdown reports: markup in a sentra's, a partner's or a
member's name or id stays text; the report's only script is its own."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from umkm_kg.resources import resource_dir
from umkm_kg.validation import validate_sources
from umkm_kg.validation.html import to_html
from umkm_kg.validation.render import to_markdown

HOSTILE = [
    "</svg><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title></g><a href='javascript:alert(1)'>klik</a>",
    "=HYPERLINK(\"http://attacker.example\")",
    "Bank " + "sangat panjang " * 40,
]


def _rewrite(path: Path, column: str, row: int, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def kediri(tmp_path: Path) -> Path:
    folder = tmp_path / "kediri"
    shutil.copytree(resource_dir("examples") / "kediri-tenun-ikat", folder)
    return folder


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize(
    ("table", "column"),
    [("sentra.csv", "name"), ("institutions.csv", "name"), ("enterprises.csv", "enterprise_id")],
)
def test_hostile_names_stay_text(kediri: Path, table: str, column: str, name: str) -> None:
    if column == "enterprise_id":  # a member's id, in its row and its cluster role
        name = name.split()[0][:40]
        _rewrite(kediri / "cluster_roles.csv", "member_id", 0, name)
    _rewrite(kediri / table, column, 0, name)
    validation = validate_sources([kediri])
    for lang in ("id", "en"):
        page = to_html(validation, lang)
        assert page.count("<script") == 1 and "<img" not in page and "<a href='java" not in page
        assert "</svg><script>" not in page and "onerror=alert(1)>" not in page
    markdown = to_markdown(validation, "en")
    assert "<script>" not in markdown and "<img" not in markdown
