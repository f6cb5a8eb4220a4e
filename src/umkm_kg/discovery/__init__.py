"""Find the sentra hidden in firm listings: candidate Sentra IKM (PP 29/2018) with location
quotients, a pre-filled template for the officer, and the candidates as RDF (docs/discovery.md)."""

from umkm_kg.discovery.groups import LEVELS, Discovery, Group, Member, discover, minimum_units
from umkm_kg.discovery.listing import Firm, listing_date, read_firms

__all__ = [
    "LEVELS",
    "Discovery",
    "Firm",
    "Group",
    "Member",
    "discover",
    "listing_date",
    "minimum_units",
    "read_firms",
]
