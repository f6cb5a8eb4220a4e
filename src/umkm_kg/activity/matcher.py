"""Free-text activity -> candidate KBLI 2020 kelompok, with a score and the words that matched.

The index holds every KBLI 2020 kelompok's title and description words and the curated phrases
of ``reference/activity_synonyms.csv``. A word of the text matches a word of the index when
they are equal or, for words of 5 letters or more, when rapidfuzz's ``fuzz.ratio`` is at least
:data:`FUZZY_CUTOFF` (``kripik`` = ``keripik``, 92). Each word of the text weighs its rarity
(inverse document frequency over the kelompok; a curated phrase's words weigh the most; a word
found nowhere weighs 1). A kelompok earns, per word, its weight times 1.0 when a curated phrase
names the kelompok, 0.8 when the word is in its title, 0.4 when only in its description
(times the fuzzy similarity). Its **score** is what it earns over the text's total weight:
1.0 means every informative word of the text points to that kelompok.

A candidate is **accepted** (used to group firms, stored at load time) when its score is at
least :data:`SCORE_THRESHOLD` and it leads the next kelompok by at least :data:`MARGIN`:
"PRODUKSI MAKANAN" matches dozens of food kelompok equally and stays unresolved (too vague).
"""

from __future__ import annotations

import csv
import gzip
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from rdflib import URIRef

from umkm_kg.activity.table import synonym_table, words
from umkm_kg.iris import kbli_iri
from umkm_kg.resources import resource_path

SCORE_THRESHOLD = 0.5
MARGIN = 0.1
FUZZY_CUTOFF = 85
_FUZZY_MIN_LENGTH = 5
_SHORT_WORD = 2  # words this long or shorter (di, ke, uk) name no activity
_PHRASE, _TITLE, _DESCRIPTION = 1.0, 0.8, 0.4
_UNKNOWN_WEIGHT = 1.0


@dataclass(frozen=True)
class ActivityCandidate:
    """A KBLI 2020 kelompok proposed for a free-text activity."""

    code: str
    label: str
    score: float
    matched: tuple[str, ...]  # the words of the text that point to this kelompok
    via: str  # "synonym" (a curated phrase), "title" or "description"

    @property
    def iri(self) -> URIRef:
        """The kelompok's IRI (``id:kbli/2020/<code>``)."""
        return kbli_iri("2020", self.code)

    @property
    def version(self) -> str:
        return "2020"


@dataclass(frozen=True)
class Resolution:
    """The accepted candidate of a text, or why there is none (``empty``, ``no_match``,
    ``below_threshold``, ``ambiguous``)."""

    candidate: ActivityCandidate | None
    reason: str | None
    candidates: tuple[ActivityCandidate, ...]


