"""Free-text business activity -> candidate KBLI 2020 kelompok (see docs/discovery.md)."""

from umkm_kg.activity.matcher import (
    MARGIN,
    SCORE_THRESHOLD,
    ActivityCandidate,
    Resolution,
    resolve,
    suggest,
)
from umkm_kg.activity.table import synonym_table, words

__all__ = [
    "MARGIN",
    "SCORE_THRESHOLD",
    "ActivityCandidate",
    "Resolution",
    "resolve",
    "suggest",
    "synonym_table",
    "words",
]
