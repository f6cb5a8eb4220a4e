"""Every query under ``src/umkm_kg/server/web/queries`` has expected rows on known data
(``fixtures/sentra.ttl``, plus one data-cube observation): the sentra profile's sections and the
search are answers people read, and the choice lists are the options they pick from. A meta-test
fails when a new query file has no expected rows here, as the catalogue's does for ``queries/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from tests.queries.conftest import KNOWN_DATA
from umkm_kg.catalogue import resolve_default
from umkm_kg.namespaces import ID, INFRA, KIND, UMKM
from umkm_kg.server.web import sentra_pages
from umkm_kg.store import open_store

WEB_QUERIES = Path(sentra_pages.__file__).parent / "queries"
KEDIRI = ID["sentra/kediri"]
CUBE = """@prefix qb: <http://purl.org/linked-data/cube#> .
<https://w3id.org/umkm-kg/id/cube/uji/o1> qb:dataSet <https://w3id.org/umkm-kg/id/cube/uji> .
"""

# query file -> (column, a value that must be among its rows); sentra-* are asked about KEDIRI
EXPECTED: dict[str, tuple[str, object]] = {
    "choice-activity": ("value", ID["kbli/2020/13122"]),
    "choice-dataset": ("value", ID["cube/uji"]),
    "choice-entity": ("value", KEDIRI),
    "choice-infrastructure": ("value", INFRA.electricity),
    "choice-kind": ("value", KIND.equipment_innovation),
    "choice-region": ("value", ID["region/35.71"]),
    "choice-rule_set": ("value", "pp_7_2021"),
    "choice-rule_set_a": ("value", "uu_20_2008"),
    "choice-rule_set_b": ("value", "bps_workers"),
    "choice-sentra_id": ("value", "S1"),
    "choice-support": ("value", KIND.credit),
    "search-names": ("name", "Sentra Tenun Ikat Bandar Kidul"),
    "sentra-cooperation": ("kind", KIND.equipment_innovation),
    "sentra-infrastructure": ("providerName", "PDAM"),
    "sentra-market": ("region", ID["region/35.06"]),
    "sentra-members": ("sizeClass", URIRef("https://w3id.org/umkm-kg/size/small")),
    "sentra-overview": ("name", "Sentra Tenun Ikat Bandar Kidul"),
    "sentra-partners": ("partner", ID["institution/ud-benang-jaya"]),
    "sentra-places": ("code", "35"),
    "sentra-regions": ("code", "35.71.01"),
    "enterprise-overview": ("name", "Tenun Ikat Bandoel"),
    "enterprise-sizes": ("sizeClass", URIRef("https://w3id.org/umkm-kg/size/medium")),
    "entity-cooperation": ("kind", KIND.joint_production),
    "entity-sentra": ("sentra", KEDIRI),
    "home-counts": ("count", 19),  # cooperation
    "home-graphs": ("graph", ID["graph/sentra"]),
    "home-sources": ("source", "sentra.ttl"),
    "institution-infrastructure": ("kind", INFRA.electricity),
    "institution-overview": ("name", "UD Benang Jaya"),
    "iri-types": ("class", UMKM.Sentra),
    "kind-classes": ("class", UMKM.SentraIKM),
}
# the entity an enterprise's or institution's page binds (``?entity``), by query file
ENTITY = {
    "enterprise-overview": ID["enterprise/kediri/e3"],
    "enterprise-sizes": ID["enterprise/kediri/e3"],
    "entity-cooperation": ID["enterprise/kediri/e3"],
    "entity-sentra": ID["enterprise/kediri/e3"],
    "institution-infrastructure": ID["institution/pln"],
    "institution-overview": ID["institution/ud-benang-jaya"],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-queries")
    cube = folder / "cube.ttl"
    cube.write_text(CUBE, encoding="utf-8")
    with open_store(folder / "store") as opened:
        opened.load(KNOWN_DATA)
        opened.load(cube)
        yield opened


def test_every_web_query_has_expected_rows():
    """A meta-test: a new .rq under server/web/queries fails here until it has expected rows."""
    assert {path.stem for path in WEB_QUERIES.glob("*.rq")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_web_query_answers_on_known_data(store, name):
    text = (WEB_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    bindings = {}
    if name.startswith("sentra-"):  # as the profile page binds them
        bindings["sentra"] = KEDIRI
        if "?rule_set" in text:
            bindings["rule_set"] = Literal(resolve_default("@in_force"))
    if name in ENTITY:  # as the enterprise and institution pages bind them
        bindings["entity"] = ENTITY[name]
    if name == "iri-types":  # as the pages' links bind it (many IRIs at once there)
        bindings["iri"] = KEDIRI
    rows = store.select(text, bindings)
    column, expected = EXPECTED[name]
    assert expected in {row[column] for row in rows}
    if name.startswith("sentra-"):
        assert {row["sentra"] for row in rows} == {KEDIRI}  # only the sentra asked about
    if name in ENTITY:
        assert {row["entity"] for row in rows} == {ENTITY[name]}  # only the one asked about
