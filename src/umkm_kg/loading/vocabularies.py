"""What a layout's values point to: ontology code lists, regions and KBLI concepts.

Code lists are read from the ontology (``umkm_kg.ontology.ontology_graph``), never restated:
cooperation kinds are the ``kind:*`` concepts that are not a group (no other kind is narrower),
infrastructure kinds and cluster roles the ``infra:*`` / ``role:*`` concepts, institution types
and sentra tiers the ``umkm:templateKey`` annotations of the subclasses of ``umkm:Institution``
and ``umkm:Sentra``. Regions and KBLI codes are
checked against the reference data shipped with the package (``umkm_kg.reference``), and the
loader writes their nodes (names, notation, ``skos:broader`` chain) into the loaded graph.
"""

from __future__ import annotations

from functools import cache

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from umkm_kg.iris import kbli_iri, kbli_scheme_iri, region_iri
from umkm_kg.loading.values import ValueProblem
from umkm_kg.namespaces import INFRA, KIND, ROLE, UMKM

_CONCEPT_NAMESPACES = {"kind": KIND, "infra": INFRA, "role": ROLE}
_CLASS_CODELISTS = {"institution_type": UMKM.Institution, "sentra_tier": UMKM.Sentra}


@cache
def codelist(name: str) -> dict[str, URIRef]:
    """Allowed template keys of a code list and the IRI each one stands for."""
    from umkm_kg.ontology import ontology_graph

    graph = ontology_graph()
    if name in _CLASS_CODELISTS:
        top = _CLASS_CODELISTS[name]
        return {
            str(key): subject
            for subject, key in sorted(graph.subject_objects(UMKM.templateKey))
            if isinstance(subject, URIRef)
            and top in graph.transitive_objects(subject, RDFS.subClassOf)
        }
    namespace = str(_CONCEPT_NAMESPACES[name])
    concepts = {
        subject
        for subject in graph.subjects(RDF.type, SKOS.Concept)
        if isinstance(subject, URIRef) and str(subject).startswith(namespace)
    }
    if name == "kind":
        groups = {
            broader for concept in concepts for broader in graph.objects(concept, SKOS.broader)
        }
        concepts -= groups
    return {str(concept)[len(namespace) :]: concept for concept in sorted(concepts)}


def codelist_labels(name: str) -> dict[str, tuple[str, str]]:
    """Indonesian and English labels of each key of a code list (for the codebook)."""
    from umkm_kg.ontology import ontology_graph

    graph = ontology_graph()
    labels = {}
    for key, iri in codelist(name).items():
        by_lang = {
            label.language: str(label)
            for predicate in (SKOS.prefLabel, RDFS.label)
            for label in graph.objects(iri, predicate)
            if isinstance(label, Literal)
        }
        labels[key] = (by_lang.get("id", ""), by_lang.get("en", ""))
    return labels


def resolve_region(text: str) -> str:
    """The Kemendagri code of a region written as a code or a name; else :class:`ValueProblem`."""
    from umkm_kg.reference.lookup import lookup

    match = lookup(text)
    if match.status == "found":
        return match.regions[0].code
    if match.status == "ambiguous":
        names = "; ".join(f"{r.code} {r.name}" for r in match.regions[:6])
        raise ValueProblem(
            f"region '{text}' is ambiguous: {names}", "write the Kemendagri code instead"
        )
    raise ValueProblem(
        f"unknown region '{text}'",
        "write a Kemendagri 2025 code (e.g. 35.71 for Kota Kediri) or a region name "
        "(umkm-kg region NAME looks it up)",
    )


Triples = list[tuple[URIRef, URIRef, URIRef | Literal]]


def region_nodes(code: str) -> dict[URIRef, Triples]:
    """The region and the regions above it, each with notation, name and ``skos:broader``."""
    from umkm_kg.reference.regions import parents, region

    nodes: dict[URIRef, Triples] = {}
    found = region(code)
    chain = [found, *parents(code)] if found else []
    for node, parent in zip(chain, [*chain[1:], None], strict=True):
        iri = region_iri(node.code)
        triples = nodes[iri] = [
            (iri, RDF.type, SKOS.Concept),
            (iri, SKOS.notation, Literal(node.code)),
            (iri, SKOS.prefLabel, Literal(node.name, lang="id")),
        ]
        if parent:
            triples.append((iri, SKOS.broader, region_iri(parent.code)))
    return nodes


def check_kbli(version: str, code: str) -> None:
    """Refuse a KBLI code that does not exist in its version (when that version is known)."""
    from umkm_kg.reference.kbli import kbli

    try:
        entry = kbli(version, code)
    except Exception:  # KBLI 2025 without the user's copy: the pattern check must do
        return
    if entry is None:
        raise ValueProblem(
            f"KBLI {version} has no code '{code}'",
            "check the code in the KBLI table (5 digits, e.g. 13122) and its version",
        )


def kbli_nodes(version: str, code: str) -> dict[URIRef, Triples]:
    """The KBLI concept and the concepts above it (title, notation, scheme, ``skos:broader``)."""
    from umkm_kg.reference.kbli import kbli, kbli_ancestors

    scheme = kbli_scheme_iri(version)
    try:
        entry = kbli(version, code)
        chain = [entry, *kbli_ancestors(version, code)] if entry else []
    except Exception:  # version without reference data: derive the chain from the digits
        chain = []
    if not chain:
        codes = [code[:n] for n in range(len(code), 1, -1)]
        pairs = [(c, None) for c in codes]
    else:
        pairs = [(e.code, e.title) for e in chain]
    nodes: dict[URIRef, Triples] = {}
    for (node, title), parent in zip(pairs, [*pairs[1:], (None, None)], strict=True):
        iri = kbli_iri(version, node)
        triples = nodes[iri] = [
            (iri, RDF.type, SKOS.Concept),
            (iri, SKOS.notation, Literal(node)),
            (iri, SKOS.inScheme, scheme),
        ]
        if title:
            triples.append((iri, SKOS.prefLabel, Literal(title, lang="id")))
        if parent[0]:
            triples.append((iri, SKOS.broader, kbli_iri(version, parent[0])))
    return nodes
