"""CLI command modules; each registers its commands on ``umkm_kg.cli_app.app``."""
