"""The engine streams: memory grows with the ids it must remember, not with the triples."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from umkm_kg.loading import load_source

HEADER = "enterprise_id,sentra_id,name,kbli,workers,net_assets_idr,annual_sales_idr,founded_year"
# A long free-text name makes each row's output (about 3 kB) far larger than what the engine
# must remember of it (its id and subject: 0.4 to 0.8 kB, depending on when the id dict grows),
# so the test tells streaming from holding the output with a wide margin.
LONG_NAME = "Usaha Tenun Ikat Bandar Kidul " * 100


def write_source(folder: Path, rows: int) -> Path:
    folder.mkdir()
    (folder / "sentra.csv").write_text(
        "sentra_id,name,region_code,kbli\nS1,Sentra Besar,35.71,13122\n", encoding="utf-8"
    )
    lines = [HEADER] + [
        f"E{i},S1,{LONG_NAME}{i},13122,{i % 50},{i * 1000},{i % 900 + 1} juta,1990"
        for i in range(1, rows + 1)
    ]
    (folder / "enterprises.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def peak_while_loading(folder: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with load_source(folder) as result:
            output = result.ntriples_path.stat().st_size
        return tracemalloc.get_traced_memory()[1], output
    finally:
        tracemalloc.stop()


def test_memory_does_not_hold_the_output(tmp_path: Path) -> None:
    load_source(write_source(tmp_path / "warm", 10)).close()  # caches: ontology, reference
    small, small_output = peak_while_loading(write_source(tmp_path / "small", 3_000))
    large, large_output = peak_while_loading(write_source(tmp_path / "large", 9_000))
    extra_output = large_output - small_output
    assert extra_output > 6_000 * 3_000  # each row writes more than 3 kB of N-Triples
    # Holding the output would grow the peak by at least extra_output; streaming grows it by
    # the 6,000 remembered ids only.
    assert large - small < extra_output / 2
