"""Convert a source (template folder or workbook) to an RDF file: Turtle, N-Triples or JSON-LD."""

from __future__ import annotations

from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading.engine import LoadResult, load_source
from umkm_kg.output_files import atomic_path, check_output
from umkm_kg.progress import reporter

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
_EXTENSIONS = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld"}


def format_for(path: Path, rdf_format: str | None = None) -> str:
    """The output format: the one asked for, else the file's extension."""
    if rdf_format:
        if rdf_format not in FORMATS:
            raise UmkmKgError(f"unknown format '{rdf_format}': use one of {', '.join(FORMATS)}")
        return rdf_format
    found = _EXTENSIONS.get(path.suffix.lower())
    if not found:
        raise UmkmKgError(
            f"{path}: cannot tell the format from the extension; use .ttl, .nt or .jsonld "
            "or give --format"
        )
    return found


def convert(
    source: str | Path,
    output: str | Path,
    rdf_format: str | None = None,
    mapping: str | Path = "template",
) -> LoadResult:
    """Load ``source`` with a layout and write it to ``output``; nothing is written on error.

    N-Triples streams straight from the engine (any size); Turtle and JSON-LD go through an
    rdflib Graph (for data that fits in memory).
    """
    target = check_output(output)
    chosen = format_for(target, rdf_format)
    if chosen == "nt":
        return load_source(source, mapping, output=target)
    result = load_source(source, mapping)
    try:
        reporter().stage(f"write {target.name}", unit="")
        with atomic_path(target) as temporary:
            result.graph().serialize(temporary, format=FORMATS[chosen], encoding="utf-8")
    finally:
        result.close()
    return result
