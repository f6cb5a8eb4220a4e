"""Locate the declarative artefacts (ontology, shapes, loaders, queries, examples, reference).

In a wheel they ship inside the package as ``umkm_kg/data/<name>``; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_ARTEFACTS = ("ontology", "shapes", "loaders", "queries", "examples", "reference")


def resource_dir(name: str) -> Path:
    """Return the folder of artefact ``name`` (one of ontology, shapes, loaders, ...)."""
    if name not in _ARTEFACTS:
        raise ValueError(f"unknown artefact folder {name!r}; expected one of {_ARTEFACTS}")
    installed = _PACKAGE_DIR / "data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"artefact folder {name!r} not found in {installed} or {checkout}")


def resource_path(name: str, *parts: str) -> Path:
    """Return a file inside an artefact folder, e.g. ``resource_path("ontology", "umkm.ttl")``."""
    return resource_dir(name).joinpath(*parts)
