"""Every catalogue query gives the same rows (as a multiset) whether the data are one source or
split over two or three sources that share regions, KBLI codes and vocabulary (issue 10 item 11).

Fails on main: each source graph kept its own copy of the region and KBLI nodes, and Oxigraph's
union of graphs answered once per copy (cooperation-intensity 18 rows for 5 sentra, ...).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph

from tests.queries.conftest import KNOWN_DATA, started_oxigraph
from tests.queries.helpers import canonical
from tests.queries.test_remote import PARAMETERS
from umkm_kg.catalogue import load_catalogue
from umkm_kg.namespaces import KIND
from umkm_kg.ontology import ontology_graph
from umkm_kg.resources import resource_dir
from umkm_kg.store import open_store
from umkm_kg.store.oxigraph_server import OxigraphServer
from umkm_kg.store.shared import REFERENCE_GRAPH, is_shared
from umkm_kg.store.terms import to_oxigraph

CASES = [(name, {}) for name in sorted(load_catalogue())] + [
    (name, params) for name, params in sorted(PARAMETERS.items())
]
CASE_IDS = [f"{name}-{'-'.join(params) or 'all'}" for name, params in CASES]


def split_known_data(parts: int, folder: Path) -> list[Path]:
    """The known data as ``parts`` Turtle files: every data subject's triples in one file
    (round robin), every region/KBLI node in every file, and a copy of the ontology's
    cooperation kinds in every file (vocabulary a source may repeat)."""
    graph = Graph().parse(KNOWN_DATA)
    vocabulary = Graph()
    for kind in {s for s in ontology_graph().subjects() if str(s).startswith(str(KIND))}:
        vocabulary += ontology_graph().triples((kind, None, None))
    files = [Graph() for _ in range(parts)]
    data_subjects = sorted({s for s in graph.subjects() if not is_shared(to_oxigraph(s))})
    home = {subject: number % parts for number, subject in enumerate(data_subjects)}
    for triple in graph:
        assert not isinstance(triple[0], BNode) and not isinstance(triple[2], BNode)
        if triple[0] in home:
            files[home[triple[0]]].add(triple)
        else:
            for part in files:
                part.add(triple)
    paths = []
    for number, part in enumerate(files, start=1):
        part += vocabulary
        path = folder / f"part{number}.ttl"
        part.serialize(path, format="turtle")
        paths.append(path)
    return paths


EXTRA_ROWS = {  # a second and a third template source in regions and KBLI codes the first uses
    "second": {
        "sentra.csv": "SEC-ONE,Sentra Batik Kedua (uji),33.75,13134,2020,kain batik,1990,"
        "2020-12-31,33.75; 34.02; 31,,sentra_ukm",
        "enterprises.csv": "S-01,SEC-ONE,Usaha Kedua 1,,13134,3,Rp 40.000.000,,1 miliar,,1998\n"
        "S-02,SEC-ONE,Usaha Kedua 2,,13134,12,300 juta,,2 M,,1990",
        "institutions.csv": "SEC-BANK,Bank Kedua (uji),bank,33.75",
        "cooperation.csv": "S-KS-01,SEC-ONE,investment_credit,SEC-BANK,S-01,,kredit,,,,2019,"
        "100 juta,9\nS-KS-02,SEC-ONE,joint_marketing,,S-01;S-02,,,,,,2020,,",
        "infrastructure.csv": "SEC-ONE,electricity,PLN,ya,listrik",
    },
    "third": {
        "sentra.csv": "TRI-ONE,Sentra Gerabah Ketiga (uji),34.02.08,23932,2020,gerabah,1980,"
        "2023-06-30,34; 33.75,,sentra_ukm",
        "enterprises.csv": "T-01,TRI-ONE,Usaha Ketiga 1,,23932,2,,,,,",
        "institutions.csv": "TRI-LKM,LKM Ketiga (uji),microfinance,34.02",
        "cooperation.csv": "T-KS-01,TRI-ONE,working_capital_credit,TRI-LKM,T-01,,,,,,2022,,",
        "infrastructure.csv": "TRI-ONE,transport,,tidak,jalan desa",
    },
}


def template_sources(folder: Path, names: list[str]) -> tuple[Path, list[Path]]:
    """``examples/illustrative`` plus the extra sources, as one folder and as separate ones."""
    illustrative = resource_dir("examples") / "illustrative"
    combined = folder / "combined"
    shutil.copytree(illustrative, combined)
    separate = [illustrative]
    for name in names:
        part = folder / name
        part.mkdir()
        for csv in illustrative.glob("*.csv"):
            header = csv.read_text(encoding="utf-8").splitlines()[0]
            rows = EXTRA_ROWS[name].get(csv.name)
            (part / csv.name).write_text(header + "\n" + (rows + "\n" if rows else ""), "utf-8")
            if rows:
                with (combined / csv.name).open("a", encoding="utf-8") as out:
                    out.write(rows + "\n")
        separate.append(part)
    return combined, separate


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """One store per way of loading: the known data whole and split in 2 and 3 files, the
    template example with one and two more sources, as one folder and separately."""
    root = tmp_path_factory.mktemp("split")
    opened = {}
    for parts in (2, 3):
        folder = root / f"split{parts}"
        folder.mkdir()
        opened[f"known-{parts}"] = split_known_data(parts, folder)
    combined, separate = template_sources(root, ["second", "third"])
    loads = {
        "known-1": [KNOWN_DATA],
        **opened,
        "template-1": [combined],
        "template-3": separate,
    }
    result = {}
    for name, paths in loads.items():
        store = open_store(root / f"store-{name}")
        for path in paths:
            store.load(path)
        result[name] = store
    yield result
    for store in result.values():
        store.close()


@pytest.fixture(scope="module")
def remote_split() -> Iterator[OxigraphServer]:
    """A fresh Oxigraph server (the session's holds the known data as one source)."""
    with started_oxigraph() as server:
        yield server


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("parts", [2, 3])
def test_known_data_split_gives_the_same_rows(stores, name, params, parts):
    expected = canonical(stores["known-1"].query(name, **params))
    assert canonical(stores[f"known-{parts}"].query(name, **params)) == expected


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_template_sources_sharing_regions_give_the_rows_of_one_source(stores, name, params):
    expected = canonical(stores["template-1"].query(name, **params))
    assert canonical(stores["template-3"].query(name, **params)) == expected


def test_the_issue_example_answers_once_per_sentra(stores):
    rows = stores["template-3"].query("cooperation-intensity")
    assert len(rows) == len({row["sentra"] for row in rows}) == 5


def test_reference_nodes_are_held_once_in_their_own_graph(stores):
    store = stores["template-3"]
    rows = store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
        "<https://w3id.org/umkm-kg/id/region/33.75> ?p ?o } } GROUP BY ?g"
    )
    assert [(str(row["g"]), row["n"]) for row in rows] == [(str(REFERENCE_GRAPH), rows[0]["n"])]


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_endpoint_split_gives_the_rows_of_one_source(stores, remote_split, name, params, tmp_path):
    store = open_store(endpoint=f"{remote_split.url}/query", timeout=60)
    if not store.select("ASK { GRAPH ?g { ?s ?p ?o } }")[0]["result"]:
        for path in split_known_data(3, tmp_path):
            store.load(path)
    expected = canonical(stores["known-1"].query(name, **params))
    assert canonical(store.query(name, **params)) == expected
