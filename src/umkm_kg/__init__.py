"""umkm-kg: knowledge graph and OWL ontology of Indonesian UMKM sentra and clusters."""

__version__ = "0.3.2"


def __getattr__(name: str):  # lazy: importing umkm_kg stays light
    """``umkm_kg.open_store``: the embedded store or a remote endpoint (``umkm_kg.store``)."""
    if name == "open_store":
        from umkm_kg.store import open_store

        return open_store
    raise AttributeError(f"module 'umkm_kg' has no attribute {name!r}")
