"""Find a region from what people write: a code, ``[71] KOTA KEDIRI``, ``Kab. Kediri``, a name.

Steps, first hit wins: a Kemendagri code (dotted or not; retired Papua codes follow their
successor); the portal form ``[NN] NAME`` (kab/kota number + name); an exact name key
(:func:`~umkm_kg.reference.names.name_key`) filtered by the type word (``Kab.``, ``Kota``,
``Kec.``, ``Desa``...), the scope and the level; then a fuzzy match on name keys (rapidfuzz),
accepted only when one candidate is clearly ahead. Ambiguity is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz, process

from umkm_kg.reference.names import (
    expand_abbreviations,
    name_key,
    split_bracket_code,
    split_type_word,
)
from umkm_kg.reference.region_words import note_text
from umkm_kg.reference.regions import (
    DESA,
    KABKOTA,
    Region,
    all_regions,
    children,
    normalise_code,
    other_names,
    region,
    successor,
)

Status = Literal["found", "ambiguous", "not_found"]
Note = tuple[str, dict[str, Any]]  # a key of region_words.NOTES and its fields
FUZZY_MIN_SCORE = 85.0  # rapidfuzz ratio (0-100) on name keys
FUZZY_MARGIN = 5.0  # the best must lead the next different candidate by this much
PREFIX_MIN_LENGTH = 6  # a truncated name ("Tumbang Tuwe" for "Tumbang Tuwe Hantapang") ...
PREFIX_MIN_SHARE = 0.5  # ... keeps at least half of the full name
_LEVEL_OF_TYPE = {
    "provinsi": {1},
    "kabupaten": {2},
    "kota": {2},
    "kecamatan": {3},
    "desa": {4},
    "kelurahan": {4},
}


@dataclass(frozen=True)
class RegionMatch:
    """The outcome of a lookup: one region, several candidates, or none."""

    query: str
    status: Status
    regions: tuple[Region, ...] = ()
    method: str = ""  # code, code_change, bracket_code, name, fuzzy
    score: float | None = None  # fuzzy score of the best candidate
    note: str = ""  # the notes in English (:func:`note_in` for another language)
    suggestions: tuple[Region, ...] = field(default=())
    notes: tuple[Note, ...] = ()

    def note_in(self, lang: str) -> str:
        """The notes of this lookup in ``lang`` (``id`` or ``en``)."""
        return note_text(self.notes, lang)

    @property
    def region(self) -> Region | None:
        """The region when exactly one was found."""
        return self.regions[0] if self.status == "found" else None


def _own_key(found: Region) -> str:
    """A region's key: kab/kota names lose their ``Kabupaten``/``Kota`` word."""
    name = split_type_word(found.name)[1] if found.level == KABKOTA else found.name
    return name_key(name)


@cache
def _index() -> dict[str, tuple[Region, ...]]:
    index: dict[str, list[Region]] = {}
    for found in all_regions():
        index.setdefault(_own_key(found), []).append(found)
        if found.level == KABKOTA:  # "Kota Baru" may be written as "Kotabaru"
            index.setdefault(name_key(found.name), []).append(found)
    for other in other_names():  # DKI Jakarta, DIY ... (reference/region_names.csv)
        found = region(other.code)
        if found is not None and found not in index.get(name_key(other.name), ()):
            index.setdefault(name_key(other.name), []).append(found)
    return {key: tuple(regions) for key, regions in index.items()}


def _noted(*notes: Note) -> dict[str, Any]:
    """The ``note`` (English) and ``notes`` fields of a match."""
    return {"note": note_text(notes), "notes": notes}


@cache
def _other_name_notes() -> dict[tuple[str, str], Note]:
    """(name key, code) -> how a short, former or later name names its region."""
    return {
        (name_key(o.name), o.code): (
            "other_name",
            {"name": o.name, "kind": o.kind, "code": o.code, "source": o.source},
        )
        for o in other_names()
    }


