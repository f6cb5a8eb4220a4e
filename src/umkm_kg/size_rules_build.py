"""Generate ``ontology/size-criteria.ttl`` from the table ``ontology/size-rules.toml``.

The table is the one place a size threshold is written. For each rule set this writes its
individual (dates, source, a definition that lists its bands) and, for each band, an OWL class
defined by a datatype restriction with the band's bounds, its Indonesian and English label and
definition, and the article it cites. Run ``python -m umkm_kg.size_rules_build`` after editing
the table; ``--check`` exits 1 when the committed Turtle differs from what the table gives.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Literal

from umkm_kg.resources import resource_path

TABLE = "size-rules.toml"
OUTPUT = "size-criteria.ttl"

_HEADER = """\
# GENERATED from size-rules.toml by `python -m umkm_kg.size_rules_build`: do not edit by hand.
#
# Enterprise size criteria of Indonesian law as dated, cited rule sets, and BPS's statistical
# classes. Each rule set is an individual with its dates of force and its source. Each (rule
# set, size, criterion) is an OWL class defined by a datatype restriction on one figure of the
# enterprise, with the bounds exactly as the law writes them: "paling banyak" =
# xsd:maxInclusive, "lebih dari" = xsd:minExclusive, "paling sedikit" = xsd:minInclusive.
# HermiT classifies enterprises with these classes, and umkm_kg.classify reads the same bounds
# from this file. The classes and properties used here are declared in size-model.ttl.

@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix size: <https://w3id.org/umkm-kg/size/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix umkm: <https://w3id.org/umkm-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# The law's names of the size classes; a rule set may name them otherwise (BPS: "industri").
_SIZE_NAMES = {
    "id": {
        "micro": "Usaha Mikro",
        "small": "Usaha Kecil",
        "medium": "Usaha Menengah",
        "large": "Usaha Besar",
        "medium_or_large": "Usaha Menengah atau Besar",
    },
    "en": {
        "micro": "micro enterprise",
        "small": "small enterprise",
        "medium": "medium enterprise",
        "large": "large enterprise",
        "medium_or_large": "medium or large enterprise",
    },
}
_RULE_SET_CLASS = {"legal": "umkm:LegalSizeRuleSet", "statistical": "umkm:StatisticalSizeRuleSet"}


@dataclass(frozen=True)
class Band:
    """One row of the table: a size class on one figure between two bounds."""

    size: str
    figure: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    source: str


def generate(table: dict[str, Any]) -> str:
    """The Turtle text of ``size-criteria.ttl`` for a parsed ``size-rules.toml``."""
    figures = table["figures"]
    parts = [_HEADER]
    for rule_set in table["rule_set"]:
        bands = [_band(row, figures) for row in rule_set["bands"]]
        parts.append(_rule_set_turtle(rule_set, bands, figures))
        parts.extend(_band_turtle(rule_set, band, figures) for band in bands)
    return "\n".join(parts)


def read_table(path: Path | None = None) -> dict[str, Any]:
    """The parsed table (default: the bundled ``ontology/size-rules.toml``)."""
    with (path or resource_path("ontology", TABLE)).open("rb") as handle:
        return tomllib.load(handle)


def _band(row: dict[str, Any], figures: dict[str, Any]) -> Band:
    if row["figure"] not in figures:
        raise ValueError(f"band {row}: unknown figure {row['figure']!r}")
    if "lower" not in row and "upper" not in row:
        raise ValueError(f"band {row}: a band needs a lower or an upper bound")
    return Band(
        size=row["size"],
        figure=row["figure"],
        lower=_decimal(row.get("lower")),
        lower_inclusive=bool(row.get("lower_inclusive", False)),
        upper=_decimal(row.get("upper")),
        upper_inclusive=bool(row.get("upper_inclusive", False)),
        source=row["source"],
    )


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _rule_set_turtle(rule_set: dict, bands: list[Band], figures: dict) -> str:
    summary = {
        lang: "; ".join(
            f"{_size_name(rule_set, b.size, lang)} {_BY[lang]} "
            f"{figures[b.figure]['criterion_' + lang]}: {_bounds(b, figures[b.figure], lang)}"
            for b in bands
        )
        for lang in ("id", "en")
    }
    definition = {
        "id": f"{rule_set['intro_id']} Batas: {summary['id']}.",
        "en": f"{rule_set['intro_en']} Bounds: {summary['en']}.",
    }
    lines = [
        f"umkm:{rule_set['individual']} a owl:NamedIndividual , "
        f"{_RULE_SET_CLASS[rule_set['kind']]} ;",
        f"    rdfs:label {_text(rule_set['label_id'], 'id')} , "
        f"{_text(rule_set['label_en'], 'en')} ;",
        f"    skos:definition {_text(definition['id'], 'id')} ,",
        f"        {_text(definition['en'], 'en')} ;",
        f"    umkm:ruleSetKey {_text(rule_set['key'])} ;",
    ]
    for field, prop in (("in_force_from", "inForceFrom"), ("in_force_until", "inForceUntil")):
        if field in rule_set:
            lines.append(f'    umkm:{prop} "{rule_set[field].isoformat()}"^^xsd:date ;')
    lines.append(f"    dcterms:source {_text(rule_set['source'])} .")
    return "\n".join(lines) + "\n"


