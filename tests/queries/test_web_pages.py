"""The analyst's pages on ``umkm-kg serve`` (issue 13): catalogue, answers, downloads, sentra
profiles, search; over the known data and over examples/kediri-tenun-ikat."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from html import escape

import openpyxl
import pytest

from tests.queries.conftest import store_with_known_data
from umkm_kg.catalogue import load_catalogue
from umkm_kg.resources import resource_dir
from umkm_kg.server.app import create_app
from umkm_kg.server.web import catalogue_pages
from umkm_kg.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

KEDIRI = "https://w3id.org/umkm-kg/id/sentra/kediri"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = store_with_known_data(tmp_path_factory.mktemp("web") / "store")
    with TestClient(create_app(folder, workers=1), base_url="http://127.0.0.1:7878") as c:
        yield c


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_catalogue_lists_every_question_in_both_languages(client):
    catalogue = load_catalogue()
    indonesian = client.get("/catalogue")
    english = client.get("/catalogue", params={"lang": "en"})
    assert indonesian.status_code == english.status_code == 200
    for query in catalogue.values():
        assert f'href="/catalogue/{query.name}?lang=id"' in indonesian.text
        assert escape(query.title["id"]).replace("&#x27;", "&#39;") in indonesian.text
        assert escape(query.title["en"]).replace("&#x27;", "&#39;") in english.text
    assert '<html lang="id">' in indonesian.text and '<html lang="en">' in english.text


def test_pages_keep_the_browser_on_this_machine(client):
    for url in (
        "/catalogue",
        "/catalogue/size-structure?run=1",
        f"/sentra?iri={KEDIRI}",
        "/search?q=batik",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
        assert not re.search(r'(src|href|action)="(https?:)?//', page.text), url
        assert "<script" not in page.text and "<style" not in page.text
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/..%2Fpages.py").status_code in (400, 404)
    assert client.get("/static/texts.json").status_code == 404


def test_parameter_choices_come_from_the_data(client):
    form = client.get("/catalogue/sentra-by-activity").text
    assert '<select id="p-region" name="region">' in form
    assert '<option value="id:region/35.71">KOTA KEDIRI (id:region/35.71)</option>' in form
    assert "Bandar Kidul (id:region/35.71.01.1002)" in form
    rule_sets = client.get("/catalogue/size-structure").text
    assert re.search(r'<option value="uu_20_2008">[^<]*UU 20/2008[^<]*</option>', rule_sets)
    assert "bawaan: pp_7_2021" in rule_sets


def test_parameter_descriptions_follow_the_page_language(client):
    (region, activity) = (
        next(p for p in load_catalogue()["sentra-by-activity"].parameters if p.name == name)
        for name in ("region", "activity")
    )
    indonesian = client.get("/catalogue/sentra-by-activity").text
    english = client.get("/catalogue/sentra-by-activity", params={"lang": "en"}).text
    for parameter in (region, activity):
        assert escape(parameter.description_id) in indonesian
        assert escape(parameter.description) not in indonesian
        assert escape(parameter.description) in english
        assert escape(parameter.description_id) not in english


def test_an_answer_shows_labels_and_values_not_terms(client):
    page = client.get(
        "/catalogue/sentra-by-activity", params={"run": "1", "region": "id:region/35"}
    )
    assert page.status_code == 200
    text = _text(page.text)
    assert "2 baris" in text
    assert "Sentra Tenun Ikat Bandar Kidul" in text and "Sentra Gerabah Kabupaten Kediri" in text
    assert "Sentra Batik Bantul" not in text
    assert "^^" not in page.text and "<https://" not in page.text
    link = re.search(r'<a href="([^"]+)" download>CSV</a>', page.text)[1].replace("&amp;", "&")
    assert link.startswith("/catalogue/sentra-by-activity/download?")  # not relative
    assert len(list(csv.DictReader(io.StringIO(client.get(link).text)))) == 2
    assert f'href="/sentra?iri={KEDIRI.replace(":", "%3A").replace("/", "%2F")}&amp;lang=id"' in (
        page.text
    )


def test_answers_sort_and_page_on_the_server(client, monkeypatch):
    monkeypatch.setattr(catalogue_pages, "PAGE_SIZE", 2)
    first = client.get("/catalogue/support-overlap", params={"run": "1", "sort": "partnerName"})
    names = re.findall(r"</td></tr>", first.text)
    assert "Halaman 1 dari 3" in first.text and 'rel="next"' in first.text
    descending = client.get(
        "/catalogue/support-overlap",
        params={"run": "1", "sort": "partnerName", "desc": "1", "page": "3"},
    )
    assert "Halaman 3 dari 3" in descending.text
    every = client.get(
        "/catalogue/support-overlap/download", params={"format": "json", "sort": "partnerName"}
    ).json()
    ordered = [row["partnerName"] for row in every]
    assert ordered == sorted(ordered) and len(every) == 5
    assert len(names) == 2


def test_downloads_carry_the_whole_answer_with_labels(client):
    params = {"rule_set": "uu_20_2008"}
    csv_answer = client.get(
        "/catalogue/size-structure/download", params={**params, "format": "csv"}
    )
    assert csv_answer.headers["content-disposition"] == 'attachment; filename="size-structure.csv"'
    rows = list(csv.DictReader(io.StringIO(csv_answer.text)))
    assert {row["rule_set"] for row in rows} == {"uu_20_2008"}
    kediri = [row for row in rows if row["sentra"] == KEDIRI]
    assert kediri and kediri[0]["sentra_label"] == "Sentra Tenun Ikat Bandar Kidul"
    as_json = client.get("/catalogue/size-structure/download", params={**params, "format": "json"})
    assert len(as_json.json()) == len(rows)
    assert all(isinstance(row["members"], int) for row in as_json.json())
    xlsx = client.get("/catalogue/size-structure/download", params={**params, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == len(rows) + 1
    assert [c.value for c in sheet[1]][:3] == ["rule_set", "sentra", "sentra_label"]


def test_a_bad_parameter_is_a_message_not_a_query(client):
    page = client.get("/catalogue/sentra-by-activity", params={"run": "1", "region": "} DROP"})
    assert page.status_code == 400
    assert "parameter &#39;region&#39; expects" in page.text
    assert client.get("/catalogue/no-such-question").status_code == 404
    assert client.get("/catalogue/size-structure/download?format=exe").status_code == 404


def test_sentra_profile_shows_every_section(client):
    page = client.get("/sentra", params={"iri": "id:sentra/kediri", "lang": "en"})
    assert page.status_code == 200
    text = _text(page.text)
    assert "JAWA TIMUR (35) › KOTA KEDIRI (35.71) › Mojoroto (35.71.01)" in text
    assert "Members (3)" in text and "Tenun Ikat Bandoel" in text
    assert "Cooperation (10)" in text and "pesanan seragam Pemkot Kediri" in text
    assert "2015" in text and "2.015" not in text and "100,000,000" in text
    assert "UD Benang Jaya" in text and "Universitas Kadiri" in text
    assert "KABUPATEN BANTUL" in text and "PDAM" in text
    assert "Status: not ready" in text
    prerequisites = text.index("Cluster prerequisites")
    additional = text.index("Additional conditions")
    assert prerequisites < text.index("Monthly turnover of the sentra") < additional
    assert additional < text.index("Adequate infrastructure")
    indonesian = _text(client.get("/sentra", params={"iri": KEDIRI}).text)
    assert "Anggota (3)" in indonesian and "belum siap" in indonesian
    assert client.get("/sentra", params={"iri": "id:sentra/nowhere"}).status_code == 404
    assert client.get("/sentra", params={"iri": "not an iri"}).status_code == 404


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tenun ikat", "Sentra Tenun Ikat Bandar Kidul"),
        ("TENUN", "Tenun Ikat Medali Mas"),
        ("kédiri gerab", "Sentra Gerabah Kabupaten Kediri"),
        ("sejaht", "LKM Sejahtera"),
    ],
)
def test_search_by_name_the_way_people_type(client, typed, expected):
    page = client.get("/search", params={"q": typed})
    assert page.status_code == 200 and expected in page.text


def test_search_links_sentra_to_their_profiles(client):
    page = client.get("/search", params={"q": "batik", "lang": "en"})
    assert "/sentra?iri=" in page.text and "Batik Sekar Jagad" in page.text
    assert "enterprise" in _text(page.text)
    assert "Nothing matches." in client.get("/search", params={"q": "zzz", "lang": "en"}).text


def test_profile_of_the_kediri_example(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.load(resource_dir("examples") / "kediri-tenun-ikat")
        sentra = store.select("SELECT ?s WHERE { ?s a <https://w3id.org/umkm-kg/ontology#Sentra> }")
    iri = str(sentra[0]["s"])
    with TestClient(create_app(folder, workers=1), base_url="http://127.0.0.1:7878") as c:
        page = c.get("/sentra", params={"iri": iri})
        answer = c.get("/catalogue/internal-cooperation/download", params={"format": "json"})
    assert page.status_code == 200 and "Jawa Timur (35) › Kota Kediri (35.71)" in page.text
    assert "Kerja sama (" in page.text and "Status:" in page.text
    assert answer.status_code == 200 and json.loads(answer.text)


def test_validation_dashboard_counts_filters_and_downloads(client):
    page = client.get("/validation", params={"lang": "en"})
    assert page.status_code == 200
    text = _text(page.text)
    assert "Sentra (4)" in text
    assert "Similar small business units Cluster prerequisites (basic conditions) 0 4 0" in text
    assert "JAWA TIMUR KOTA KEDIRI 0 1 0" in text
    assert f"/sentra?iri={KEDIRI.replace(':', '%3A').replace('/', '%2F')}" in page.text
    filtered = client.get("/validation", params={"region": "JAWA TIMUR"})
    assert "Sentra (2)" in _text(filtered.text)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/validation", params={"format": "csv", "region": "JAWA TIMUR"}).text
            )
        )
    )
    assert sorted(row["sentra"] for row in rows) == ["S1", "S4"]
    assert {row["status"] for row in rows} == {"not_ready"}
    assert rows[0]["similar_small_units"] == "not_met"
    assert "Sentra (0)" in _text(client.get("/validation", params={"status": "ready"}).text)