class _Index:
    """Words of the KBLI 2020 kelompok: where each occurs and how rare it is."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        path = resource_path("reference", "kbli2020.csv.gz")
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["level"] != "5":
                    continue
                code = row["code"]
                self.titles[code] = row["title"]
                for word in words(row["description"]):
                    postings[word].setdefault(code, _DESCRIPTION)
                for word in words(row["title"]):
                    postings[word][code] = _TITLE
        ignored = synonym_table().ignored
        self.postings = {
            w: p for w, p in postings.items() if w not in ignored and len(w) > _SHORT_WORD
        }
        total = len(self.titles)
        self.idf = {w: math.log(total / len(p)) for w, p in self.postings.items()}
        self.top_idf = math.log(total)
        self.vocabulary = sorted(self.postings)


@cache
def _index() -> _Index:
    return _Index()


def suggest(text: str, limit: int = 5) -> list[ActivityCandidate]:
    """The best KBLI 2020 kelompok for ``text``, highest score first (ties by code)."""
    return list(_suggest(_tokens(text or ""), max(limit, 0)))


def _tokens(text: str) -> tuple[str, ...]:
    """The informative words of ``text``: the cache key (texts that differ only in digits,
    case or punctuation are matched once)."""
    ignored = synonym_table().ignored
    return tuple(w for w in words(text) if w not in ignored and len(w) > _SHORT_WORD)


def resolve(text: str | None) -> Resolution:
    """The accepted candidate of ``text`` (score >= SCORE_THRESHOLD, ahead by MARGIN)."""
    if not text or not words(text):
        return Resolution(None, "empty", ())
    found = _suggest(_tokens(text), 5)
    if not found:
        return Resolution(None, "no_match", found)
    best = found[0]
    if best.score < SCORE_THRESHOLD:
        return Resolution(None, "below_threshold", found)
    if len(found) > 1 and best.score - found[1].score < MARGIN:
        return Resolution(None, "ambiguous", found)
    return Resolution(best, None, found)


@lru_cache(maxsize=8192)
def _suggest(tokens: tuple[str, ...], limit: int) -> tuple[ActivityCandidate, ...]:
    index = _index()
    if not tokens:
        return ()
    phrase_codes = _phrase_codes(tokens)
    earned: dict[str, float] = defaultdict(float)
    matched: dict[str, list[str]] = defaultdict(list)
    via: dict[str, str] = {}
    total = 0.0
    for position, token in enumerate(tokens):
        hits = _word_hits(token)
        codes = phrase_codes.get(position, ())
        if codes:
            weight = index.top_idf
        elif hits:
            weight = max(index.idf[word] for word, _ in hits)
        else:
            weight = _UNKNOWN_WEIGHT
        total += weight
        gains: dict[str, tuple[float, str]] = {code: (_PHRASE, "synonym") for code in codes}
        for word, similarity in hits:
            for code, field in index.postings[word].items():
                gain = field * similarity
                if gain > gains.get(code, (0.0, ""))[0]:
                    gains[code] = (gain, "title" if field == _TITLE else "description")
        for code, (gain, kind) in gains.items():
            earned[code] += weight * gain
            matched[code].append(token)
            if kind == "synonym" or via.get(code) != "synonym":
                via[code] = _stronger(via.get(code), kind)
    ranked = sorted(earned, key=lambda code: (-earned[code], code))[:limit]
    return tuple(
        ActivityCandidate(
            code,
            index.titles[code],
            round(earned[code] / total, 3),
            tuple(dict.fromkeys(matched[code])),
            via[code],
        )
        for code in ranked
    )


def _stronger(old: str | None, new: str) -> str:
    order = ("description", "title", "synonym")
    return new if old is None or order.index(new) > order.index(old) else old


def _phrase_codes(tokens: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    """Positions of ``tokens`` covered by curated phrases -> their kelompok. Phrases may
    overlap ("kain tenun" and "tenun ikat" in "kain tenun ikat"); a phrase inside a longer
    matched one is skipped ("tenun" inside "tenun ikat")."""
    covered: dict[int, tuple[str, ...]] = {}
    spans: list[range] = []
    for phrase in synonym_table().phrases:
        size = len(phrase.words)
        for start in range(len(tokens) - size + 1):
            span = range(start, start + size)
            if any(span.start >= s.start and span.stop <= s.stop for s in spans):
                continue
            if all(_same_word(tokens[p], w) for p, w in zip(span, phrase.words, strict=True)):
                spans.append(span)
                for position in span:
                    covered[position] = tuple(
                        dict.fromkeys((*covered.get(position, ()), *phrase.codes))
                    )
    return covered


def _same_word(token: str, word: str) -> bool:
    if token == word:
        return True
    if min(len(token), len(word)) < _FUZZY_MIN_LENGTH:
        return False
    return fuzz.ratio(token, word) >= FUZZY_CUTOFF


@lru_cache(maxsize=65536)
def _word_hits(token: str) -> tuple[tuple[str, float], ...]:
    """Index words equal to ``token`` or (5+ letters) close to it, with their similarity 0-1."""
    index = _index()
    if token in index.postings:
        return ((token, 1.0),)
    if len(token) < _FUZZY_MIN_LENGTH:
        return ()
    found = process.extract(
        token, index.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
    )
    return tuple((word, score / 100) for word, score, _ in found if len(word) >= _FUZZY_MIN_LENGTH)
