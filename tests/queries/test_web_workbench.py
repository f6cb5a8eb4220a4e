"""The analyst's pages beyond the catalogue (issue 13 section 1): the home page, the SPARQL
editor, the enterprise and institution pages, the profile's cooperation-network picture, links
between the pages and the validation dashboard's filters, paging and workbook; over the queries'
known data and over examples/kediri-tenun-ikat."""

from __future__ import annotations

import io
import re
import warnings
from urllib.parse import quote

import openpyxl
import pytest

from tests.queries.conftest import KNOWN_DATA
from umkm_kg.namespaces import PREFIXES
from umkm_kg.resources import resource_dir
from umkm_kg.server.app import create_app
from umkm_kg.server.web import entity_pages, validation_page, verdicts
from umkm_kg.server.web.network_picture import Actor, network_svg
from umkm_kg.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ID = "https://w3id.org/umkm-kg/id/"
BASE = "http://127.0.0.1:7878"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbench") / "store"
    with open_store(folder) as store:
        store.load(KNOWN_DATA)
    with TestClient(create_app(folder, workers=1), base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def kediri(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kediri") / "store"
    with open_store(folder) as store:
        store.load(resource_dir("examples") / "kediri-tenun-ikat")
    with TestClient(create_app(folder, workers=1), base_url=BASE) as c:
        yield c


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _page_link(kind: str, iri: str, lang: str = "id") -> str:
    return f'href="/{kind}?iri={quote(iri, safe="")}&amp;lang={lang}"'


def test_home_shows_sources_with_provenance_and_counts(client):
    page = client.get("/")
    assert page.status_code == 200
    text = _text(page.text)
    for label, count in [("Sentra", 4), ("Usaha (anggota dan lainnya)", 8), ("Lembaga", 12),
                         ("Kerja sama", 19), ("Prasarana", 12)]:  # fmt: skip
        assert f"{label} {count}" in text
    source = re.search(r'<table id="sources">.*?</table>', page.text, re.S)[0]
    assert "sentra.ttl" in source and "id:graph/sentra" in source and "rdf" in source
    assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", source)
    assert re.search(r'<code title="[0-9a-f]{64}">[0-9a-f]{12}…</code>', source)
    assert re.search(r'Terakhir dimuat: <strong id="last-loaded">\d{4}-', page.text)
    others = text[text.index("Kosakata yang selalu ada") :]
    assert "id:graph/ontology" in others and "id:graph/shapes" in others
    assert "id:graph/sentra " not in others  # a source is listed once, with its provenance
    english = _text(client.get("/", params={"lang": "en"}).text)
    assert "Enterprises (members and others) 8" in english and "Sources loaded (1)" in english


def test_home_of_the_kediri_example_gives_its_rows_and_mapping(kediri):
    text = _text(kediri.get("/").text)
    assert "kediri-tenun-ikat id:graph/kediri-tenun-ikat" in text
    assert "template 74 baris dimuat, 0 ditolak" in text
    assert "Sentra 1 " in text and "Usaha (anggota dan lainnya) 15" in text


def test_editor_offers_the_prefixes_and_the_catalogue_as_examples(client):
    page = client.get("/editor")
    assert page.status_code == 200
    for prefix, namespace in PREFIXES.items():
        assert f"PREFIX {prefix}: &lt;{namespace}&gt;" in page.text
    assert '<option value="support-overlap">Tumpang tindih pemberdayaan' in page.text
    example = client.get("/editor", params={"example": "size-structure", "lang": "en"})
    assert '<option value="size-structure" selected>Size structure of each sentra' in example.text
    assert "VALUES (?rule_set) { (&#34;pp_7_2021&#34;) }" in example.text or (
        'VALUES (?rule_set) { ("pp_7_2021") }' in example.text.replace("&#34;", '"')
    )
    unknown = client.get("/editor", params={"example": "no-such"})
    assert unknown.status_code == 200 and "SELECT ?sentra ?name" in unknown.text


def test_editor_answers_as_the_labelled_table(client):
    query = (
        "PREFIX umkm: <https://w3id.org/umkm-kg/ontology#>\n"
        "SELECT ?bank ?workers WHERE { ?bank a umkm:Bank OPTIONAL { ?bank umkm:workers ?workers } }"
    )
    page = client.get("/editor", params={"query": query})
    assert page.status_code == 200
    assert "Jawaban: 2 baris" in _text(page.text)
    assert _page_link("institution", ID + "institution/35.71/bank-jatim") in page.text
    assert ">Bank Jatim Kediri</a>" in page.text and "<https://" not in page.text
    assert 'href="/query?query=' in page.text and "format=csv" in page.text
    ask = client.get("/editor", params={"query": "ASK { ?s ?p ?o }", "lang": "en"})
    assert "<td>yes</td>" in ask.text
    graph = client.get(
        "/editor",
        params={
            "query": "CONSTRUCT { ?s a ?t } WHERE { "
            "?s a <https://w3id.org/umkm-kg/ontology#Bank> ; a ?t }"
        },
    )
    assert "<th>subject</th><th>predicate</th><th>object</th>" in graph.text
    assert "BPD DIY Bantul" in graph.text
    bad = client.get("/editor", params={"query": "SELEC"})
    assert bad.status_code == 400 and "not valid SPARQL" in bad.text


def test_enterprise_page(client):
    page = client.get("/enterprise", params={"iri": "id:enterprise/kediri/e3", "lang": "en"})
    assert page.status_code == 200
    text = _text(page.text)
    assert "Tenun Ikat Bandoel" in text and "Workers 25" in text
    assert "Monthly turnover (Rp) 250,000,000" in text
    assert _page_link("sentra", ID + "sentra/kediri", "en") in page.text
    assert "MSME criteria of PP 7/2021 Small enterprise" in text
    assert "Cooperation taken part in (2)" in text and "joint production" in text
    assert _page_link("institution", ID + "institution/ud-benang-jaya", "en") in page.text
    assert client.get("/enterprise", params={"iri": "id:sentra/kediri"}).status_code == 404
    assert client.get("/enterprise", params={"iri": "no iri"}).status_code == 404


def test_institution_page(client):
    page = client.get("/institution", params={"iri": "id:institution/35.71/lkm-sejahtera"})
    assert page.status_code == 200
    text = _text(page.text)
    assert "LKM Sejahtera" in text and "Lembaga keuangan mikro (LKM)" in text
    assert "Kerja sama yang diikuti (1)" in text and "kredit modal kerja" in text
    assert "20.000.000" in text
    assert _page_link("sentra", ID + "sentra/kediri") in page.text
    pln = _text(client.get("/institution", params={"iri": "id:institution/pln"}).text)
    assert "Prasarana yang disediakan (1)" in pln and "listrik ya" in pln
    assert client.get("/institution", params={"iri": "id:enterprise/kediri/e3"}).status_code == 404


def test_profile_links_its_members_and_partners_and_draws_the_network(client):
    page = client.get("/sentra", params={"iri": "id:sentra/kediri"})
    assert page.status_code == 200
    assert _page_link("enterprise", ID + "enterprise/kediri/e3") in page.text
    assert _page_link("institution", ID + "institution/universitas-kadiri") in page.text
    picture = re.search(r'<figure class="network" id="network"><svg .*?</svg>', page.text, re.S)[0]
    for actor in ("Bank Indonesia", "LKM Sejahtera", "UD Benang Jaya", "Universitas Kadiri"):
        assert f"<title>{actor}</title>" in picture
    assert picture.count("<line ") == 7  # one line to each of the seven actors
    assert "3 anggota · 2 kerja sama antaranggota" in picture  # c1, c2: no partner
    assert f'<a href="/institution?iri={quote(ID + "institution/pln", safe="")}' not in picture


def test_network_picture_escapes_names_and_cuts_long_ones():
    hostile = Actor('<script>alert("x")</script> & a name far longer than any line can hold ok')
    hostile.kinds.add("<b>kind</b>")
    hostile.count = 2
    svg = network_svg("Sentra <A>", 40, [hostile], 0, {"members": "members", "internal": "x"})
    assert "<script" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg
    assert "…" in svg and "<title>&lt;script&gt;alert(&quot;x&quot;)" in svg
    assert svg.count('r="3"') == 40 and "40 members" in svg


def test_search_and_answers_link_every_kind_to_its_page(client):
    hits = client.get("/search", params={"q": "sejahtera"}).text
    assert _page_link("institution", ID + "institution/35.71/lkm-sejahtera") in hits
    firms = client.get("/search", params={"q": "bandoel"}).text
    assert _page_link("enterprise", ID + "enterprise/kediri/e3") in firms
    answer = client.get("/catalogue/support-overlap", params={"run": "1"}).text
    assert _page_link("institution", ID + "institution/35.71/bank-jatim") in answer
    assert _page_link("sentra", ID + "sentra/kediri") in answer


def test_dashboard_filters_by_unmet_criterion_pages_and_gives_a_workbook(client, monkeypatch):
    unmet = _text(client.get("/validation", params={"criterion": "infrastructure"}).text)
    everything = _text(client.get("/validation").text)
    assert "Sentra (4)" in everything
    count = int(re.search(r"Sentra \((\d)\)", unmet)[1])
    assert 0 < count < 4
    monkeypatch.setattr(validation_page, "PAGE_SIZE", 3)
    first = client.get("/validation", params={"lang": "en"}).text
    assert "Page 1 of 2" in first and first.count('<td><a href="/sentra?') == 3
    second = client.get("/validation", params={"lang": "en", "page": "2"}).text
    assert second.count('<td><a href="/sentra?') == 1
    workbook = client.get("/validation", params={"format": "xlsx", "region": "JAWA TIMUR"})
    assert workbook.headers["content-disposition"] == 'attachment; filename="validation.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["verdicts", "by_criterion", "by_region"]
    assert sorted(r[0] for r in book["verdicts"].iter_rows(min_row=2, values_only=True)) == [
        "S1", "S4",
    ]  # fmt: skip
    assert [c.value for c in book["by_region"][1]] == [
        "province", "kab_kota", "ready", "not_ready", "incomplete",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/editor?query=ASK%20%7B%7D",
        "/enterprise?iri=id:enterprise/kediri/e3",
        "/institution?iri=id:institution/pln",
        "/sentra?iri=id:sentra/kediri",
        "/validation?criterion=infrastructure",
    ],
)
def test_new_pages_keep_the_browser_on_this_machine_and_only_read(client, url):
    page = client.get(url)
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert not re.search(r'(src|href|action)="(https?:)?//', page.text)
    assert "<script" not in page.text and "<style" not in page.text and " style=" not in page.text
    assert client.post(url.split("?")[0]).status_code == 403  # read-only: no write, no token


def test_pages_wait_for_verdicts_only_in_the_first_seconds_of_their_run():
    assert verdicts.remaining_wait(100.0, 100.0) == verdicts.WAIT
    assert verdicts.remaining_wait(100.0, 102.0) == pytest.approx(verdicts.WAIT - 2)
    assert verdicts.remaining_wait(100.0, 100.0 + 10 * verdicts.WAIT) == pytest.approx(0.05)


def test_long_lists_of_a_national_institution_show_their_first_items(client, monkeypatch):
    monkeypatch.setattr(entity_pages, "SHOWN", 1)
    text = _text(client.get("/institution", params={"iri": "id:institution/bank-indonesia"}).text)
    assert "Kerja sama yang diikuti (4)" in text and "Ditampilkan yang pertama: 1" in text
    assert text.count(" mitra ") == 1  # the one cooperation shown (Bank Indonesia is no partner)
