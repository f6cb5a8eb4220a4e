"""``query_df(..., labels=True)``: a label column beside every column of IRIs, on known data."""

from __future__ import annotations

import pytest

from tests.queries.conftest import KNOWN_DATA
from umkm_kg.store import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("labels") / "store") as opened:
        opened.load(KNOWN_DATA)
        yield opened


def test_region_columns_come_with_their_names(store):
    pytest.importorskip("pandas")
    frame = store.query_df("cross-province-market", labels=True)
    assert list(frame.columns) == [
        "sentra", "sentra_label", "sentraName", "province", "province_label", "market",
        "market_label", "marketName", "marketProvince", "marketProvince_label",
    ]  # fmt: skip
    regions = {
        (str(row.province), row.province_label, str(row.marketProvince), row.marketProvince_label)
        for row in frame.itertuples()
    }
    base = "https://w3id.org/umkm-kg/id/region/"
    assert regions == {
        (base + "34", "DAERAH ISTIMEWA YOGYAKARTA", base + "35", "JAWA TIMUR"),
        (base + "35", "JAWA TIMUR", base + "34", "DAERAH ISTIMEWA YOGYAKARTA"),
    }


@pytest.mark.parametrize(
    ("lang", "kind", "partner_type"),
    [("en", "working-capital credit", "Microfinance institution"),
     ("id", "kredit modal kerja", "Lembaga keuangan mikro (LKM)")],
)  # fmt: skip
def test_kinds_and_types_by_their_label_in_the_asked_language(store, lang, kind, partner_type):
    pytest.importorskip("pandas")
    frame = store.query_df("external-partners", labels=True, lang=lang)
    credit = frame[frame["kind"].astype(str).str.endswith("/working_capital_credit")]
    assert set(credit["kind_label"]) == {kind}
    assert set(credit["partnerType_label"]) == {partner_type}
    assert str(credit["kind"].iloc[0]).startswith("https://")  # the IRI stays beside its label


def test_without_labels_the_columns_are_the_querys(store):
    pytest.importorskip("pandas")
    frame = store.query_df("cross-province-market")
    assert not [c for c in frame.columns if c.endswith("_label")]
