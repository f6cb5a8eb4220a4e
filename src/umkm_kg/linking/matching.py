"""Score pairs of records from two sources and keep the plausible ones as candidate links.

Blocking: only records in the same kabupaten/kota are compared (a record without a region is
compared with all). The score (0-1) is the weighted mean of the evidence both sides give
(what one side does not say is left out of the mean: unknown is neither for nor against):

- name: mean of rapidfuzz ``token_sort_ratio`` and ``token_set_ratio`` of the names without
  legal forms and generic words (``CV``, ``UD``, ``KUB``, ``Sentra``, ``Industri``...), so word
  order, prefixes and a dropped word count little;
- region: 1 same code, 0.9 one contains the other, 0.4 same kab/kota only;
- activity: 1 same KBLI version and code, 0.8 one is broader, 0.5 same 2-digit division,
  0 different (codes of different KBLI versions are not compared);
- figures: the mean min/max ratio of the figures both give (workers, sales, turnover...).

A name below ``MIN_NAME`` never links, whatever the rest says. Each record links to at most
one record of the other source (best score first).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from umkm_kg.linking.records import Record
from umkm_kg.progress import counted, reporter
from umkm_kg.reference.names import fold

WEIGHTS = {"name": 0.55, "region": 0.15, "activity": 0.2, "figures": 0.1}
MIN_NAME = 0.6  # below this name similarity there is no candidate
CANDIDATE_THRESHOLD = 0.6  # candidates at or above this score go to the SSSOM table
ACCEPT_THRESHOLD = 0.8  # candidates at or above this score are accepted without review
_GENERIC = {
    "cv", "ud", "pt", "tbk", "kub", "kop", "koperasi", "kelompok", "usaha", "bersama",
    "sentra", "industri", "ikm", "ukm", "umkm", "klaster", "home", "the",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    """A scored pair of records that may be the same entity."""

    left: Record
    right: Record
    score: float
    evidence: dict[str, float]

    def explain(self) -> str:
        """``name=0.93 region=1.00 activity=1.00`` (what both sides gave)."""
        return " ".join(f"{key}={value:.2f}" for key, value in self.evidence.items())


def name_tokens(name: str) -> str:
    """The distinctive words of a name, lower case: ``"CV. Batik Sari"`` -> ``"batik sari"``."""
    words = _WORD.findall(fold(name))
    kept = [w for w in words if w not in _GENERIC]
    return " ".join(kept or words)


def _name(a: Record, b: Record) -> float:
    x, y = name_tokens(a.name), name_tokens(b.name)
    return (fuzz.token_sort_ratio(x, y) + fuzz.token_set_ratio(x, y)) / 200


def _region(a: Record, b: Record) -> float | None:
    if not a.region or not b.region:
        return None
    if a.region == b.region:
        return 1.0
    if a.region.startswith(b.region + ".") or b.region.startswith(a.region + "."):
        return 0.9
    return 0.4 if a.region[:5] == b.region[:5] else 0.0


def _activity(a: Record, b: Record) -> float | None:
    if not a.activity or not b.activity:
        return None
    (version_a, code_a), (version_b, code_b) = a.activity, b.activity
    if version_a != version_b:  # codes of different versions are not comparable
        return None
    if code_a == code_b:
        return 1.0
    if code_a.startswith(code_b) or code_b.startswith(code_a):
        return 0.8
    return 0.5 if code_a[:2] == code_b[:2] and code_a[:1].isdigit() else 0.0


def _figures(a: Record, b: Record) -> float | None:
    shared = [k for k in a.figures if k in b.figures]
    if not shared:
        return None
    ratios = []
    for key in shared:
        x, y = abs(a.figures[key]), abs(b.figures[key])
        ratios.append(1.0 if x == y else float(min(x, y) / max(x, y)))
    return sum(ratios) / len(ratios)


def score(a: Record, b: Record) -> Candidate:
    """The evidence that ``a`` and ``b`` are the same entity, and its weighted score."""
    given = {
        "name": _name(a, b),
        "region": _region(a, b),
        "activity": _activity(a, b),
        "figures": _figures(a, b),
    }
    evidence = {key: round(value, 4) for key, value in given.items() if value is not None}
    total = sum(WEIGHTS[k] * v for k, v in evidence.items()) / sum(WEIGHTS[k] for k in evidence)
    return Candidate(a, b, round(total, 4), evidence)


def _block(record: Record) -> str:
    return record.region[:5] if record.region else ""


def candidate_links(
    left: Iterable[Record], right: Iterable[Record], threshold: float = CANDIDATE_THRESHOLD
) -> list[Candidate]:
    """Pairs scoring at least ``threshold``, at most one per record, best first."""
    by_block: dict[str, list[Record]] = defaultdict(list)
    unplaced: list[Record] = []
    right = list(right)
    for record in right:
        (by_block[_block(record)] if record.region else unplaced).append(record)
    scored: list[Candidate] = []
    left = list(left)
    reporter().stage("compare", total=len(left), unit="records")
    for a in counted(left, every=64):
        pool = right if not a.region else by_block.get(_block(a), []) + unplaced
        for b in pool:
            candidate = score(a, b)
            if candidate.evidence["name"] >= MIN_NAME and candidate.score >= threshold:
                scored.append(candidate)
    scored.sort(key=lambda c: (-c.score, c.left.iri, c.right.iri))
    taken_left: set[str] = set()
    taken_right: set[str] = set()
    chosen = []
    for candidate in scored:
        if candidate.left.iri in taken_left or candidate.right.iri in taken_right:
            continue
        taken_left.add(candidate.left.iri)
        taken_right.add(candidate.right.iri)
        chosen.append(candidate)
    return chosen
