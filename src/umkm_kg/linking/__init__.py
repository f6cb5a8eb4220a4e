"""One graph across sources: entity resolution, SSSOM candidate tables, accepted links.

``records(graph, kind)`` reads sentra or enterprises of one source; ``candidate_links(a, b)``
scores pairs; ``write_sssom`` writes them for review; ``read_sssom`` + ``links_graph`` turn the
reviewed table into ``owl:sameAs`` triples for the links graph (``id:graph/links``).
"""

from umkm_kg.linking.matching import (
    ACCEPT_THRESHOLD,
    CANDIDATE_THRESHOLD,
    Candidate,
    candidate_links,
    score,
)
from umkm_kg.linking.records import Record, records
from umkm_kg.linking.sssom import (
    LINKS_GRAPH,
    MappingRow,
    accepted,
    links_graph,
    read_sssom,
    write_sssom,
)

__all__ = [
    "ACCEPT_THRESHOLD",
    "CANDIDATE_THRESHOLD",
    "LINKS_GRAPH",
    "Candidate",
    "MappingRow",
    "Record",
    "accepted",
    "candidate_links",
    "links_graph",
    "read_sssom",
    "records",
    "score",
    "write_sssom",
]
