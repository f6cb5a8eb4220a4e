"""Reference and vocabulary triples live once in a store, never copied into a source's graph.

Queries read the union of a store's graphs, and Oxigraph's union keeps a triple that two graphs
hold as two matches: a region that two sources both describe would answer every question about
it twice. So when a source is loaded, its triples about a *shared* subject leave the source's
graph: those a vocabulary graph already holds (the ontology's terms, the shapes, the size
outcomes) are dropped, and the rest (the regions' and KBLI concepts' nodes our loaders write,
or that an RDF file brings) go to one graph, ``id:graph/reference``, where a triple is held
once however many sources bring it. That graph only grows: reloading or dropping a source
leaves its region and KBLI nodes there, which answers nothing unless data point to them.

Shared subjects are recognised by their IRI: regions (``id:region``), KBLI (``id:kbli/``),
size outcomes (``id:size-outcome/``) and the terms of the ontology's namespaces (``umkm:``,
``kind:``, ``infra:``, ``role:``, ``size:``). Everything else is the source's own data.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox

from umkm_kg.namespaces import ID, INFRA, KIND, ROLE, SIZE, UMKM
from umkm_kg.store.terms import to_oxigraph

REFERENCE_GRAPH = ID["graph/reference"]
SHARED_PREFIXES = (
    f"{ID}region",
    f"{ID}kbli/",
    f"{ID}size-outcome/",
    str(UMKM),
    str(KIND),
    str(INFRA),
    str(ROLE),
    str(SIZE),
)
# The same, as the start of an N-Triples line ("<iri"), for our loaders' files.
SHARED_LINE_STARTS = tuple(f"<{prefix}".encode() for prefix in SHARED_PREFIXES)


def is_shared(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> bool:
    """Whether a triple with this subject is reference or vocabulary, not a source's data."""
    return isinstance(subject, ox.NamedNode) and subject.value.startswith(SHARED_PREFIXES)


@lru_cache(maxsize=1)
def vocabulary_triples() -> frozenset[ox.Triple]:
    """The triples of the vocabulary graphs (ontology, shapes, size outcomes) without blank
    nodes: a source's copy of one of them is dropped, not kept a second time."""
    from umkm_kg.store.provenance import vocabulary_graphs  # provenance reads the classifier

    triples = set()
    for graph in vocabulary_graphs().values():
        for s, p, o in graph:
            subject, obj = to_oxigraph(s), to_oxigraph(o)
            if not isinstance(subject, ox.BlankNode) and not isinstance(obj, ox.BlankNode):
                triples.add(ox.Triple(subject, to_oxigraph(p), obj))
    return frozenset(triples)


def split_shared(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Of a source's shared triples, those that go to the reference graph (the others are
    already held by a vocabulary graph)."""
    vocabulary = vocabulary_triples()
    return [triple for triple in dict.fromkeys(triples) if triple not in vocabulary]


def move_shared(store: ox.Store, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
    """Take a loaded source's shared triples out of its ``graph``: into the reference graph,
    or nowhere when a vocabulary graph holds them (see the module's docstring)."""
    shared = list(dict.fromkeys(triples))
    if not shared:
        return
    for triple in shared:
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    reference = ox.NamedNode(str(REFERENCE_GRAPH))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, reference) for t in split_shared(shared))
