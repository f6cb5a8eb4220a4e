"""Loading sources into RDF with declarative layouts (``loaders/*.toml``).

``load_source(path, mapping="template")`` streams a source through a layout into N-Triples;
``available_mappings()`` lists the layouts; ``write_template(directory)`` writes the blank,
documented data-entry template. Value parsing (``parse_money`` ...) is in
:mod:`umkm_kg.loading.values`.
"""

from umkm_kg.loading.engine import LoadResult, Rejection, SourceInfo, load_source
from umkm_kg.loading.layout import MappingInfo, available_mappings, get_layout
from umkm_kg.loading.template import write_template

__all__ = [
    "LoadResult",
    "MappingInfo",
    "Rejection",
    "SourceInfo",
    "available_mappings",
    "get_layout",
    "load_source",
    "write_template",
]