@lru_cache(maxsize=4096)
def _pool(within: str | None, levels: frozenset[int] | None) -> tuple[Region, ...]:
    """The regions inside ``within`` (all when ``None``) at ``levels`` (all when ``None``)."""
    if within is None:
        found = all_regions()
    else:
        found, stack = [], [within]
        while stack:
            below = children(stack.pop())
            found += below
            stack += [r.code for r in below if r.level < DESA]
        top = region(within)
        found += [top] if top else []
    return tuple(r for r in found if levels is None or r.level in levels)


@cache
def _kabkota_by_number() -> dict[str, tuple[Region, ...]]:
    """Kab/kota by the last two digits of their code (``[71]`` in portal spreadsheets)."""
    index: dict[str, list[Region]] = {}
    for found in all_regions():
        if found.level == KABKOTA:
            index.setdefault(found.code[3:], []).append(found)
    return {number: tuple(regions) for number, regions in index.items()}


def _in_scope(found: Region, within: str | None, levels: set[int] | None) -> bool:
    if within and not (found.code == within or found.code.startswith(within + ".")):
        return False
    return levels is None or found.level in levels


def _type_fits(found: Region, type_word: str | None) -> bool:
    if type_word is None:
        return True
    if type_word in ("kabupaten", "kota", "provinsi", "kecamatan"):
        return found.type == type_word
    return found.level == DESA  # "Desa" and "Kel." are both written for any village


def _unique(regions: list[Region]) -> list[Region]:
    """Each region once, higher levels first (provinsi, kab/kota ... desa), then by code."""
    seen: dict[str, Region] = {}
    for found in regions:
        seen.setdefault(found.code, found)
    return sorted(seen.values(), key=lambda r: (r.level, r.code))


def _keys(text: str) -> list[str]:
    """The name keys of ``text`` as written and with abbreviations written out."""
    return list(dict.fromkeys((name_key(text), name_key(expand_abbreviations(text)))))


def _by_name(
    text: str, within: str | None, levels: set[int] | None
) -> tuple[list[Region], list[Region]]:
    """Exact name-key candidates: those the leading type word allows (``Kota``, ``Kab.``,
    ``Kec.``...: the type word decides the level), and those of the whole text as a name
    (a desa called "Kota Batu")."""
    type_word, rest = split_type_word(text)
    typed: list[Region] = []
    if type_word:
        typed_levels = _LEVEL_OF_TYPE[type_word] & (levels or {1, 2, 3, 4})
        typed = [
            r
            for key in _keys(rest)
            for r in _index().get(key, ())
            if _in_scope(r, within, typed_levels) and _type_fits(r, type_word)
        ]
    whole = [
        r for key in _keys(text) for r in _index().get(key, ()) if _in_scope(r, within, levels)
    ]
    return _unique(typed), _unique(whole)


def _fuzzy(
    text: str, within: str | None, levels: set[int] | None
) -> tuple[list[tuple[Region, float]], str]:
    """Candidates by similarity of name keys, best first."""
    type_word, rest = split_type_word(text)
    key = name_key(rest)
    scope = frozenset(levels) if levels else None
    pool = [r for r in _pool(within, scope) if _type_fits(r, type_word)]
    if not key or not pool:
        return [], key
    keys = [_own_key(r) for r in pool]
    hits = process.extract(key, keys, scorer=fuzz.ratio, limit=8, score_cutoff=60)
    scored = [(pool[i], score) for _, score, i in hits]
    if len(key) >= PREFIX_MIN_LENGTH:  # a name cut short scores as a bare fuzzy hit
        truncated = [
            r
            for r, k in zip(pool, keys, strict=True)
            if len(k) >= PREFIX_MIN_LENGTH
            and (k.startswith(key) or key.startswith(k))
            and min(len(k), len(key)) >= PREFIX_MIN_SHARE * max(len(k), len(key))
        ]
        scored = [(r, FUZZY_MIN_SCORE) for r in truncated] + scored
    return sorted(scored, key=lambda hit: -hit[1]), key


