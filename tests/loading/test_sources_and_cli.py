"""DATA arguments (read_graph) and the template / convert / demo commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from typer.testing import CliRunner

from umkm_kg.cli import _register_commands, main
from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import UMKM
from umkm_kg.sources import read_graph

from .conftest import fill

runner = CliRunner()
_register_commands()


def sentra_count(graph: Graph) -> int:
    return len(set(graph.subjects(RDF.type, UMKM.Sentra)))


def test_read_graph_merges_folders_and_rdf_files(template: Path, tmp_path: Path) -> None:
    graph = read_graph([template])
    assert sentra_count(graph) == 1
    turtle = tmp_path / "data.ttl"
    graph.serialize(turtle, format="turtle")
    quads = tmp_path / "data.nq"
    quads.write_text(
        "<urn:x:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<{UMKM.Sentra}> <urn:x:g> .\n",
        encoding="utf-8",
    )
    merged = read_graph([turtle, quads])
    assert sentra_count(merged) == 2


def test_read_graph_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(UmkmKgError, match="bad.ttl"):
        read_graph([bad])
    with pytest.raises(UmkmKgError, match="no such file"):
        read_graph([tmp_path / "missing"])


def test_template_command_writes_the_template(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t" / "sentra.csv").is_file()
    assert "sentra.csv" in result.output


@pytest.mark.parametrize(("name", "rdf_format"), [("out.ttl", "turtle"), ("out.nt", "nt"),
                                                  ("out.jsonld", "json-ld")])  # fmt: skip
def test_convert_command_writes_each_format(template: Path, tmp_path: Path, name: str,
                                            rdf_format: str) -> None:  # fmt: skip
    target = tmp_path / name
    result = runner.invoke(app, ["convert", str(template), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert sentra_count(Graph().parse(target, format=rdf_format)) == 1


def test_convert_format_option_overrides_the_extension(template: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    result = runner.invoke(app, ["convert", str(template), "-o", str(target), "--format", "nt"])
    assert result.exit_code == 0, result.output
    assert sentra_count(Graph().parse(target, format="nt")) == 1


def test_convert_bad_data_exits_2_with_one_message(template: Path, tmp_path: Path) -> None:

    fill(template, "enterprises", [{"enterprise_id": "E1", "sentra_id": "S9", "name": "U"}])
    target = tmp_path / "out.ttl"
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", str(template), "-o", str(target)])
    assert exit_info.value.code == 2
    assert not target.exists()


def test_demo_runs_on_the_bundled_examples(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "umkm-kg-demo"
    assert (folder / "report.html").stat().st_size > 1000
    assert "kediri-tenun-ikat</code>" in (folder / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "rdf").iterdir()) == [
        "illustrative.ttl",
        "kediri-tenun-ikat.ttl",
    ]
    # the next step it prints answers from the store it made (not an empty default store)
    assert "umkm-kg query support-overlap --store umkm-kg-demo/store" in result.output
    from umkm_kg.store import open_store

    with open_store(folder / "store") as store:
        assert len(store.query("support-overlap")) > 0
    again = runner.invoke(app, ["demo"])  # its own folder is replaced, not refused
    assert again.exit_code == 0, again.output
    assert "KDR-TENUN" in result.output
    summary = [line for line in result.output.splitlines() if "KDR-TENUN" in line][0]
    cells = [cell.strip() for cell in summary.strip("│ ").split("│")]
    assert cells[:3] == ["KDR-TENUN", "15", "3"]  # members, internal cooperations
    assert "A-01" in result.output  # the assets/sales conflict is shown


def test_demo_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_examples_convert_to_json_ld(tmp_path: Path) -> None:
    from umkm_kg.resources import resource_dir

    target = tmp_path / "kediri.jsonld"
    folder = resource_dir("examples") / "kediri-tenun-ikat"
    result = runner.invoke(app, ["convert", str(folder), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))


def test_version_option_prints_the_package_version() -> None:
    from umkm_kg import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == __version__
