"""The benchmark scripts of ``bench/`` answer on stores loaded before (they are run by hand:
a broken option is found only when the figures are needed)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef

from tests.bench_synthetic import bench_script
from tests.queries.conftest import store_with_known_data
from umkm_kg.store.remote import RemoteStore


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_with_known_data(tmp_path_factory.mktemp("bench") / "store")


def test_bench_queries_serves_a_store_loaded_before(store_path: Path, capsys) -> None:
    """The Oxigraph server reads the store's current generation (it failed to start on the
    store folder)."""
    bench_script("bench_queries").main(
        ["--store", str(store_path), "--rdflib-sentra", "0", "--repeat", "1"]
        + ["--only", "cross-province-market"]
    )
    table = capsys.readouterr().out.splitlines()
    row = next(line for line in table if line.startswith("cross-province-market"))
    assert row.split()[1] == "2" and "server rows" not in row


def test_bench_virtuoso_compares_rows(store_path: Path, remote: RemoteStore, capsys) -> None:
    """The same data on both sides: the same rows; rows compare as a multiset, whatever their
    order, numbers to 12 significant digits (so equal counts of other rows differ)."""
    bench = bench_script("bench_virtuoso")
    bench.main(
        ["--store", str(store_path), "--endpoint", remote.endpoint, "--no-validate"]
        + ["--repeat", "1", "--only", "cross-province-market", "sentra-by-activity"]
    )
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[-2:]}
    assert rows["cross-province-market"][-1] == "yes"
    assert rows["sentra-by-activity"][-1] == "yes"

    fingerprint = bench._fingerprint
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    assert fingerprint([{"x": a, "n": 1}, {"x": b, "n": 2}]) == fingerprint(
        [{"n": 2, "x": b}, {"x": a, "n": 1}]
    )
    assert fingerprint([{"x": a, "n": 1}, {"x": b, "n": 2}]) != fingerprint(
        [{"x": a, "n": 2}, {"x": b, "n": 1}]
    )
    assert fingerprint([{"x": a}]) != fingerprint([{"x": a}, {"x": a}])
    assert fingerprint([{"lq": Decimal("1.234567890123456789")}]) == fingerprint(
        [{"lq": Decimal("1.23456789012345")}]
    )
