"""The HTML report in a real headless Chromium (Debian's ``chromium`` driven by Playwright, as
in ``tests/queries/test_web_browser.py``): it opens with no request beyond its own file, the
verdict table sorts and filters, and on the Kediri example the edge labels of the network
picture overlap neither each other nor a partner's box nor the members' circle.

``UMKM_KG_SCREENSHOTS=docs/screenshots`` saves the pictures there.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from tests.headless_chromium import launched_chromium, needs_chromium
from umkm_kg.resources import resource_path
from umkm_kg.validation import validate_sources
from umkm_kg.validation.html import to_html

KEDIRI = resource_path("examples", "kediri-tenun-ikat")
ILLUSTRATIVE = resource_path("examples", "illustrative")

pytestmark = needs_chromium

BOXES = """selector => Array.from(document.querySelectorAll(selector)).map(element => {
  const r = element.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom, element.textContent];
})"""


@pytest.fixture
def page():
    with launched_chromium() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 900})


def _report(tmp_path: Path, lang: str, *folders: Path) -> Path:
    target = tmp_path / f"report-{lang}.html"
    target.write_text(to_html(validate_sources(list(folders)), lang), encoding="utf-8")
    return target


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _keys(page) -> list[str]:
    return [
        text.split("\n")[0]
        for text in page.locator("#verdicts tbody tr:visible td:first-child").all_inner_texts()
    ]


def test_report_sorts_and_filters_with_no_outside_request(page, tmp_path):
    report = _report(tmp_path, "en", KEDIRI, ILLUSTRATIVE)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report.as_uri())
    assert requested == [report.as_uri()]  # nothing else: no font, script, style or picture

    assert _keys(page) == ["ILU-ANYAMAN", "ILU-BATIK", "ILU-GERABAH", "KDR-TENUN"]
    page.click("#verdicts th[data-column='0'] button")  # the sentra column: ascending again
    page.click("#verdicts th[data-column='0'] button")  # descending
    assert _keys(page) == ["KDR-TENUN", "ILU-GERABAH", "ILU-BATIK", "ILU-ANYAMAN"]
    page.click("#verdicts th:has-text('Monthly turnover') button")  # by status, then value
    assert _keys(page) == ["ILU-GERABAH", "KDR-TENUN", "ILU-BATIK", "ILU-ANYAMAN"]

    page.fill("#filters input[name='text']", "kediri")
    assert _keys(page) == ["KDR-TENUN"] and page.inner_text("#shown") == "1"
    page.fill("#filters input[name='text']", "")
    page.select_option("#filters select[name='status']", "incomplete")
    assert len(_keys(page)) == 1
    page.select_option("#filters select[name='status']", "")
    page.select_option("#filters select[name='province']", "Jawa Tengah")
    assert _keys(page) == ["ILU-BATIK"]
    pictures = Path(os.environ.get("UMKM_KG_SCREENSHOTS") or tmp_path)
    page.select_option("#filters select[name='province']", "")
    page.evaluate("window.scrollTo(0, 0)")
    table = page.locator("#verdicts").bounding_box()
    clip = {"x": 0, "y": 0, "width": 1280, "height": table["y"] + table["height"] + 40}
    page.screenshot(path=pictures / "report-en.png", full_page=True, clip=clip)
    assert requested == [report.as_uri()]


def test_table_is_whole_without_the_script(tmp_path):
    report = _report(tmp_path, "id", KEDIRI, ILLUSTRATIVE)
    with launched_chromium() as browser:
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(report.as_uri())
        assert len(_keys(page)) == 4
        assert not page.is_visible("#filters")


def test_kediri_edge_labels_overlap_nothing(page, tmp_path):
    report = _report(tmp_path, "id", KEDIRI)
    page.goto(report.as_uri())
    labels = page.evaluate(BOXES, "svg.network g.edge-label text")
    partners = page.evaluate(BOXES, "svg.network g.partner rect")
    (centre,) = page.evaluate(BOXES, "svg.network > circle[r='70']")
    assert len(labels) == len(partners) == 8
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a, b), (a[4], b[4])
    for label in labels:
        assert not _overlap(label, centre), label[4]
        for box in partners:
            assert not _overlap(label, box), (label[4], box)
    assert "kredit modal kerja" in [label[4] for label in labels]
    pictures = Path(os.environ.get("UMKM_KG_SCREENSHOTS") or tmp_path)
    page.locator("svg.network").screenshot(path=pictures / "report-network.png")
