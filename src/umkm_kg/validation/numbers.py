"""Criterion values as a reader of the report's language reads them.

Money is written in words, not in abbreviations a reader of the other language misreads
("3,68 M" is miliar in Indonesian and would be millions in English): ``3,68 miliar`` /
``3.68 billion``, ``499,99 juta`` / ``499.99 million``. Values are truncated, never rounded up
across a threshold (Rp 499.999.999 stays below 500 juta).
"""

from __future__ import annotations

import math

SCALES = {
    "id": ((1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta")),
    "en": ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million")),
}


def amount(value: float, lang: str = "id") -> str:
    """``value`` in the words of ``lang``: ``15``, ``3,68 miliar`` / ``3.68 billion``."""
    for size, word in SCALES[lang]:
        if abs(value) >= size:
            return f"{_decimal(math.floor(value / size * 100) / 100, lang)} {word}"
    return _decimal(value, lang)


# Beyond this, ``:g`` would switch to an exponent ("1e+15"), which no reader of a report expects.
_PLAIN_BELOW = 1e15


def _decimal(value: float, lang: str) -> str:
    text = f"{value:g}" if abs(value) < _PLAIN_BELOW else f"{value:.0f}"
    return text.replace(".", ",") if lang == "id" else text
