"""The activity candidate of a firm as N-Triples: its own dated, provenance-tagged node.

``<firm> umkm:activityCandidate <firm>/activity-candidate``, a ``umkm:ActivityCandidate`` with
the proposed kelompok (``umkm:candidateActivity``), the score, the matched words, the time it
was made (``prov:generatedAtTime``) and what made it (``dcterms:source``). It sits beside the
source's own code (``rov:orgActivity``) and never replaces it.
"""

from __future__ import annotations

from datetime import datetime

from umkm_kg.activity.matcher import MARGIN, SCORE_THRESHOLD, ActivityCandidate, resolve
from umkm_kg.loading import ntriples as nt
from umkm_kg.namespaces import DCTERMS, PROV, RDF, UMKM

SUFFIX = "/activity-candidate"
MATCHER = (
    "umkm-kg activity matcher: KBLI 2020 kelompok titles and descriptions (Peraturan BPS "
    f"2/2020) and reference/activity_synonyms.csv; accepted at score >= {SCORE_THRESHOLD} "
    f"and {MARGIN} ahead of the next kelompok"
)
_TYPE = nt.iri(str(RDF.type))
_LINK = nt.iri(str(UMKM.activityCandidate))
_CLASS = nt.iri(str(UMKM.ActivityCandidate))
_ACTIVITY = nt.iri(str(UMKM.candidateActivity))
_SCORE = nt.iri(str(UMKM.matchScore))
_WORD = nt.iri(str(UMKM.matchedWord))
_TIME = nt.iri(str(PROV.generatedAtTime))
_SOURCE = nt.iri(str(DCTERMS.source))


class CandidateWriter:
    """Writes the accepted candidate of each firm's text; counts the firms that got one.
    Memory stays bounded: the matcher caches by the text's words, this by candidate."""

    def __init__(self, made_at: datetime) -> None:
        self.time = nt.literal(made_at.isoformat(), nt.XSD + "dateTime")
        self.source = nt.literal(MATCHER)
        self.written = 0
        self._tails: dict[ActivityCandidate, list[str]] = {}

    def lines(self, subject: str, text: str) -> tuple[str | None, list[str]]:
        """The proposed kelompok and the candidate's triples for firm ``subject`` (an IRI),
        one per entry; (None, []) when the text has no accepted candidate."""
        best = resolve(text).candidate
        if best is None:
            return None, []
        tails = self._tails.get(best)
        if tails is None:
            tails = self._tails[best] = self._node_tails(best)
        self.written += 1
        s, c = nt.iri(subject), nt.iri(subject + SUFFIX)
        return best.code, [f"{s} {_LINK} {c} .\n", *(c + tail for tail in tails)]

    def _node_tails(self, best: ActivityCandidate) -> list[str]:
        return [
            f" {_TYPE} {_CLASS} .\n",
            f" {_ACTIVITY} {nt.iri(str(best.iri))} .\n",
            f" {_SCORE} {nt.literal(str(best.score), nt.XSD + 'decimal')} .\n",
            *(f" {_WORD} {nt.literal(word)} .\n" for word in best.matched),
            f" {_TIME} {self.time} .\n",
            f" {_SOURCE} {self.source} .\n",
        ]
