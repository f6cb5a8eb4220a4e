"""PROV-O metadata of one source load, written into the source's own named graph."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, VOID, XSD

from umkm_kg.classify import outcome_graph
from umkm_kg.iris import slug
from umkm_kg.namespaces import ID, bind_prefixes
from umkm_kg.ontology import ontology_graph
from umkm_kg.reference.correspondence import correspondence_graph
from umkm_kg.resources import resource_dir

SPDX = "http://spdx.org/rdf/terms#"
ONTOLOGY_GRAPH = ID["graph/ontology"]
SHAPES_GRAPH = ID["graph/shapes"]
SIZE_OUTCOMES_GRAPH = ID["graph/size-outcomes"]
KBLI_CORRESPONDENCE_GRAPH = ID["graph/kbli-correspondence"]


def source_graph_iri(name: str) -> URIRef:
    """The named graph of a source: ``id:graph/{slug(name)}``."""
    return ID[f"graph/{slug(name)}"]


def assessment_graph_iri(name: str) -> URIRef:
    """The size assessments computed from one source: ``id:graph/size-assessments/{slug}``."""
    return ID[f"graph/size-assessments/{slug(name)}"]


@dataclass(frozen=True)
class SourceInfo:
    """What was loaded: the file, its checksum, the mapping and when."""

    path: Path
    sha256: str
    mapping: str
    started: dt.datetime
    ended: dt.datetime
    triples: int
    rows_loaded: int | None = None
    rows_rejected: int | None = None


def vocabulary_graphs() -> dict[URIRef, Graph]:
    """The graphs every store carries beside the data: the ontology and the SHACL shapes
    (queries read thresholds from them, e.g. the cluster prerequisites' minimum turnover),
    every size outcome, described once (the sources' assessment graphs link to them), and the
    KBLI 2025 <-> 2020 correspondence (the similarity criteria read it, on any server)."""
    shapes = Graph()
    bind_prefixes(shapes)
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return {
        ONTOLOGY_GRAPH: ontology_graph(),
        SHAPES_GRAPH: shapes,
        SIZE_OUTCOMES_GRAPH: outcome_graph(),
        KBLI_CORRESPONDENCE_GRAPH: correspondence_graph(),
    }


def source_file_iri(sha256: str) -> URIRef:
    """The loaded file, named by its content (RFC 6920 ``ni:`` name of its SHA-256): never by
    the analyst's path, which can hold a user name."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256)).decode("ascii").rstrip("=")
    return URIRef(f"ni:///sha-256;{digest}")


def provenance_graph(graph_iri: URIRef, info: SourceInfo) -> Graph:
    """Triples describing the load of ``info`` into ``graph_iri`` (PROV-O, SPDX checksum, VoID).

    The source file appears by its name (``dcterms:source``, ``spdx:fileName``) and its SHA-256;
    the folder it was loaded from is not recorded."""
    graph = Graph()
    bind_prefixes(graph)
    activity = URIRef(f"{graph_iri}/load")
    checksum = URIRef(f"{graph_iri}/checksum")
    file_iri = source_file_iri(info.sha256)
    graph.add((graph_iri, RDF.type, PROV.Entity))
    graph.add((graph_iri, RDF.type, VOID.Dataset))
    graph.add((graph_iri, PROV.wasDerivedFrom, file_iri))
    graph.add((graph_iri, PROV.wasGeneratedBy, activity))
    graph.add((graph_iri, DCTERMS.source, Literal(info.path.name)))
    graph.add((file_iri, RDF.type, PROV.Entity))
    graph.add((file_iri, URIRef(SPDX + "fileName"), Literal(info.path.name)))
    graph.add((graph_iri, VOID.triples, Literal(info.triples, datatype=XSD.integer)))
    graph.add((file_iri, URIRef(SPDX + "checksum"), checksum))
    graph.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
    graph.add((checksum, URIRef(SPDX + "checksumValue"), Literal(info.sha256)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, file_iri))
    graph.add((activity, PROV.startedAtTime, Literal(info.started, datatype=XSD.dateTime)))
    graph.add((activity, PROV.endedAtTime, Literal(info.ended, datatype=XSD.dateTime)))
    graph.add((activity, PROV.used, ID[f"mapping/{slug(info.mapping)}"]))
    graph.add((activity, PROV.generated, graph_iri))
    if info.rows_loaded is not None:
        rejected = info.rows_rejected or 0
        counts = {
            "id": f"{info.rows_loaded} baris dimuat, {rejected} ditolak",
            "en": f"{info.rows_loaded} rows loaded, {rejected} rejected",
        }
        for language, text in counts.items():
            graph.add((activity, RDFS.comment, Literal(text, lang=language)))
    return graph