_BY = {"id": "menurut", "en": "by"}


def _band_turtle(rule_set: dict, band: Band, figures: dict) -> str:
    figure = figures[band.figure]
    names = {lang: _size_name(rule_set, band.size, lang) for lang in ("id", "en")}
    label_id = f"{_capital(names['id'])} menurut {figure['criterion_id']} ({rule_set['short']})"
    label_en = f"{_capital(names['en'])} by {figure['criterion_en']} ({rule_set['short']})"
    definition_id = (
        f"{figure['subject_id']} {_bounds(band, figure, 'id')}: {names['id']} menurut kriteria "
        f"{figure['criterion_id']} {rule_set['short']}."
    )
    definition_en = (
        f"{figure['subject_en']} {_bounds(band, figure, 'en')}: {_article(names['en'])} "
        f"{names['en']} by the {figure['criterion_en']} criterion of {rule_set['short']}."
    )
    name = f"{rule_set['class_prefix']}_{_camel(band.size)}By{figure['class_part']}"
    return "\n".join(
        [
            f"umkm:{name} a owl:Class ;",
            f"    rdfs:label {_text(label_id, 'id')} , {_text(label_en, 'en')} ;",
            f"    skos:definition {_text(definition_id, 'id')} ,",
            f"        {_text(definition_en, 'en')} ;",
            "    owl:equivalentClass [ a owl:Restriction ;",
            f"        owl:onProperty umkm:{band.figure} ;",
            "        owl:someValuesFrom [ a rdfs:Datatype ;",
            f"            owl:onDatatype xsd:{figure['datatype']} ;",
            f"            owl:withRestrictions ( {' '.join(_facets(band, figure))} ) ] ] ;",
            f"    umkm:criterionOfRuleSet umkm:{rule_set['individual']} ;",
            f"    umkm:criterionSize size:{band.size} ;",
            f"    dcterms:source {_text(band.source)} .",
            "",
        ]
    )


def _facets(band: Band, figure: dict) -> Iterator[str]:
    datatype = figure["datatype"]
    if band.lower is not None:
        facet = "minInclusive" if band.lower_inclusive else "minExclusive"
        yield f'[ xsd:{facet} "{band.lower}"^^xsd:{datatype} ]'
    if band.upper is not None:
        facet = "maxInclusive" if band.upper_inclusive else "maxExclusive"
        yield f'[ xsd:{facet} "{band.upper}"^^xsd:{datatype} ]'


# The law's words for each kind of bound, in each language.
_BOUND_WORDS = {
    "id": {
        (True, True): "paling sedikit",
        (True, False): "lebih dari",
        (False, True): "paling banyak",
        (False, False): "kurang dari",
    },
    "en": {
        (True, True): "at least",
        (True, False): "more than",
        (False, True): "at most",
        (False, False): "less than",
    },
}
_JOIN = {"id": " sampai dengan ", "en": " and "}


def _bounds(band: Band, figure: dict, lang: str) -> str:
    """The band's bounds as the law writes them, e.g. "lebih dari Rp50.000.000,00 sampai ..."."""
    words = _BOUND_WORDS[lang]
    phrases = []
    for bound, is_lower, inclusive in (
        (band.lower, True, band.lower_inclusive),
        (band.upper, False, band.upper_inclusive),
    ):
        if bound is not None:
            phrases.append(f"{words[(is_lower, inclusive)]} {_amount(bound, figure, lang)}")
    text = _JOIN[lang].join(phrases)
    if figure["unit"] == "persons":
        text += " tenaga kerja" if lang == "id" else " workers"
    return text


def _amount(value: Decimal, figure: dict, lang: str) -> str:
    whole = f"{int(value):,}"
    if figure["unit"] == "rupiah":
        return f"Rp{whole.replace(',', '.')},00" if lang == "id" else f"Rp {whole}"
    return f"{whole.replace(',', '.')} orang" if lang == "id" else whole


def _size_name(rule_set: dict, size: str, lang: str) -> str:
    own = rule_set.get(f"size_names_{lang}", {})
    return own.get(size) or _SIZE_NAMES[lang][size]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _article(noun_phrase: str) -> str:
    return "an" if noun_phrase[:1].lower() in "aeiou" else "a"


def _camel(size: str) -> str:
    return "".join(part.capitalize() for part in size.split("_"))


def _text(value: str, lang: str | None = None) -> str:
    return Literal(value, lang=lang).n3()


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) ``ontology/size-criteria.ttl``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    target = resource_path("ontology", OUTPUT)
    text = generate(read_table())
    if args.check:
        stale = target.read_text(encoding="utf-8") != text
        if stale:
            print(f"{target} differs from {TABLE}: run python -m umkm_kg.size_rules_build")
        return 1 if stale else 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
