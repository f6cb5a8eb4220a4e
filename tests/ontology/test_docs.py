"""HTML documentation of the ontology, through the API and the CLI."""

from __future__ import annotations

import html

import pytest
from typer.testing import CliRunner

from umkm_kg.cli import _register_commands
from umkm_kg.cli_app import app
from umkm_kg.docs import write_docs


@pytest.fixture(scope="module")
def docs_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    page = write_docs(folder / "out")
    return html.unescape(page.read_text(encoding="utf-8")), folder / "out"


def test_page_holds_a_class_label_and_its_indonesian_and_english_definitions(docs_page):
    text, _ = docs_page
    assert "Klaster" in text
    assert "Sentra yang telah berkembang, yang memiliki kerja sama internal" in text
    assert "A developed sentra that has internal cooperation" in text
    assert "Ontologi sentra dan klaster UMKM Indonesia" in text


def test_page_documents_size_criteria_and_kinds(docs_page):
    text, folder = docs_page
    assert "Kriteria UMKM menurut UU 20/2008" in text
    assert "produksi bersama" in text
    assert (folder / "umkm-kg.ttl").stat().st_size > 0


def test_cli_writes_docs_to_the_given_folder(tmp_path):
    _register_commands()
    result = CliRunner().invoke(app, ["docs", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert "index.html" in result.output


def test_output_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    from umkm_kg.errors import UmkmKgError

    with pytest.raises(UmkmKgError, match="not a folder"):
        write_docs(target)
