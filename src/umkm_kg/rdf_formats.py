"""The RDF file formats umkm-kg reads, by file extension: the one table every reader uses
(``convert``/``classify`` through rdflib, the stores and validation through pyoxigraph)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax: its name in messages, rdflib's parser name and pyoxigraph's format."""

    name: str
    rdflib: str
    oxigraph: ox.RdfFormat

    @property
    def quads(self) -> bool:
        """Whether the syntax holds named graphs (TriG, N-Quads)."""
        return self.oxigraph.supports_datasets


RDF_FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat("Turtle", "turtle", ox.RdfFormat.TURTLE),
    ".nt": RdfFormat("N-Triples", "nt", ox.RdfFormat.N_TRIPLES),
    ".nq": RdfFormat("N-Quads", "nquads", ox.RdfFormat.N_QUADS),
    ".trig": RdfFormat("TriG", "trig", ox.RdfFormat.TRIG),
    ".jsonld": RdfFormat("JSON-LD", "json-ld", ox.RdfFormat.JSON_LD),
    ".rdf": RdfFormat("RDF/XML", "xml", ox.RdfFormat.RDF_XML),
    ".owl": RdfFormat("RDF/XML", "xml", ox.RdfFormat.RDF_XML),
}


def rdf_format(path: Path) -> RdfFormat | None:
    """The format of a file named ``path`` by its extension (any case), or None."""
    return RDF_FORMATS.get(Path(path).suffix.lower())


def is_rdf_file(path: Path) -> bool:
    """Whether the path names an RDF file by its extension."""
    return rdf_format(path) is not None