def lookup(
    query: str,
    *,
    within: str | None = None,
    level: int | set[int] | None = None,
    fuzzy: bool = True,
) -> RegionMatch:
    """Find the region ``query`` names, inside region ``within`` (a code) and at ``level``."""
    levels = frozenset({level} if isinstance(level, int) else level or ()) or None
    return _lookup(query, within, levels, fuzzy)


@lru_cache(maxsize=65536)  # sources repeat the same names row after row
def _lookup(
    query: str, within: str | None, levels: frozenset[int] | None, fuzzy: bool
) -> RegionMatch:
    text = query.strip()
    scope = normalise_code(within) if within else None
    code = normalise_code(text)
    if code:
        return _by_code(query, code, scope)
    number, rest = split_bracket_code(text)
    if number is not None:
        return _by_bracket_code(query, number, rest, scope)
    typed, whole = _by_name(text, scope, levels)
    exact = typed or whole
    if exact:
        others = tuple(r for r in whole if r not in exact)  # "Kota Batu": the desa of that name
        return _named(query, text, exact, others)
    if not fuzzy:
        return RegionMatch(query, "not_found", **_noted(("no_name", {})))
    return _by_close_name(query, text, scope, levels)


def _by_code(query: str, code: str, scope: str | None) -> RegionMatch:
    """A Kemendagri code, or a code retired by a split (Papua 2022)."""
    found = region(code)
    if found and _in_scope(found, scope, None):
        return RegionMatch(query, "found", (found,), "code")
    change = successor(code)
    if change and (new := region(change.new_code)):
        fields = {"old": code, "new": change.new_code, "date": change.valid_from}
        note = ("code_change", {**fields, "source": change.source})
        return RegionMatch(query, "found", (new,), "code_change", **_noted(note))
    key = "no_code_within" if scope else "no_code"
    return RegionMatch(query, "not_found", **_noted((key, {"code": code, "scope": scope})))


def _by_bracket_code(query: str, number: str, rest: str, scope: str | None) -> RegionMatch:
    """A kab/kota as a portal writes it: ``[71] KOTA KEDIRI`` (its number and name agree)."""
    by_number = [r for r in _kabkota_by_number().get(number, ()) if _in_scope(r, scope, None)]
    named = sum(_by_name(rest, scope, {KABKOTA}), []) if rest else by_number
    both = [r for r in by_number if r in named]
    if len(both) == 1:
        return RegionMatch(query, "found", tuple(both), "bracket_code")
    if len(both) > 1:
        return RegionMatch(query, "ambiguous", tuple(both), "bracket_code")
    fields = {"number": number, "name": rest, "scope": scope}
    key = "no_bracket_within" if scope else "no_bracket"
    return RegionMatch(
        query, "not_found", suggestions=tuple(by_number[:8]), **_noted((key, fields))
    )


def _named(query: str, text: str, exact: list[Region], others: tuple[Region, ...]) -> RegionMatch:
    """The regions of exactly this name, with the notes of the other names they are known by."""
    status = "found" if len(exact) == 1 else "ambiguous"
    notes = _other_name_notes()
    keys = _keys(text) + _keys(split_type_word(text)[1])
    found = [notes[(k, r.code)] for r in exact for k in keys if (k, r.code) in notes]
    return RegionMatch(query, status, tuple(exact), "name", suggestions=others, **_noted(*found))


def _by_close_name(
    query: str, text: str, scope: str | None, levels: frozenset[int] | None
) -> RegionMatch:
    """The region of the closest name, when it is close enough and clearly the closest."""
    hits, _ = _fuzzy(text, scope, levels)
    if hits and hits[0][1] >= FUZZY_MIN_SCORE:
        best, score = hits[0]
        close = [r for r, s in hits if s >= score - FUZZY_MARGIN and r.code != best.code]
        if not close:
            return RegionMatch(query, "found", (best,), "fuzzy", score=score)
        return RegionMatch(query, "ambiguous", tuple(_unique([best, *close])), "fuzzy", score)
    return RegionMatch(
        query, "not_found", suggestions=tuple(r for r, _ in hits[:5]), **_noted(("no_name", {}))
    )
