"""Source layouts: the declarative mapping files in ``loaders/*.toml``, read and checked.

A layout says which tables (CSV files or workbook sheets) a source has, which columns each
table holds (names, aliases, types, required or optional), how the values become RDF
(properties, IRI templates, language tags, child nodes) and what to do with bad rows
(``policy``). ``loaders/README.md`` documents the format; this module only reads it.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading.layout_model import (
    ALSO_WITHIN,
    BAD_OPTIONAL_CELLS,
    CODELISTS,
    POLICIES,
    TYPES,
    VOCABULARIES,
    Column,
    Constant,
    FixedNode,
    Given,
    Layout,
    MappingInfo,
    Node,
    Part,
    Table,
    Text,
    header_key,
)
from umkm_kg.loading.layout_toml import parse_layout
from umkm_kg.resources import resource_dir

__all__ = [
    "ALSO_WITHIN",
    "BAD_OPTIONAL_CELLS",
    "CODELISTS",
    "POLICIES",
    "TYPES",
    "VOCABULARIES",
    "Column",
    "Constant",
    "FixedNode",
    "Given",
    "Layout",
    "MappingInfo",
    "Node",
    "Part",
    "Table",
    "Text",
    "available_mappings",
    "get_layout",
    "header_key",
    "read_layout",
]


def available_mappings() -> list[MappingInfo]:
    """Every layout in ``loaders/``: name (file name without ``.toml``) and description."""
    infos = []
    for path in sorted(resource_dir("loaders").glob("*.toml")):
        layout = read_layout(path)
        infos.append(MappingInfo(layout.name, layout.title, layout.description, path))
    return infos


def get_layout(mapping: str | Path) -> Layout:
    """The layout called ``mapping`` in ``loaders/``, or read from a ``.toml`` path."""
    if isinstance(mapping, Path) or str(mapping).endswith(".toml"):
        return read_layout(Path(mapping))
    path = resource_dir("loaders") / f"{mapping}.toml"
    if not path.is_file():
        names = ", ".join(info.name for info in available_mappings()) or "none"
        raise UmkmKgError(f"unknown mapping '{mapping}'; available: {names}")
    return read_layout(path)


@lru_cache(maxsize=16)
def _read_cached(path: Path, mtime: float) -> Layout:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UmkmKgError(f"{path}: cannot read the mapping file: {error}") from error
    try:
        return parse_layout(path, data)
    except (KeyError, TypeError, ValueError) as error:
        raise UmkmKgError(f"{path}: invalid mapping: {error}") from error


def read_layout(path: Path) -> Layout:
    """Read and check one mapping file; a mistake in it is a :class:`UmkmKgError`."""
    path = Path(path).resolve()
    if not path.is_file():
        raise UmkmKgError(f"{path}: mapping file not found")
    return _read_cached(path, path.stat().st_mtime)
