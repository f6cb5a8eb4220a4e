"""Questions whose rows need more than the known data give the same rows on the embedded store
and on Virtuoso: a data cube (location quotients), candidate sentra found in a listing, and
conflicting figures of one IRI in two sources, of linked IRIs and of yearly observations.

The same quads go into both stores: the embedded store is filled by ``umkm-kg cube``,
``discover --save`` and ``load``, then dumped as N-Quads into Virtuoso's bulk loader.
Virtuoso computes decimals to 15 digits where Oxigraph keeps 18: decimals are compared to 12.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import started_virtuoso
from tests.discovery.planted import MAPPING, write_planted
from tests.linking.jatim_rows import row, write
from tests.queries.helpers import canonical
from umkm_kg.cli import main
from umkm_kg.namespaces import ID
from umkm_kg.store import EmbeddedStore, RemoteStore, open_store
from umkm_kg.validation import validate_opened
from umkm_kg.validation.render import to_json

EKRAF = (
    "id,id_index,kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,"
    "kategori_ekraf,jumlah_usaha,periode_update,satuan,tahun\n"
    "1,1,35,JAWA TIMUR,3571,X,KRIYA,6,2024,UNIT,2024\n"
    "2,2,35,JAWA TIMUR,3571,X,KULINER,4,2024,UNIT,2024\n"
    "3,3,35,JAWA TIMUR,3572,X,KRIYA,2,2024,UNIT,2024\n"
    "4,4,35,JAWA TIMUR,3572,X,KULINER,8,2024,UNIT,2024\n"
)
UMKM = "@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .\n"
LINKED = (
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
)
ENTERPRISE = "<https://w3id.org/umkm-kg/id/enterprise/{}> a umkm:Enterprise ; {} .\n"
SOURCES = {  # same IRI in two sources; linked IRIs (one link each way)
    "first.ttl": UMKM + ENTERPRISE.format("x/e1", "umkm:workers 3 ; umkm:annualSalesIDR 1000"),
    "second.ttl": UMKM + ENTERPRISE.format("x/e1", "umkm:workers 4 ; umkm:annualSalesIDR 1000"),
    "dinas.ttl": UMKM
    + LINKED
    + ENTERPRISE.format("dinas/e1", "umkm:workers 12 ; umkm:annualSalesIDR 480")
    + ENTERPRISE.format("dinas/e2", "umkm:workers 5 ; owl:sameAs <../provinsi/f2>")
    + ENTERPRISE.format("dinas/e3", "umkm:workers 7"),
    "provinsi.ttl": UMKM
    + LINKED
    + ENTERPRISE.format(
        "provinsi/f1", "umkm:workers 12 ; umkm:annualSalesIDR 500 ; skos:exactMatch <../dinas/e1>"
    )  # fmt: skip
    + ENTERPRISE.format("provinsi/f2", "umkm:workers 6")
    + ENTERPRISE.format("provinsi/f3", "umkm:workers 8"),  # not linked: no conflict
}
QUESTIONS = {
    "location-quotients": {},
    "specialised-regions": {},
    "candidate-sentra": {},
    "conflicting-values": {},
}
WITH_PARAMETERS = [
    ("location-quotients", {"category": "KRIYA"}),
    ("specialised-regions", {"threshold": Decimal("1.4")}),
    ("candidate-sentra", {"status": "unknown"}),
    ("candidate-sentra", {"region": ID["region/35.72"]}),
    ("conflicting-values", {"entity": ID["enterprise/dinas/e1"]}),
]


def _run(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exit_:
        assert not exit_.code, args


def _fill(folder: Path) -> EmbeddedStore:
    store_path = folder / "store"
    (folder / "ekraf").mkdir()
    cube = folder / "ekraf" / "jumlah_usaha_ekonomi_kreatif_berdasarkan_17_sub_sektor.csv"
    cube.write_text(EKRAF, encoding="utf-8")
    _run("cube", str(cube), "--store", str(store_path))
    listing = write_planted(folder)
    _run("discover", str(listing), "--mapping", MAPPING, "--store", str(store_path), "--save")
    store = open_store(store_path)
    for name, text in SOURCES.items():
        path = folder / name
        path.write_text(text.replace("<../", "<https://w3id.org/umkm-kg/id/enterprise/"),
                        encoding="utf-8")  # fmt: skip
        store.load(path)
    extracts = folder / "extracts"
    extracts.mkdir()
    for name, first in (("extract-a.csv", row(1)), ("extract-b.csv", row(1, omset_2019="9"))):
        store.load(write(extracts, [first, row(2)], name=name), mapping="jatim_umkm_binaan")
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedStore, RemoteStore]]:
    folder = tmp_path_factory.mktemp("rows")
    with started_virtuoso(folder / "virtuoso") as server:
        embedded = _fill(folder)
        bulk = server.dirs_allowed[0]
        with embedded.reading() as snapshot:
            snapshot.dump(str(bulk / "all.nq"), format=ox.RdfFormat.N_QUADS)
        server.sql(f"ld_dir('{bulk}', '*.nq', 'urn:unused');\nrdf_loader_run();\ncheckpoint;\n")
        errors = server.sql("SELECT ll_file FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        assert "all.nq" not in errors
        yield embedded, open_store(endpoint=f"{server.url}/sparql", timeout=60)
    embedded.close()


def _rows(rows: list[dict]) -> list[tuple]:
    return canonical(
        [{k: round(v, 12) if isinstance(v, Decimal) else v for k, v in r.items()} for r in rows]
    )


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_rows_equal_on_virtuoso(stores, name):
    embedded, virtuoso = stores
    expected = _rows(embedded.query(name))
    assert expected  # the data give this question rows
    assert _rows(virtuoso.query(name)) == expected


@pytest.mark.parametrize(("name", "params"), WITH_PARAMETERS)
def test_rows_with_parameters_equal_on_virtuoso(stores, name, params):
    embedded, virtuoso = stores
    expected = _rows(embedded.query(name, **params))
    assert expected
    assert _rows(virtuoso.query(name, **params)) == expected


def test_conflicts_of_every_kind_are_found(stores):
    """The data hold each kind of conflict once (so that the equality above covers them)."""
    rows = stores[0].query("conflicting-values")
    found = {(str(r["entity"]).rsplit("/", 2)[-2] + "/" + str(r["entity"]).rsplit("/", 1)[-1],
              str(r["property"]).rsplit("#", 1)[-1], r["year"]) for r in rows}  # fmt: skip
    assert found == {
        ("x/e1", "workers", None),
        ("dinas/e1", "annualSalesIDR", None),
        ("dinas/e2", "workers", None),
        ("jatim-umkm-binaan/1", "annualSalesIDR", 2019),
    }


def test_verdicts_and_data_errors_equal_on_virtuoso(stores):
    """validate --endpoint on Virtuoso gives the embedded store's data errors (fails before,
    in two ways: Virtuoso 7.2 bound a wrong value to the fast engine's boolean flags once
    their pattern was joined to the targets, so it reported neither the sh:maxCount 1 error
    of a firm with workers 3 in one source and 4 in another, an EXISTS flag, nor, once that
    was a count, the sh:datatype errors of whole-number sales among decimal ones)."""
    embedded, virtuoso = stores
    expected = json.loads(to_json(validate_opened(embedded)))
    errors = {(e["focus"], e["path"], e["value"]) for e in expected["data_errors"]}
    e1 = str(ID["enterprise/x/e1"])
    assert (e1, "umkm:workers", None) in errors  # the count, not a value, is wrong
    assert (e1, "umkm:annualSalesIDR", "1000") in errors  # an integer, not a decimal
    assert (str(ID["enterprise/provinsi/f1"]), "umkm:annualSalesIDR", "500") in errors
    assert json.loads(to_json(validate_opened(virtuoso))) == expected
