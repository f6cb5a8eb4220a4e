"""The candidates as RDF, for their own named graph (``id:graph/candidate-sentra``).

Each candidate is a ``umkm:CandidateSentra`` (never a ``umkm:Sentra``: it is not what a Dinas
recorded) with its region, KBLI kelompok, verdict, IKM units, location quotient and members;
each member's activity candidate (matched words, score) is its evidence. PROV-O says which
source rows it was derived from, which rule made it (PP 29/2018 Pasal 1 angka 8, read from the
``sentra_minimum_units`` shape) and when.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from umkm_kg.activity.statements import MATCHER, SUFFIX
from umkm_kg.discovery.groups import Discovery, Group
from umkm_kg.iris import kbli_iri, slug
from umkm_kg.loading.vocabularies import region_nodes
from umkm_kg.namespaces import ID, SH_UMKM, UMKM, bind_prefixes

CANDIDATE_GRAPH = ID["graph/candidate-sentra"]
RULE = SH_UMKM.sentra_minimum_units


def candidate_iri(group: Group) -> URIRef:
    """``id:candidate-sentra/{region}/{version}-{kelompok}``: the same group, the same IRI."""
    return ID[f"candidate-sentra/{group.region}/{group.kbli_version}-{group.kbli}"]


def candidate_graph(
    found: Discovery,
    firm_iris: dict[str, URIRef],
    sources: Iterable[Path | str],
    made_at: datetime.datetime,
    every: bool = False,
) -> Graph:
    """The candidates of ``found`` with their evidence and provenance."""
    graph = Graph()
    bind_prefixes(graph)
    run = ID[f"discovery/{made_at.strftime('%Y%m%dT%H%M%S')}-{found.level}"]
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, PROV.startedAtTime, Literal(made_at, datatype=XSD.dateTime)))
    graph.add((run, PROV.used, RULE))
    graph.add((run, DCTERMS.source, Literal("PP 29/2018 Pasal 1 angka 8")))
    graph.add((run, DCTERMS.description, Literal(MATCHER)))
    for source in sources:
        graph.add((run, PROV.used, Literal(str(source))))
    regions: set[str] = set()
    for group in found.candidates(every):
        _add_candidate(graph, group, found, firm_iris, run=run, made_at=made_at)
        regions.add(group.region)
    lines = [line for code in sorted(regions) for n in region_nodes(code).values() for line in n]
    if lines:  # the regions with their names and broader regions, for the catalogue queries
        graph.parse(data="".join(lines), format="nt")
    return graph


def _add_candidate(graph, group, found, firm_iris, *, run, made_at) -> None:
    node = candidate_iri(group)
    graph.add((node, RDF.type, UMKM.CandidateSentra))
    graph.add((node, RDFS.label, Literal(f"{group.label} ({group.region})", lang="id")))
    graph.add((node, DCTERMS.identifier, Literal(group.id)))
    graph.add((node, UMKM.candidateRegion, ID[f"region/{group.region}"]))
    graph.add((node, UMKM.candidateActivity, kbli_iri(group.kbli_version, group.kbli)))
    graph.add((node, UMKM.candidateStatus, Literal(group.status)))
    units = XSD.nonNegativeInteger
    graph.add((node, UMKM.ikmUnitsMin, Literal(group.ikm_min, datatype=units)))
    graph.add((node, UMKM.ikmUnitsMax, Literal(group.ikm_max, datatype=units)))
    if group.lq is not None:
        graph.add((node, UMKM.locationQuotient, Literal(str(group.lq), datatype=XSD.decimal)))
    graph.add((node, PROV.wasGeneratedBy, run))
    graph.add((node, PROV.generatedAtTime, Literal(made_at, datatype=XSD.dateTime)))
    for member in group.members:
        firm = firm_iris.get(member.id) or ID[f"enterprise/listed/{slug(member.id)}"]
        graph.add((node, UMKM.candidateMember, firm))
        graph.add((node, PROV.wasDerivedFrom, firm))
        if member.words:
            evidence = URIRef(str(firm) + SUFFIX)
            graph.add((firm, UMKM.activityCandidate, evidence))
            graph.add((evidence, RDF.type, UMKM.ActivityCandidate))
            graph.add((evidence, UMKM.candidateActivity, kbli_iri("2020", group.kbli)))
            graph.add((evidence, UMKM.matchScore, Literal(str(member.score), datatype=XSD.decimal)))
            for word in member.words:
                graph.add((evidence, UMKM.matchedWord, Literal(word)))
    for duplicate, kept in group.merged:
        graph.add((node, RDFS.comment, Literal(f"{duplicate} = {kept} (duplikat / duplicate)")))
    if found.level:
        graph.add((node, DCTERMS.spatial, Literal(found.level)))
