"""Group a listing's firms by region and activity; candidate Sentra IKM verdicts; LQ.

A firm's activity is the KBLI kelompok its source gives, else the accepted candidate of its
free text (``umkm_kg.activity``). Firms without one, or without a region at the chosen level,
are counted per region, never dropped. The same firm listed twice (same id, or same
normalised name in the same region) counts once. Size comes from the classifier
(``umkm_kg.classify``) under the rule set in force at the listing's date; the minimum number
of units from the ``sentra_minimum_units`` shape (PP 29/2018 Pasal 1 angka 8).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from umkm_kg.activity import Resolution, resolve
from umkm_kg.classify import Figures, classify_figures, rule_set_in_force, statistical_rule_sets
from umkm_kg.discovery.listing import Firm
from umkm_kg.errors import UmkmKgError
from umkm_kg.progress import EVERY, counted, reporter
from umkm_kg.reference import kbli
from umkm_kg.reference.kbli import KELOMPOK
from umkm_kg.validation.shapes import criteria

_NAME_WORD = re.compile(r"[a-z0-9]+")
_CACHE_SIZE = 100_000  # distinct figure sets whose size class is kept
LEVELS = {"kabkota": 2, "kecamatan": 3, "desa": 4}
IKM_SIZES = frozenset({"micro", "small", "medium"})  # IKM: not a large firm (PP 29/2018)
# Industri (UU 3/2014 Pasal 1 angka 2) is KBLI 2020 section C, Industri Pengolahan.
INDUSTRY_SECTION = "C"


def minimum_units() -> int:
    """PP 29/2018's minimum units of a Sentra IKM, read from its shape."""
    found = next(c for c in criteria() if c.key == "sentra_minimum_units")
    return int(found.required)


@dataclass(slots=True)
class Member:
    """A firm of a group: its id, name, size verdict and the words that placed it."""

    id: str
    name: str
    size: str  # "ikm", "large" or "open" (size unknown)
    words: tuple[str, ...]
    score: float | None  # the activity candidate's score; None: the source's own code


@dataclass
class Group:
    """Firms of one activity in one region, and their candidate Sentra IKM verdict."""

    region: str
    kbli: str
    kbli_version: str
    label: str
    members: list[Member] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)  # (duplicate id, kept id)
    status: str = "not_met"
    industry: bool = True
    lq: float | None = None
    lq_counts: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.region}/{self.kbli_version}-{self.kbli}"

    @property
    def ikm_min(self) -> int:
        return sum(m.size == "ikm" for m in self.members)

    @property
    def ikm_max(self) -> int:
        return sum(m.size != "large" for m in self.members)


@dataclass
class Discovery:
    """What ``discover`` found: groups, and what could not be grouped, per region."""

    level: str
    min_units: int
    as_of: datetime.date | None
    groups: list[Group]
    unresolved_activity: dict[str, Counter]  # region -> reason -> firms
    no_region: Counter  # nearest region known (or "") -> firms
    firms_read: int
    duplicates: int
    per_kab: Counter = field(default_factory=Counter)  # (kab/kota, version, kelompok) -> firms

    def location_quotients(self, version: str, code: str) -> list[tuple[str, float, dict]]:
        """(kab/kota, LQ, counts) of one kelompok in every kab/kota of the listing."""
        totals = _totals(self.per_kab)
        found = [(kab, _lq(self.per_kab, totals, kab, version, code)) for kab in sorted(totals[0])]
        return [(kab, lq, counts) for kab, (lq, counts) in found if lq is not None]

    def candidates(self, every: bool = False) -> list[Group]:
        """``met`` and ``unknown`` groups (every group with ``every``), best first."""
        order = {"met": 0, "unknown": 1, "not_met": 2}
        chosen = [g for g in self.groups if every or g.status != "not_met"]
        return sorted(chosen, key=lambda g: (order[g.status], -g.ikm_max, g.id))


def discover(
    firms: Iterable[Firm],
    level: str = "kecamatan",
    min_units: int | None = None,
    as_of: datetime.date | None = None,
) -> Discovery:
    """Group ``firms`` at ``level`` and give each group its PP 29/2018 candidate verdict."""
    if level not in LEVELS:
        raise UmkmKgError(f"unknown level '{level}': expected one of {', '.join(LEVELS)}")
    minimum = minimum_units() if min_units is None else min_units
    if minimum < 1:
        raise UmkmKgError(f"--min-units must be at least 1 (got {minimum})")
    depth = LEVELS[level]
    sizer = _Sizer(as_of)
    groups: dict[tuple, Group] = {}
    seen: dict[tuple, str] = {}
    unresolved: dict[str, Counter] = defaultdict(Counter)
    no_region: Counter = Counter()
    read = duplicates = 0
    per_kab: Counter = Counter()  # (kab/kota, version, kelompok) -> firms, for the LQ
    progress = reporter()
    progress.stage("read firms", unit="firms")
    for firm in counted(firms, every=EVERY):
        read += 1
        region = _at_level(firm.region, depth)
        activity = _activity(firm)
        kept = _duplicate_of(firm, region or firm.region or "", seen)
        if kept is not None:
            duplicates += 1
            if region is not None and not isinstance(activity, str):
                _group_of(groups, region, activity).merged.append((firm.id, kept))
            continue
        kab = _at_level(firm.region, LEVELS["kabkota"])
        if kab is not None and not isinstance(activity, str):
            per_kab[(kab, activity[1], activity[0])] += 1
        if region is None:
            no_region[firm.region or ""] += 1
        elif isinstance(activity, str):
            unresolved[region][activity] += 1
        else:
            size = sizer.size(firm.figures, firm.band)
            member = Member(firm.id, firm.name, size, activity[2], activity[3])
            _group_of(groups, region, activity).members.append(member)
    progress.stage("location quotients", unit="")
    for group in groups.values():
        group.status = _status(group, minimum)
    _location_quotients(groups.values(), per_kab)
    kept_groups = [g for g in groups.values() if g.members]
    return Discovery(
        level, minimum, as_of, kept_groups, dict(unresolved), no_region, read, duplicates, per_kab
    )


