"""HTML documentation of the ontology, through the API and the CLI."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from umkm_kg.class_diagram import MAIN_CLASSES, class_diagram_svg, class_edges
from umkm_kg.cli import _register_commands
from umkm_kg.cli_app import app
from umkm_kg.docs import write_docs
from umkm_kg.namespaces import UMKM
from umkm_kg.ontology import ontology_graph
from umkm_kg.picture_layout import Box


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


def test_labels_in_two_languages_are_kept_apart(docs_page):
    """pyLODE wrote a term's labels run together ("PemasokSupplier"); now "id / en"."""
    text, _ = docs_page
    assert "Klaster menurut uraian makalah dasar / Cluster as the founding paper describes it" in (
        text
    )
    assert "Cluster as the founding paper describes itKlaster" not in text
    assert "Klaster menurut uraian makalah dasarCluster" not in text
    headings = re.findall(r"<h3>([^<\n]+)", text)
    assert "Jenis kerja sama / Cooperation kind" in [h.strip() for h in headings]


MAIN = ("org:Organization", "umkm:Sentra", "umkm:Enterprise", "umkm:Institution",
        "umkm:Cluster", "umkm:Cooperation", "umkm:CooperationKind", "umkm:Infrastructure",
        "umkm:Region", "umkm:SizeAssessment")  # fmt: skip


def test_docs_hold_a_diagram_naming_the_main_classes(docs_page):
    text, folder = docs_page
    diagram = (folder / "classes.svg").read_text(encoding="utf-8")
    assert diagram in text  # inline in the page, and beside it
    names = re.findall(r'font-weight="bold">([^<]+)</tspan>', diagram)
    assert set(MAIN) <= set(names)
    for label in ("Size assessment", "Kerja sama", "Wilayah administrasi"):  # id and en
        assert label in diagram
    for link in ("umkm:inSentra", "umkm:cooperationKind", "umkm:partner", "umkm:locatedIn"):
        assert f">{link}</tspan>" in diagram  # every object property between them is labelled
    for remote in ("<script", "href=", "<image", "@import"):
        assert remote not in diagram


def test_diagram_follows_the_ontology_and_overlaps_nothing():
    graph = ontology_graph()
    edges = class_edges(graph)
    assert (UMKM.Cluster, UMKM.Sentra, "") in edges  # from umkm:Cluster's definition
    assert (UMKM.Cooperation, UMKM.Sentra, "umkm:inSentra") in edges
    svg = class_diagram_svg(graph)
    boxes = [
        Box(float(x) + float(w) / 2, float(y) + float(h) / 2, float(w), float(h))
        for x, y, w, h in re.findall(
            r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
        )
    ]
    assert len(boxes) == len(MAIN_CLASSES) + len({(a, b) for a, b, name in edges if name})
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b, gap=0)


def test_the_diagram_in_docs_is_the_one_the_ontology_draws():
    """docs/classes.svg (shown by docs/ontology.md) is regenerated, not drawn by hand:
    python -c "from umkm_kg.docs import write_docs; ..." or the command in docs/ontology.md."""
    committed = (Path(__file__).parents[2] / "docs" / "classes.svg").read_text(encoding="utf-8")
    assert committed == class_diagram_svg(ontology_graph())
