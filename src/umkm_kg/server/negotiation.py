"""Content negotiation of SPARQL results: the ``Accept`` header, or a ``format`` parameter."""

from __future__ import annotations

import pyoxigraph as ox

# media type -> format, the first of each table is the default
SOLUTION_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.N3,
    "text/rdf+n3": ox.RdfFormat.N3,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# the short names of the ``format`` (or ``output``) parameter
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n3": "text/n3",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


def _preferences(accept: str) -> list[str]:
    """The media types of an ``Accept`` header, most wanted first (q=0 left out)."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose(table: dict, accept: str | None, format_parameter: str | None) -> str | None:
    """The media type of ``table`` to answer with, or None when nothing acceptable is there."""
    if format_parameter:
        wanted = SHORT_NAMES.get(format_parameter.lower(), format_parameter.lower())
        if wanted in table:
            return wanted
    if not accept:
        return next(iter(table))
    for media in _preferences(accept):
        if media in table:
            return media
        if media == "*/*":
            return next(iter(table))
        if media.endswith("/*"):
            family = media[:-1]
            for candidate in table:
                if candidate.startswith(family):
                    return candidate
    return None
