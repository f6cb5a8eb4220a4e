"""validate --endpoint: the fast engine's queries run on the server (Virtuoso, Oxigraph) and
give the embedded store's verdicts on the same data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.queries.test_cli import run
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import RemoteStore, open_store
from umkm_kg.store.bulk import bulk_load
from umkm_kg.store.oxigraph_server import OxigraphServer
from umkm_kg.validation import validate_opened
from umkm_kg.validation.render import to_json


def _verdicts(store) -> dict:
    return json.loads(to_json(validate_opened(store)))


def test_endpoint_verdicts_equal_the_embedded_store(embedded, remote, on_virtuoso, monkeypatch):
    expected = _verdicts(embedded)
    statuses = {c["status"] for s in expected["sentra"] for c in s["criteria"]}
    assert statuses == {"met", "not_met", "unknown"} and expected["data_errors"]

    def no_copy(self):
        raise AssertionError("validate --endpoint copied the graph into Python")

    monkeypatch.setattr(RemoteStore, "to_graph", no_copy)
    assert _verdicts(remote) == expected
    assert _verdicts(on_virtuoso) == expected


def test_cli_validate_endpoint_on_virtuoso(embedded, on_virtuoso, capsys):
    code, out, err = run(capsys, "validate", "--endpoint", on_virtuoso.endpoint, "--format", "json")
    assert code == 1, err  # the known sentra are not ready
    assert json.loads(out) == _verdicts(embedded)


def test_endpoint_without_the_shapes_graph_is_a_clear_error():
    with OxigraphServer() as server:
        store = open_store(endpoint=f"{server.url}/query", timeout=10)
        with pytest.raises(UmkmKgError, match="holds no shapes graph"):
            validate_opened(store)


def test_typed_whole_numbers_pass_their_datatype_check_on_virtuoso(virtuoso, on_virtuoso, tmp_path):
    """Virtuoso keeps xsd:nonNegativeInteger where Oxigraph stores xsd:integer (fails before
    the check took both: every firm's workers were a data error on Virtuoso)."""
    source = tmp_path / "typed-workers.ttl"
    firm = "https://w3id.org/umkm-kg/id/enterprise/typed-workers/e1"
    source.write_text(
        f"<{firm}> a <https://w3id.org/umkm-kg/ontology#Enterprise> ;\n"
        '  <https://w3id.org/umkm-kg/ontology#workers> "4"^^'
        "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n",
        encoding="utf-8",
    )
    bulk_load(on_virtuoso, source, virtuoso.sql, virtuoso.dirs_allowed[0])
    try:
        problems = validate_opened(on_virtuoso).data_errors
        assert not [p for p in problems if str(p.focus) == firm and p.path is not None]
    finally:
        virtuoso.sql(
            "SPARQL DROP SILENT GRAPH <https://w3id.org/umkm-kg/id/graph/typed-workers>;\n"
            "SPARQL DROP SILENT GRAPH <https://w3id.org/umkm-kg/id/graph/size-assessments/typed-workers>;\n"
        )


@pytest.mark.parametrize(
    ("case", "expected"),
    [("kbli_2025_member_counts", "met"), ("kbli_2025_known_other", "not_met")],
)
def test_kbli_2025_members_are_judged_on_a_server_as_in_the_embedded_store(
    tmp_path, case, expected
):
    """A store carries the KBLI 2025 <-> 2020 correspondence as a vocabulary graph, so a server
    judges a member coded in KBLI 2025 as the embedded store does (fails before: ``unknown`` on
    any server, since only the embedded store's in-memory copy added the correspondence)."""
    from tests.queries.conftest import started_oxigraph

    sys.path.insert(0, str(Path(__file__).parents[1] / "validation"))  # as its conftest does
    from builders import sentra_graph
    from cases import case_spec

    source = tmp_path / f"{case}.ttl"
    sentra_graph(case_spec(case)).serialize(source, format="turtle")
    with started_oxigraph() as server:
        store = open_store(endpoint=f"{server.url}/query", timeout=30)
        store.load(source)
        verdicts = _verdicts(store)
    (sentra,) = verdicts["sentra"]
    statuses = {c["criterion"]: c["status"] for c in sentra["criteria"]}
    assert statuses["similar_small_units"] == expected