@lru_cache(maxsize=1 << 16)
def _at_level(code: str | None, depth: int) -> str | None:
    if not code:
        return None
    parts = code.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def _duplicate_of(firm: Firm, region: str, seen: dict[tuple, str]) -> str | None:
    """The id of an earlier row of the same firm (same id; same name in the same region)."""
    keys = [("id", firm.id)]
    name = _name_key(firm.name)
    if name:
        keys.append(("name", region, name))
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = firm.id
    return None


def _name_key(name: str) -> str:
    """A name as compared for duplicates: case, accents, spacing and punctuation aside."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(_NAME_WORD.findall(name.lower()))


def _activity(firm: Firm) -> tuple[str, str, tuple[str, ...], float | None] | str:
    """(kelompok, version, matched words, score) or the reason there is none."""
    if firm.kbli and len(firm.kbli) == KELOMPOK and firm.kbli.isdigit():
        if not firm.kbli_version:
            return "code_without_version"
        return firm.kbli, firm.kbli_version, (), None
    found = _resolved(firm.text)
    if found.candidate is None:
        return found.reason or "no_match"
    best = found.candidate
    return best.code, best.version, best.matched, best.score


@lru_cache(maxsize=4096)
def _resolved(text: str) -> Resolution:
    return resolve(text)


def _group_of(groups: dict[tuple, Group], region: str, activity: tuple) -> Group:
    code, version = activity[0], activity[1]
    group = groups.get((region, version, code))
    if group is None:
        group = groups[(region, version, code)] = _group(region, code, version)
    return group


def _group(region: str, code: str, version: str) -> Group:
    entry = kbli(version, code)
    label = entry.title if entry else code
    section = _section(version, code)
    return Group(region, code, version, label, industry=section == INDUSTRY_SECTION)


def _section(version: str, code: str) -> str | None:
    from umkm_kg.reference import kbli_ancestors

    try:
        chain = kbli_ancestors(version, code)
    except UmkmKgError:
        return None
    return next((e.code for e in chain if e.level == 1), None)


def _status(group: Group, minimum: int) -> str:
    """PP 29/2018: ``met`` with enough known IKM, ``unknown`` if only the open firms can make
    it, else ``not_met`` (also for an activity that is not an industry)."""
    if not group.industry:
        return "not_met"
    if group.ikm_min >= minimum:
        return "met"
    return "unknown" if group.ikm_max >= minimum else "not_met"


class _Sizer:
    """A firm's size for IKM counting: the classifier's classes under the rule set in force
    at the listing's date; else BPS's class by workers; else the source's own band."""

    def __init__(self, as_of: datetime.date | None) -> None:
        self.legal = rule_set_in_force(as_of or datetime.date.today())
        self.statistical = statistical_rule_sets()
        self.cache: dict[tuple, str] = {}

    def size(self, figures: Figures, band: str | None) -> str:
        key = (figures, band)
        found = self.cache.get(key)
        if found is None:
            found = self._size(figures, band)
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = found
        return found

    def _size(self, figures: Figures, band: str | None) -> str:
        for rules in (self.legal, *self.statistical):
            if rules is None:
                continue
            result = classify_figures(figures, rules)
            known = {c for c in result[1:5] if c is not None}
            if known:
                if known <= IKM_SIZES:
                    return "ikm"
                return "large" if known == {"large"} else "open"
        if band in IKM_SIZES:
            return "ikm"
        return "large" if band == "large" else "open"


def _location_quotients(groups: Iterable[Group], per_kab: Counter) -> None:
    """LQ of each group's activity in its kab/kota against its province."""
    totals = _totals(per_kab)
    for g in groups:
        g.lq, g.lq_counts = _lq(per_kab, totals, g.region[:5], g.kbli_version, g.kbli)


def _totals(per_kab: Counter) -> tuple[Counter, Counter, Counter]:
    """e_r per kab/kota, E_i per (province, version, kelompok), E per province."""
    e_r: Counter = Counter()
    big_e_i: Counter = Counter()
    big_e: Counter = Counter()
    for (kab, version, code), n in per_kab.items():
        e_r[kab] += n
        big_e_i[(kab[:2], version, code)] += n
        big_e[kab[:2]] += n
    return e_r, big_e_i, big_e


def _lq(per_kab: Counter, totals: tuple, kab: str, version: str, code: str):
    """LQ = (e_ri / e_r) / (E_i / E) of kelompok ``code`` in ``kab`` against its province,
    counting the listing's firms with a known activity and kab/kota (duplicates once),
    whether or not they have a region at the grouping level; and the counts."""
    e_r, big_e_i, big_e = totals
    counts = {
        "e_ri": per_kab[(kab, version, code)],
        "e_r": e_r[kab],
        "E_i": big_e_i[(kab[:2], version, code)],
        "E": big_e[kab[:2]],
    }
    if not counts["e_r"] or not counts["E_i"]:
        return None, counts
    return round((counts["e_ri"] / counts["e_r"]) / (counts["E_i"] / counts["E"]), 3), counts
