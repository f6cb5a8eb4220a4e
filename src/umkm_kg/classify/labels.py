"""The words people read for size classes and rule sets, from the ontology, in id or en."""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from umkm_kg.classify.rules import rule_sets
from umkm_kg.namespaces import SIZE
from umkm_kg.ontology import ontology_graph


def size_word(notation: str | None, lang: str) -> str | None:
    """The short name of a size class (``micro`` -> "mikro" / "micro": its skos:altLabel),
    or the notation itself when the ontology has none; None stays None."""
    if notation is None:
        return None
    return _labels(SKOS.altLabel).get((notation, lang), notation)


def size_label(notation: str, lang: str) -> str:
    """The full name of a size class ("Usaha Mikro" / "Micro enterprise": its prefLabel)."""
    return _labels(SKOS.prefLabel).get((notation, lang), notation)


@lru_cache(maxsize=32)
def rule_set_label(key: str, lang: str) -> str:
    """The name of a rule set ("Kriteria UMKM menurut PP 7/2021"), by its key."""
    for candidate in rule_sets():
        if candidate.key == key:
            return term_label(candidate.iri, lang)
    return key


@lru_cache(maxsize=64)
def term_label(iri: URIRef, lang: str) -> str:
    """An ontology term's rdfs:label in ``lang`` ("kekayaan bersih (Rp)"), else its IRI."""
    for label in ontology_graph().objects(iri, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return str(iri)


@lru_cache(maxsize=2)
def _labels(predicate: object) -> dict[tuple[str, str], str]:
    graph = ontology_graph()
    found: dict[tuple[str, str], str] = {}
    for concept, label in graph.subject_objects(predicate):
        if str(concept).startswith(str(SIZE)) and isinstance(label, Literal) and label.language:
            found[(str(concept)[len(str(SIZE)) :], label.language)] = str(label)
    return found
