"""The analyst's pages in a real headless Chromium (Debian's ``chromium``, driven by Playwright
with that browser: no browser is downloaded). Every request the browser makes is recorded, and
all of them go to the server on 127.0.0.1.

``UMKM_KG_SCREENSHOTS=docs/screenshots`` saves the main pages' pictures there.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.headless_chromium import launched_chromium, needs_chromium
from tests.queries.conftest import store_with_known_data
from umkm_kg.server.run import serving

EDITOR_QUERY = """PREFIX umkm: <https://w3id.org/umkm-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?sentra ?region (COUNT(?member) AS ?members) WHERE {
  ?sentra a umkm:Sentra ; umkm:locatedIn ?region ; org:hasMember ?member .
} GROUP BY ?sentra ?region ORDER BY DESC(?members) ?sentra"""

pytestmark = needs_chromium


@pytest.fixture
def browser():
    with launched_chromium() as launched:
        yield launched


def test_an_analyst_walks_through_every_kind_of_page(browser, tmp_path):  # noqa: PLR0915 - one walk, page after page
    folder = store_with_known_data(tmp_path / "store")
    pictures = Path(os.environ.get("UMKM_KG_SCREENSHOTS") or tmp_path / "screenshots")
    pictures.mkdir(parents=True, exist_ok=True)
    requested: list[str] = []
    with serving(folder) as url:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 800}
        )
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))

        page.goto(f"{url}/")
        assert "sentra.ttl" in page.inner_text("#sources")
        assert page.inner_text("#counts").split()[:2] == ["Sentra", "4"]
        page.screenshot(path=pictures / "home.png")
        page.click("nav >> text=Katalog pertanyaan")
        page.wait_for_selector("h1:has-text('Katalog pertanyaan')")
        page.screenshot(path=pictures / "catalogue.png")

        page.click('a[href="/catalogue/sentra-by-activity?lang=id"]')
        page.select_option("#p-region", "id:region/35")
        page.click("button:has-text('Jalankan')")
        page.wait_for_selector("#answer")
        cells = page.locator("#answer tbody tr").all_inner_texts()
        assert len(cells) == 2 and any("Sentra Gerabah Kabupaten Kediri" in c for c in cells)
        page.screenshot(path=pictures / "answer.png")

        with page.expect_download() as pending:
            page.click("a:has-text('CSV')")
        saved = tmp_path / "answer.csv"
        pending.value.save_as(saved)
        with saved.open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        assert sorted(row["sentraName"] for row in rows) == [
            "Sentra Gerabah Kabupaten Kediri", "Sentra Tenun Ikat Bandar Kidul",
        ]  # fmt: skip

        page.click("#answer a:has-text('Sentra Tenun Ikat Bandar Kidul')")
        page.wait_for_selector("h1:has-text('Sentra Tenun Ikat Bandar Kidul')")
        assert "Anggota (3)" in page.inner_text("main")
        page.screenshot(path=pictures / "sentra.png", full_page=True)
        page.click("text=English")
        page.wait_for_selector("h2:has-text('Members (3)')")
        assert "Cluster readiness verdict" in page.inner_text("main")
        page.screenshot(path=pictures / "sentra-en.png")

        page.goto(f"{url}/search?q=kediri&lang=en")
        assert "Sentra Gerabah Kabupaten Kediri" in page.inner_text("main")
        page.screenshot(path=pictures / "search.png")
        page.click("text=Verdicts of all sentra")
        page.wait_for_selector("#verdicts")
        assert page.locator("#verdicts tr").count() == 5
        page.screenshot(path=pictures / "validation.png", full_page=True)

        page.goto(f"{url}/sentra?iri=id:sentra/kediri")
        page.wait_for_selector("#network svg")
        page.locator("#network").screenshot(path=pictures / "network.png")
        page.click("#network a:has-text('LKM Sejahtera')")
        page.wait_for_selector("h1:has-text('LKM Sejahtera')")
        assert "Lembaga keuangan mikro" in page.inner_text("main")
        page.screenshot(path=pictures / "institution.png")
        page.click("text=English")
        page.wait_for_selector("h2:has-text('Cooperation taken part in (1)')")
        page.click("#cooperation a:has-text('Sentra Tenun Ikat Bandar Kidul')")
        page.click("a:has-text('Tenun Ikat Bandoel')")
        page.wait_for_selector("h1:has-text('Tenun Ikat Bandoel')")
        assert "Small enterprise" in page.inner_text("main")
        page.screenshot(path=pictures / "enterprise.png")

        page.click("nav >> text=SPARQL")
        page.select_option("#example", "support-overlap")
        page.click("button:has-text('Load example')")
        assert "SELECT DISTINCT ?sentra" in page.input_value("#query")
        page.fill("#query", EDITOR_QUERY)
        page.click("button:has-text('Run')")
        page.wait_for_selector("#answer")
        rows = page.locator("#answer tbody tr").all_inner_texts()
        assert rows[0].split("\t") == ["Sentra Tenun Ikat Bandar Kidul", "Bandar Kidul", "3"]
        assert len(rows) == 4
        page.screenshot(path=pictures / "editor.png", full_page=True)
        page.click("text=Bahasa Indonesia")
        page.wait_for_selector("h2:has-text('Jawaban: 4 baris')")
        context.close()

    assert requested and all(r.startswith("http://127.0.0.1:") for r in requested), requested
