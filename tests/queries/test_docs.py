"""The notebook-style Python example of docs/queries.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_python_example_runs(monkeypatch, tmp_path, capsys):
    pytest.importorskip("pandas", reason="the example shows query_df, which needs pandas")
    monkeypatch.setenv("UMKM_KG_STORE", str(tmp_path / "store"))
    (block,) = python_blocks()
    namespace: dict[str, object] = {}
    exec(compile(block, str(DOC), "exec"), namespace)  # our own documentation
    out = capsys.readouterr().out
    assert "Sentra Industri Tenun Ikat Kota Kediri | 3 |" in out
    kediri = [r for r in namespace["rows"] if r["sentraName"].endswith("Kota Kediri")]
    assert len(kediri) == 3
    frame = namespace["frame"]
    assert "Sentra Industri Tenun Ikat Kota Kediri" in set(frame["sentraName"])
    assert re.search(r"^\d+ markets across province borders$", out, flags=re.M)
    assert (tmp_path / "store").is_dir()
