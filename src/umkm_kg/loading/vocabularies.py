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

from collections.abc import Iterable
from functools import cache, lru_cache

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from umkm_kg.errors import UmkmKgError, excerpt
from umkm_kg.iris import kbli_iri, kbli_scheme_iri, region_iri
from umkm_kg.loading import ntriples as nt
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


def resolve_region(text: str, within: str | None = None, level: int | None = None) -> str:
    """The Kemendagri code of a region written as a code or a name (inside region ``within``,
    at ``level`` when given); else :class:`ValueProblem`. Memoised: sources repeat names."""
    code, problem = _resolved(text, within, level)
    if problem:
        raise ValueProblem(*problem)
    return code


@lru_cache(maxsize=1 << 16)
def _resolved(
    text: str, within: str | None, level: int | None
) -> tuple[str, tuple[str, str | None] | None]:
    try:
        return _resolve_region(text, within, level), None
    except ValueProblem as problem:
        return "", (problem.reason, problem.hint)


def _resolve_region(text: str, within: str | None, level: int | None) -> str:
    from umkm_kg.reference.lookup import lookup
    from umkm_kg.reference.regions import region

    match = lookup(text, within=within, level=level)
    if match.status == "found":
        return match.regions[0].code
    if match.status == "ambiguous":
        names = "; ".join(f"{r.code} {r.name}" for r in match.regions[:6])
        raise ValueProblem(
            f"region '{excerpt(text)}' is ambiguous: {names}", "write the Kemendagri code instead"
        )
    inside = region(within) if within else None
    where = f" in {inside.name} ({inside.code})" if inside else ""
    elsewhere = lookup(text, within=within[:2], level=level) if within and inside else None
    if elsewhere and elsewhere.status != "not_found":
        found = "; ".join(f"{r.code} {r.name}" for r in elsewhere.regions[:4])
        hint = f"it is in another kabupaten/kota: {found}; check the source"
    else:
        hint = (
            "write a Kemendagri 2025 code (e.g. 35.71 for Kota Kediri) or a region name "
            "(umkm-kg region NAME looks it up)"
        )
    raise ValueProblem(f"unknown region '{excerpt(text)}'{where}", hint)


Lines = list[str]


def _by_node(lines: Iterable[str], scheme: str, node: str) -> dict[str, Lines]:
    """Split a node's N-Triples lines from its scheme's lines (written once per load)."""
    nodes: dict[str, Lines] = {scheme: [], node: []}
    prefix = f"<{scheme}> "
    for line in lines:
        nodes[scheme if line.startswith(prefix) else node].append(line)
    return nodes


def region_nodes(code: str) -> dict[str, Lines]:
    """N-Triples of the region and the regions above it (as the reference data writes them).

    Empty when the code is not in the Kemendagri 2025 list.
    """
    from umkm_kg.reference.regions import parents, region
    from umkm_kg.reference.skos import REGION_SCHEME, region_lines

    found = region(code)
    if found is None:
        return {}
    nodes: dict[str, Lines] = {}
    for node in [found, *parents(code)]:
        lines = region_lines([node])
        for iri, node_lines in _by_node(
            lines, str(REGION_SCHEME), str(region_iri(node.code))
        ).items():
            nodes.setdefault(iri, node_lines)
    return nodes


def check_kbli(version: str, code: str) -> None:
    """Refuse a KBLI code that does not exist in its version (when that version is known)."""
    from umkm_kg.reference.kbli import kbli

    try:
        entry = kbli(version, code)
    except UmkmKgError:  # KBLI 2025 without the user's copy: the pattern check must do
        return
    if entry is None:
        raise ValueProblem(
            f"KBLI {version} has no code '{code}'",
            "check the code in the KBLI table (5 digits, e.g. 13122) and its version",
        )


def kbli_nodes(version: str, code: str) -> dict[str, Lines]:
    """N-Triples of the KBLI concept and the concepts above it, up to its section.

    From the reference data when the version is available; otherwise (KBLI 2025 without the
    user's copy) the concept and the broader codes its digits imply, without titles.
    """
    from umkm_kg.reference.kbli import kbli, kbli_ancestors
    from umkm_kg.reference.skos import kbli_lines

    scheme = str(kbli_scheme_iri(version))
    try:
        entry = kbli(version, code)
        chain = [entry, *kbli_ancestors(version, code)] if entry else []
    except UmkmKgError:
        chain = []
    nodes: dict[str, Lines] = {}
    if chain:
        for node in chain:
            lines = kbli_lines(version, [node])
            for iri, node_lines in _by_node(
                lines, scheme, str(kbli_iri(version, node.code))
            ).items():
                nodes.setdefault(iri, node_lines)
        return nodes
    codes = [code[:n] for n in range(len(code), 1, -1)]
    for node, parent in zip(codes, [*codes[1:], None], strict=True):
        iri = nt.iri(str(kbli_iri(version, node)))
        lines = [
            f"{iri} {nt.iri(str(RDF.type))} {nt.iri(str(SKOS.Concept))} .\n",
            f"{iri} {nt.iri(str(SKOS.notation))} {nt.literal(node)} .\n",
            f"{iri} {nt.iri(str(SKOS.inScheme))} {nt.iri(scheme)} .\n",
        ]
        if parent:
            lines.append(
                f"{iri} {nt.iri(str(SKOS.broader))} {nt.iri(str(kbli_iri(version, parent)))} .\n"
            )
        nodes[str(kbli_iri(version, node))] = lines
    return nodes
