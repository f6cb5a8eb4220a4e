"""``umkm-kg mappings``, ``umkm-kg link`` and ``umkm-kg link-accept``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, Graph

from tests.cli_runner import run_cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, out, err = run_cli(capsys, *args)
    return code, out + err


def test_mappings_lists_the_layouts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "mappings")
    assert code == 0 and "jatim_umkm_binaan" in out and "template" in out


def test_link_then_accept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, er_graphs: dict[str, Graph]
) -> None:
    for name, graph in er_graphs.items():
        graph.serialize(tmp_path / f"{name}.ttl", format="turtle")
    table = tmp_path / "candidates.sssom.tsv"
    code, out = run(
        capsys, "link", str(tmp_path / "dinas.ttl"), str(tmp_path / "provinsi.ttl"),
        "--kind", "sentra", "-o", str(table),
    )  # fmt: skip
    assert code == 0 and "10 candidate links (9 at or above 0.8)" in out
    assert "id:sentra/dinas/s01\tSentra Tenun Ikat Bandar Kidul\towl:sameAs" in table.read_text()
    links = tmp_path / "links.ttl"
    code, out = run(capsys, "link-accept", str(table), "-o", str(links))
    assert code == 0 and "9 accepted links" in out
    assert len(set(Graph().parse(links).subject_objects(OWL.sameAs))) == 9


def test_link_accept_reports_a_bad_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "bad.sssom.tsv"
    table.write_text("subject_id\tobject_id\n", encoding="utf-8")
    code, out = run(capsys, "link-accept", str(table), "-o", str(tmp_path / "x.ttl"))
    assert code == 2 and "missing column(s) confidence, predicate_id" in " ".join(out.split())
