"""umkm-kg: knowledge graph and OWL ontology of Indonesian UMKM sentra and clusters."""

__version__ = "0.1.0"
