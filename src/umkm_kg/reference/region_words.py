"""The words of a region lookup in each language: its notes, the level names, the headings.

The lookup keeps its notes as a key and fields (:class:`~umkm_kg.reference.lookup.Note`);
:func:`note_text` writes them in one language, so that a run speaks one language.
"""

from __future__ import annotations

from typing import Any

NOTES: dict[str, dict[str, str]] = {
    "en": {
        "code_change": "{old} became {new} on {date} ({source})",
        "no_code": "no region has code {code}",
        "no_code_within": "no region has code {code} inside {scope}",
        "no_name": "no region has this name",
        "no_bracket": "no kabupaten/kota numbered {number} is named {name!r}",
        "no_bracket_within": "no kabupaten/kota numbered {number} is named {name!r} inside {scope}",
        "other_name": "{name!r} is a {kind} name of {code} ({source})",
    },
    "id": {
        "code_change": "{old} menjadi {new} sejak {date} ({source})",
        "no_code": "tidak ada wilayah berkode {code}",
        "no_code_within": "tidak ada wilayah berkode {code} di dalam {scope}",
        "no_name": "tidak ada wilayah bernama demikian",
        "no_bracket": "tidak ada kabupaten/kota bernomor {number} yang bernama {name!r}",
        "no_bracket_within": (
            "tidak ada kabupaten/kota bernomor {number} yang bernama {name!r} di dalam {scope}"
        ),
        "other_name": "{name!r} adalah {kind} {code} ({source})",
    },
}

OTHER_NAME_KINDS = {
    "en": {"short": "short", "former": "former", "later": "later"},
    "id": {"short": "nama singkat", "former": "nama lama", "later": "nama baru"},
}

LEVEL_NAMES = {
    "en": {
        "provinsi": "province",
        "kabupaten": "regency",
        "kota": "city",
        "kecamatan": "district",
        "desa": "village",
        "kelurahan": "urban village",
    },
    "id": {
        "provinsi": "provinsi",
        "kabupaten": "kabupaten",
        "kota": "kota",
        "kecamatan": "kecamatan",
        "desa": "desa",
        "kelurahan": "kelurahan",
    },
}

HEADINGS = {
    "en": {
        "found": "Region",
        "ambiguous": "Candidates (ambiguous)",
        "suggestions": "Suggestions",
        "code": "code",
        "path": "region < parents",
        "type": "type",
        "also_named": "Also so named",
        "no_match": "no region matches {query!r}",
        "in_province": " in province {province}",
        "how_to_fix": "give a Kemendagri code such as 35.71, or a name with Kab./Kota",
    },
    "id": {
        "found": "Wilayah",
        "ambiguous": "Kandidat (ambigu)",
        "suggestions": "Saran",
        "code": "kode",
        "path": "wilayah < induk",
        "type": "jenis",
        "also_named": "Juga bernama demikian",
        "no_match": "tidak ada wilayah yang cocok dengan {query!r}",
        "in_province": " di provinsi {province}",
        "how_to_fix": "beri kode Kemendagri seperti 35.71, atau nama dengan Kab./Kota",
    },
}


def note_text(notes: tuple[tuple[str, dict[str, Any]], ...], lang: str = "en") -> str:
    """The notes of a lookup, each ``(key, fields)``, as one line in ``lang``."""
    words, kinds = NOTES[lang], OTHER_NAME_KINDS[lang]
    lines = []
    for key, fields in notes:
        values = dict(fields)
        if "kind" in values:
            values["kind"] = kinds.get(values["kind"], values["kind"])
        lines.append(words[key].format(**values))
    return "; ".join(dict.fromkeys(lines))


def level_name(region_type: str, lang: str) -> str:
    """A region type (``kabupaten``, ``desa``...) in ``lang``."""
    return LEVEL_NAMES[lang].get(region_type, region_type)
