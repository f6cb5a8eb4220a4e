"""Reference data shipped with umkm-kg: Kemendagri regions, KBLI, and region name lookup.

Everything is read lazily from the compressed files in ``reference/`` on first use; importing
this package does no work. ``python -m umkm_kg.reference.build`` rebuilds those files.
"""

from umkm_kg.reference.kbli import KbliEntry, kbli, kbli_ancestors, kbli_entries, use_kbli2025
from umkm_kg.reference.lookup import RegionMatch, lookup
from umkm_kg.reference.names import name_key, split_bracket_code, split_type_word
from umkm_kg.reference.regions import (
    CodeChange,
    Region,
    all_regions,
    by_bps,
    children,
    code_changes,
    normalise_code,
    parents,
    region,
    successor,
)

__all__ = [
    "CodeChange",
    "KbliEntry",
    "Region",
    "RegionMatch",
    "all_regions",
    "by_bps",
    "children",
    "code_changes",
    "kbli",
    "kbli_ancestors",
    "kbli_entries",
    "lookup",
    "name_key",
    "normalise_code",
    "parents",
    "region",
    "split_bracket_code",
    "split_type_word",
    "successor",
    "use_kbli2025",
]
