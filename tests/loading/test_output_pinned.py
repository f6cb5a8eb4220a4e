"""The loader's output pinned: the same input gives the same triples, rejections and warnings.

The fixtures are a small template folder (``bench/synthetic.py --sentra 3``) and 31 rows of the
synthetic Jawa Timur listing (``bench/synthetic_listing.py``) with a bad amount, blanks and
``-``, an unknown kab/kota, a duplicate id and kecamatan of another kab/kota. The expected
sorted N-Triples were written by the loader before its fast paths; a change of the mapping
that is meant to change the output regenerates them with
``python tests/loading/test_output_pinned.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from umkm_kg.loading import load_source

PINNED = Path(__file__).parent / "fixtures" / "pinned"
CASES = {
    "template": (PINNED / "template", "template"),
    "jatim": (PINNED / "jatim_umkm_binaan_2024.csv", "jatim_umkm_binaan"),
}
# An activity candidate carries the time it was made: pinned as a placeholder.
_MADE_AT = re.compile(r'(<http://www.w3.org/ns/prov#generatedAtTime> )"[^"]*"')


def _load(name: str) -> tuple[list[str], dict]:
    source, mapping = CASES[name]
    with load_source(source, mapping) as result:
        text = _MADE_AT.sub(r'\1"TIME"', result.ntriples_path.read_text(encoding="utf-8"))
        lines = sorted(text.splitlines())
        summary = {
            "rows": result.rows_loaded,
            "triples": result.triples,
            "rejected": [str(r) for r in result.rejected],
            "unresolved": [str(r) for r in result.unresolved],
            "dropped": [str(r) for r in result.dropped],
            "corrections": [str(r) for r in result.corrections],
            "activity_candidates": result.activity_candidates,
        }
    return lines, summary


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_input_gives_the_same_output(name: str) -> None:
    lines, summary = _load(name)
    with gzip.open(PINNED / f"{name}.nt.gz", "rt", encoding="utf-8") as handle:
        expected = handle.read().splitlines()
    missing = sorted(set(expected) - set(lines))[:5]
    extra = sorted(set(lines) - set(expected))[:5]
    assert lines == expected, f"missing {missing}, extra {extra}"
    assert summary == json.loads((PINNED / f"{name}.json").read_text(encoding="utf-8"))
    assert summary["triples"] == len(lines)


def _regenerate() -> None:
    for name in CASES:
        lines, summary = _load(name)
        with gzip.open(PINNED / f"{name}.nt.gz", "wt", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
        text = json.dumps(summary, indent=1, ensure_ascii=False) + "\n"
        (PINNED / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
