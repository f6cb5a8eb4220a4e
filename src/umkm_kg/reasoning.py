"""OWL 2 reasoning with HermiT through owlready2 0.49 (penalaran OWL).

owlready2 does not read Turtle, so the rdflib graph is written as RDF/XML to a temporary
folder and loaded into a fresh, in-memory ``owlready2.World``; HermiT then checks consistency,
classifies the classes and realises the individuals. HermiT is slow on many individuals (about
40 s for 1,000): use it for the ontology and for small boundary samples, not for real data.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from umkm_kg.errors import UmkmKgError

_OWL_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"
_OWL_THING = "http://www.w3.org/2002/07/owl#Thing"
_INDIVIDUAL_TYPES = {str(OWL.NamedIndividual), _OWL_THING}


@dataclass(frozen=True)
class ReasonerResult:
    """What HermiT concluded about a graph.

    ``unsatisfiable`` lists the named classes equivalent to owl:Nothing (sorted IRIs);
    ``inferred_types`` maps every named individual to all named classes it belongs to,
    asserted and inferred, including superclasses (owl:Thing left out). When the graph is
    inconsistent, ``consistent`` is False and the other fields are empty.
    """

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred_types: dict[str, set[str]] = field(default_factory=dict)


class ReasonerError(UmkmKgError):
    """The reasoner could not run (no Java, a HermiT crash, an unreadable graph)."""


def reason(graph: Graph) -> ReasonerResult:
    """Run HermiT on ``graph``: consistency, unsatisfiable classes and individuals' types."""
    world = owlready2.World()
    try:
        with tempfile.TemporaryDirectory(prefix="umkm-kg-reasoner-") as scratch:
            path = Path(scratch) / "graph.owl"
            declared, individuals = _with_named_individuals(graph)
            declared.serialize(destination=str(path), format="xml")
            world.get_ontology(path.as_uri()).load()
            try:
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return ReasonerResult(consistent=False)
            except owlready2.OwlReadyJavaError as error:
                raise ReasonerError(f"HermiT failed: {error}") from error
            except FileNotFoundError as error:
                raise ReasonerError(
                    f"Java not found ({owlready2.JAVA_EXE}); the reasoner needs Java 11 or newer"
                ) from error
            return ReasonerResult(
                consistent=True,
                unsatisfiable=_unsatisfiable(world),
                inferred_types=_types(world, individuals),
            )
    finally:
        world.close()


def _with_named_individuals(graph: Graph) -> tuple[Graph, set[str]]:
    """A copy of ``graph`` where every individual is declared owl:NamedIndividual (owlready2
    only lists individuals declared that way), and the IRIs of those individuals.

    An individual is an IRI whose types are all classes outside OWL/RDF/RDFS (or
    owl:NamedIndividual, owl:Thing), so classes, properties and the header stay what they are.
    """
    individuals: set[str] = set()
    for subject in set(graph.subjects(RDF.type)):
        if not isinstance(subject, URIRef):
            continue
        types = [str(cls) for cls in graph.objects(subject, RDF.type)]
        if all(t in _INDIVIDUAL_TYPES or not _builtin(t) for t in types):
            individuals.add(str(subject))
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    for iri in individuals:
        copy.add((URIRef(iri), RDF.type, OWL.NamedIndividual))
    return copy, individuals


def _builtin(iri: str) -> bool:
    return iri.startswith((str(OWL), str(RDF), str(RDFS)))


def _unsatisfiable(world: owlready2.World) -> list[str]:
    return sorted(
        cls.iri
        for cls in world.inconsistent_classes()
        if getattr(cls, "iri", None) and cls.iri != _OWL_NOTHING
    )


def _types(world: owlready2.World, individuals: set[str]) -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for iri in sorted(individuals):
        individual = world[iri]
        classes: set[str] = set()
        for cls in getattr(individual, "is_a", ()):
            if isinstance(cls, owlready2.ThingClass):
                classes.update(
                    ancestor.iri
                    for ancestor in cls.ancestors()
                    if isinstance(ancestor, owlready2.ThingClass)
                )
        classes.discard(_OWL_THING)
        types[iri] = classes
    return types
