"""Aggregate statistics tables (Open Data Jatim, BPS) as W3C RDF Data Cube observations."""

from umkm_kg.cube.convert import convert_table
from umkm_kg.cube.mapping import CubeMapping, cube_mappings, mapping_for, read_cube_mapping

__all__ = ["CubeMapping", "convert_table", "cube_mappings", "mapping_for", "read_cube_mapping"]
