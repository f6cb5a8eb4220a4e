"""Deterministic IRIs for data: the same input always gives the same IRI (docs/model.md)."""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from umkm_kg.namespaces import ID

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Sentra Tenun Ikat (Kediri)' -> 'sentra-tenun-ikat-kediri'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "x"


def region_iri(code: str) -> URIRef:
    """Kemendagri region by its dotted code, e.g. ``35.71.01.1002``."""
    return ID[f"region/{code}"]


def kbli_iri(version: str | int, code: str) -> URIRef:
    """KBLI concept, version-qualified: ``kbli/2020/13122`` (codes are reused across versions)."""
    return ID[f"kbli/{version}/{code}"]


def kbli_scheme_iri(version: str | int) -> URIRef:
    """The KBLI concept scheme of one version."""
    return ID[f"kbli/{version}"]


def sentra_iri(region_code: str, kbli_version: str | int, kbli: str, name: str) -> URIRef:
    """Sentra by region + activity + name."""
    return ID[f"sentra/{region_code}/{kbli_version}-{kbli}/{slug(name)}"]


def enterprise_iri(nib: str | None, scope: str, local_id: str) -> URIRef:
    """Enterprise by NIB when it has one, else by the source's scope and its local id."""
    if nib:
        return ID[f"enterprise/nib/{nib}"]
    return ID[f"enterprise/{slug(scope)}/{slug(local_id)}"]


def institution_iri(name: str, region_code: str | None = None) -> URIRef:
    """Institution by name (and region, where one is given): one node across sentra."""
    suffix = f"{region_code}/{slug(name)}" if region_code else slug(name)
    return ID[f"institution/{suffix}"]


def child_iri(parent: URIRef, kind: str, local_id: str) -> URIRef:
    """A node that belongs to another one: cooperation, infrastructure, assessment, ..."""
    return URIRef(f"{parent}/{kind}/{slug(local_id)}")
