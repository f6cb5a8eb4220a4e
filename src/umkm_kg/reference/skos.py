"""The reference data as SKOS, written straight to N-Triples (91,600 regions in about a second).

Regions (``id:region/{code}``): ``skos:Concept`` and their type class (``umkm:Province``,
``umkm:Regency``, ``umkm:City``, ``umkm:District``, ``umkm:Village``, ``umkm:CustomaryVillage``,
``umkm:UrbanVillage``: the ontology class whose ``umkm:templateKey`` is the region's type),
``skos:inScheme id:region``, ``skos:notation``, ``skos:prefLabel``@id, ``skos:broader`` /
``skos:narrower``, ``umkm:bpsCode``, ``skos:exactMatch`` Wikidata. Codes retired by the Papua
split: ``id:region/{old}`` ``dcterms:isReplacedBy`` the new one, with ``dcterms:valid`` (the
date from which it was replaced) and ``dcterms:source`` (the law). KBLI (``id:kbli/{v}/{code}``):
``skos:Concept`` + level class, ``skos:inScheme id:kbli/{v}``, notation, prefLabel, definition,
broader/narrower. Every scheme carries ``dcterms:source`` and ``dcterms:license``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TextIO

from rdflib import RDF, RDFS, URIRef

from umkm_kg.iris import kbli_iri, kbli_scheme_iri, region_iri
from umkm_kg.namespaces import ID, UMKM
from umkm_kg.reference.kbli import KbliEntry, kbli_entries
from umkm_kg.reference.regions import Region, all_regions, code_changes

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
WIKIDATA = "http://www.wikidata.org/entity/"
REGION_SCHEME = ID["region"]
KBLI_LEVEL_CLASS = {
    1: UMKM.KBLISection,
    2: UMKM.KBLIDivision,
    3: UMKM.KBLIGroup,
    4: UMKM.KBLIClass,
    5: UMKM.KBLISubclass,
}
_SOURCES = {
    "region": (
        "Kepmendagri 300.2.2-2138/2025, via github.com/cahyadsn/wilayah @ b7ad440a; BPS codes "
        "via zakiego/Relasi-BPS-Kemendagri @ 8d5e83e7 and edwardsamuel/"
        "Wilayah-Administratif-Indonesia @ 92f52a0f (ODbL 1.0); Wikidata QIDs via "
        "soluvas/opendata @ 8860573b (CC0)",
        "MIT (Cahya DSN); BPS village codes ODbL 1.0; see reference/NOTICE.md",
    ),
    "2020": (
        "Peraturan BPS 2/2020 (KBLI 2020), via github.com/najwan24/hsent_llm_curation @ fd59cfd9",
        "public domain (UU 28/2014 Pasal 42)",
    ),
    "2025": ("Peraturan BPS 7/2025 (KBLI 2025), the user's own copy", "see the user's copy"),
}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _iri(text: str) -> str:
    return f"<{text}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = '"' + text.translate(_ESCAPES) + '"'
    return f"{body}@{lang}" if lang else f"{body}^^<{datatype}>" if datatype else body


@cache
def _region_class() -> dict[str, str]:
    """Region type key -> ontology class: the subclasses of ``umkm:Region`` by templateKey."""
    from umkm_kg.ontology import ontology_graph

    graph = ontology_graph()
    return {
        str(key): _iri(str(cls))
        for cls, key in graph.subject_objects(UMKM.templateKey)
        if UMKM.Region in set(graph.transitive_objects(cls, RDFS.subClassOf))
    }


def _scheme(scheme: URIRef, key: str, label_id: str, label_en: str) -> Iterator[str]:
    s = _iri(str(scheme))
    source, license_ = _SOURCES[key]
    yield f"{s} {_iri(str(RDF.type))} {_iri(SKOS + 'ConceptScheme')} .\n"
    yield f"{s} {_iri(SKOS + 'prefLabel')} {_lit(label_id, 'id')} .\n"
    yield f"{s} {_iri(SKOS + 'prefLabel')} {_lit(label_en, 'en')} .\n"
    yield f"{s} {_iri(DCT + 'source')} {_lit(source)} .\n"
    yield f"{s} {_iri(DCT + 'license')} {_lit(license_)} .\n"


def region_lines(regions: Iterable[Region] | None = None) -> Iterator[str]:
    """N-Triples lines of the regions (all of them by default) and the retired Papua codes."""
    classes = _region_class()
    scheme = _iri(str(REGION_SCHEME))
    rdf_type, concept = _iri(str(RDF.type)), _iri(SKOS + "Concept")
    yield from _scheme(
        REGION_SCHEME, "region", "Wilayah Kemendagri 2025", "Kemendagri regions 2025"
    )
    for region in all_regions() if regions is None else regions:
        s = _iri(str(region_iri(region.code)))
        yield f"{s} {rdf_type} {concept} .\n"
        if region.type in classes:
            yield f"{s} {rdf_type} {classes[region.type]} .\n"
        yield f"{s} {_iri(SKOS + 'inScheme')} {scheme} .\n"
        yield f"{s} {_iri(SKOS + 'notation')} {_lit(region.code)} .\n"
        yield f"{s} {_iri(SKOS + 'prefLabel')} {_lit(region.name, 'id')} .\n"
        if region.parent:
            parent = _iri(str(region_iri(region.parent)))
            yield f"{s} {_iri(SKOS + 'broader')} {parent} .\n"
            yield f"{parent} {_iri(SKOS + 'narrower')} {s} .\n"
        else:
            yield f"{s} {_iri(SKOS + 'topConceptOf')} {scheme} .\n"
        if region.bps:
            yield f"{s} {_iri(str(UMKM.bpsCode))} {_lit(region.bps)} .\n"
        if region.wikidata:
            yield f"{s} {_iri(SKOS + 'exactMatch')} {_iri(WIKIDATA + region.wikidata)} .\n"
    if regions is None:
        for change in code_changes():
            if "." not in change.old_code:  # provinces 91 and 92 still exist
                continue
            s = _iri(str(region_iri(change.old_code)))
            yield f"{s} {_iri(SKOS + 'notation')} {_lit(change.old_code)} .\n"
            yield f"{s} {_iri(DCT + 'isReplacedBy')} {_iri(str(region_iri(change.new_code)))} .\n"
            since = _lit(change.valid_from.isoformat(), None, XSD_DATE)
            yield f"{s} {_iri(DCT + 'valid')} {since} .\n"
            yield f"{s} {_iri(DCT + 'source')} {_lit(change.source)} .\n"


def kbli_lines(version: str | int, entries: Iterable[KbliEntry] | None = None) -> Iterator[str]:
    """N-Triples lines of one KBLI version (all levels by default)."""
    version = str(version)
    scheme_iri = kbli_scheme_iri(version)
    scheme = _iri(str(scheme_iri))
    rdf_type, concept = _iri(str(RDF.type)), _iri(SKOS + "Concept")
    yield from _scheme(scheme_iri, version, f"KBLI {version}", f"KBLI {version}")
    yield f"{scheme} {rdf_type} {_iri(str(UMKM.KBLIVersion))} .\n"
    for entry in kbli_entries(version) if entries is None else entries:
        s = _iri(str(kbli_iri(version, entry.code)))
        yield f"{s} {rdf_type} {concept} .\n"
        yield f"{s} {rdf_type} {_iri(str(KBLI_LEVEL_CLASS[entry.level]))} .\n"
        yield f"{s} {_iri(SKOS + 'inScheme')} {scheme} .\n"
        yield f"{s} {_iri(SKOS + 'notation')} {_lit(entry.code)} .\n"
        yield f"{s} {_iri(SKOS + 'prefLabel')} {_lit(entry.title, 'id')} .\n"
        if entry.description:
            yield f"{s} {_iri(SKOS + 'definition')} {_lit(entry.description, 'id')} .\n"
        if entry.parent:
            parent = _iri(str(kbli_iri(version, entry.parent)))
            yield f"{s} {_iri(SKOS + 'broader')} {parent} .\n"
            yield f"{parent} {_iri(SKOS + 'narrower')} {s} .\n"
        else:
            yield f"{s} {_iri(SKOS + 'topConceptOf')} {scheme} .\n"


def write_reference(
    out: TextIO | str | Path, *, regions: bool = True, kbli_versions: Iterable[str] = ("2020",)
) -> int:
    """Write the reference data as N-Triples to ``out``; returns the number of triples."""
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8", newline="\n") as handle:
            return write_reference(handle, regions=regions, kbli_versions=kbli_versions)
    count = 0
    parts = [region_lines()] if regions else []
    parts += [kbli_lines(version) for version in kbli_versions]
    for lines in parts:
        for line in lines:
            out.write(line)
            count += 1
    return count
