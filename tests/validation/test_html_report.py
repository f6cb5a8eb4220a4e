"""The HTML report: labels in the report's language, money in words, a header and a summary
by criterion, partner names whole, edge labels that overlap nothing (by geometry here, in a real
browser in ``test_html_browser.py``), members lacking figures named."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from rdflib import URIRef

from umkm_kg import __version__
from umkm_kg.picture_layout import Box
from umkm_kg.resources import resource_path
from umkm_kg.validation import validate_sources
from umkm_kg.validation.html import to_html
from umkm_kg.validation.labels import TermLabels
from umkm_kg.validation.network import Cooperation, Network, network_svg
from umkm_kg.validation.numbers import amount
from umkm_kg.validation.render import to_markdown
from umkm_kg.validation.shapes import criteria

KEDIRI = resource_path("examples", "kediri-tenun-ikat")
ILLUSTRATIVE = resource_path("examples", "illustrative")
MADE = dt.datetime(2026, 12, 2, 5, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def both():
    return validate_sources([KEDIRI, ILLUSTRATIVE])


@pytest.fixture(scope="module")
def english(both) -> str:
    return to_html(both, "en", made=MADE)


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (3_686_666_656, "en", "3.68 billion"),
        (3_686_666_656, "id", "3,68 miliar"),
        (499_999_999, "id", "499,99 juta"),  # truncated: never rounded up across 500 juta
        (40_000_000, "en", "40 million"),
        (15, "en", "15"),
        (2.5, "id", "2,5"),
    ],
)
def test_amounts_are_words_of_the_report_language(value, lang, shown):
    assert amount(value, lang) == shown


def test_money_reads_as_billions_in_english_and_miliar_in_indonesian(both, english):
    assert "3.68 billion" in english and " M<" not in english
    assert "3,68 miliar" in to_html(both, "id", made=MADE)


def test_cooperation_kinds_and_types_by_their_labels(english, both):
    for label in ("working-capital credit", "investment credit", "Central bank",
                  "Microfinance institution"):  # fmt: skip
        assert label in english
    for key in ("working_capital_credit", "investment_credit", "central_bank", "microfinance"):
        assert key not in english
    indonesian = to_html(both, "id", made=MADE)
    assert "kredit modal kerja" in indonesian and "Bank sentral" in indonesian


def test_partner_names_are_whole(english):
    """In the box's hover title and in the list under the picture, however long."""
    name = "Lembaga Keuangan Mikro (mitra kredit modal kerja)"
    assert f"<title>{name} (Microfinance institution)</title>" in english
    assert f"<td>{name}</td>" in english


def test_header_says_when_from_what_and_by_which_version(english):
    header = english.split("</header>")[0]
    assert "Made 2026-12-02 05:30 UTC with umkm-kg " + __version__ in header
    assert str(KEDIRI) in header and str(ILLUSTRATIVE) in header
    assert "4 sentra: 3 not ready, 1 incomplete" in header


def test_summary_by_criterion_counts_each_status_with_groups_apart(both, english):
    summary = english.split("Summary by criterion")[1].split('<form id="filters"')[0]
    groups = re.findall(r"<h3>([^<]+)</h3>", summary)
    assert groups == ["Cluster prerequisites (basic conditions)", "Additional conditions",
                      "Is this a Sentra IKM?"]  # fmt: skip
    for criterion in criteria():
        found = [v.status for s in both.sentra for v in s.criteria if v.criterion == criterion]
        cells = "".join(
            f'<td class="num">{found.count(s)}</td>' for s in ("met", "not_met", "unknown")
        )
        assert f"<td>{criterion.label('en')}</td>{cells}" in summary


def test_table_has_regions_sort_keys_and_a_hidden_filter(english):
    assert '<form id="filters" hidden>' in english
    assert 'data-province="Jawa Timur"' in english and "<td>Kota Kediri</td>" in english
    assert english.count('data-status="') == 4
    assert english.count("<script>") == 1 and 'src="' not in english


def test_members_lacking_figures_are_named(both, english):
    assert "Members lacking figures" in english
    assert re.search(r"without monthly turnover or annual sales \(2\): A-03, A-04", english)
    markdown = to_markdown(both, "id")
    assert "### Anggota tanpa angka" in markdown
    assert "tanpa omzet bulanan atau penjualan tahunan (6): C-01, C-02, C-03" in markdown
    assert "TENUN-15" in markdown


def _boxes(svg: str, group: str) -> list[Box]:
    found = []
    for x, y, w, h in re.findall(
        rf'<g class="{group}">(?:<title>[^<]*</title>)?<rect x="(-?[\d.]+)" y="(-?[\d.]+)" '
        r'width="([\d.]+)" height="([\d.]+)"',
        svg,
    ):
        x, y, w, h = map(float, (x, y, w, h))
        found.append(Box(x + w / 2, y + h / 2, w, h))
    return found


@pytest.mark.parametrize("partners", [1, 8, 16, 30])
def test_labels_and_boxes_overlap_nothing_however_many_partners(both, partners):
    net = Network(members=20)
    kinds = ["working_capital_credit", "joint_innovation", "exhibition_facilitation", "training"]
    for n in range(partners):
        partner = URIRef(f"urn:partner:{n}")
        net.partners[partner] = (f"Lembaga mitra nomor {n} dengan nama panjang sekali", "bank")
        for kind in kinds[: 1 + n % len(kinds)]:
            net.cooperation.append(
                Cooperation(f"https://w3id.org/umkm-kg/kind/{kind}", False, 1, partner)
            )
    svg = network_svg(net, TermLabels(both.source), "id")
    labels, boxes = _boxes(svg, "edge-label"), _boxes(svg, "partner")
    assert len(boxes) == partners and labels
    assert "kredit modal kerja" in svg
    for a, b in itertools.combinations(labels, 2):
        assert not a.overlaps(b, gap=0)
    for label, box in itertools.product(labels, boxes):
        assert not label.overlaps(box, gap=0)
    for a, b in itertools.combinations(boxes, 2):  # nor do the partners' boxes
        assert not a.overlaps(b, gap=0)
    if partners <= 8:
        assert len(labels) == partners  # few partners: every edge keeps its label


def test_a_store_report_names_the_sources_the_store_holds(tmp_path):
    from umkm_kg.store import open_store
    from umkm_kg.validation import validate_opened

    with open_store(tmp_path / "store") as store:
        store.load(KEDIRI)
        store.load(ILLUSTRATIVE)
        validation = validate_opened(store)
    assert validation.sources == ("illustrative", "kediri-tenun-ikat")
    header = to_html(validation, "id", made=MADE).split("</header>")[0]
    assert "<li><code>kediri-tenun-ikat</code></li>" in header
    assert "Dibuat 2026-12-02 05:30 UTC dengan umkm-kg" in header
