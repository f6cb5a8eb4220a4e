"""Region names as people write them: keys that survive case, prefixes, punctuation and OCR.

``name_key("Kab. Kediri")`` and ``name_key("KEDIRI")`` are both ``"kediri"``; the type word
(``Prov.``, ``Kab.``, ``Kabupaten``, ``Kota``, ``Kota Adm.``, ``Kec.``, ``Desa``, ``Kel.``) is
split off first by :func:`split_type_word`, so that ``Kota Kediri`` and ``Kabupaten Kediri``
stay apart; :func:`expand_abbreviations` writes ``Kep.`` out as ``Kepulauan``.
"""

from __future__ import annotations

import re
import unicodedata

# Type words as written in front of a region name, longest first; value: the region type(s).
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("kabupaten", "kabupaten"),
    ("kab", "kabupaten"),
    ("kotamadya", "kota"),
    ("kodya", "kota"),
    ("kota", "kota"),
    ("kecamatan", "kecamatan"),
    ("kec", "kecamatan"),
    ("kelurahan", "kelurahan"),
    ("kel", "kelurahan"),
    ("desa", "desa"),
    ("provinsi", "provinsi"),
    ("propinsi", "provinsi"),
    ("prov", "provinsi"),
)
# "Kota Adm. Jakarta Selatan", "Kabupaten Administrasi Kepulauan Seribu": the word for an
# administrative kab/kota of Jakarta is part of the type, not of the name.
_TYPE_WORD = re.compile(
    r"^\s*(" + "|".join(word for word, _ in _TYPE_WORDS) + r")(?:\.\s*|\s+)"
    r"(?:(?:adm|administrasi)(?:\.\s*|\s+))?(?=\S)",
    re.IGNORECASE,
)
# Abbreviations of words inside names: "Kab. Kep. Seribu", "Kep. Riau".
_ABBREVIATIONS = {"kep": "Kepulauan"}
_ABBREVIATED = re.compile(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b(?:\.\s*|\s+)(?=\S)", re.I)
_TYPE_OF = dict(_TYPE_WORDS)
_BRACKET_CODE = re.compile(r"^\s*\[\s*(\d{1,2})\s*\]\s*(.*)$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped (``Sélo`` -> ``selo``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def name_key(text: str) -> str:
    """Comparison key of a name: letters and digits only, lower case.

    Apostrophes, quotes, hyphens, dots, slashes, stray ``*`` and all spaces vanish, so
    ``Soka'an`` = ``Soka"an``, ``Urek-Urek`` = ``Urek - Urek``, ``B e b u`` = ``Bebu``.
    """
    return _NOT_ALNUM.sub("", fold(text))


def split_type_word(text: str) -> tuple[str | None, str]:
    """``"Kab. Kediri"`` -> ``("kabupaten", "Kediri")``; no type word -> ``(None, text)``."""
    match = _TYPE_WORD.match(text)
    if not match:
        return None, text.strip()
    return _TYPE_OF[match.group(1).lower()], text[match.end() :].strip()


def expand_abbreviations(text: str) -> str:
    """``"Kep. Seribu"`` -> ``"Kepulauan Seribu"`` (the abbreviations of words in names)."""
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(1).lower()] + " ", text)


def split_bracket_code(text: str) -> tuple[str | None, str]:
    """Portal style ``"[9] JEMBER"`` -> ``("09", "JEMBER")``: the kab/kota part of the code."""
    match = _BRACKET_CODE.match(text)
    if not match:
        return None, text.strip()
    return match.group(1).zfill(2), match.group(2).strip()
