"""What entity resolution compares: one record per sentra or enterprise of a source graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from rdflib import Graph, URIRef

from umkm_kg.namespaces import ID
from umkm_kg.progress import reporter

Kind = Literal["sentra", "enterprise"]
_REGION = str(ID) + "region/"
_KBLI = str(ID) + "kbli/"

_QUERY = """
PREFIX umkm: <https://w3id.org/umkm-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rov: <http://www.w3.org/ns/regorg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?name ?region ?activity ?property ?value WHERE {
  ?entity a ?class .
  OPTIONAL { ?entity rdfs:label ?name }
  OPTIONAL { { ?entity umkm:locatedIn ?region }
             UNION { ?sentra org:hasMember ?entity ; umkm:locatedIn ?region } }
  OPTIONAL { { ?entity rov:orgActivity ?activity }
             UNION { ?sentra2 org:hasMember ?entity ; rov:orgActivity ?activity } }
  OPTIONAL { VALUES ?property { umkm:workers umkm:annualSalesIDR umkm:monthlyTurnoverIDR
                                umkm:netAssetsIDR umkm:capitalIDR umkm:foundingYear }
             ?entity ?property ?value }
}
"""
_CLASS = {
    "sentra": URIRef("https://w3id.org/umkm-kg/ontology#Sentra"),
    "enterprise": URIRef("https://w3id.org/umkm-kg/ontology#Enterprise"),
}


@dataclass
class Record:
    """A sentra or enterprise as one source describes it."""

    iri: str
    name: str = ""
    region: str | None = None  # Kemendagri code, the most precise one given
    activity: tuple[str, str] | None = None  # (KBLI version, code)
    figures: dict[str, Decimal] = field(default_factory=dict)  # local name -> value
    source: str = ""


def region_code(iri: str) -> str | None:
    """``id:region/35.71`` -> ``35.71``."""
    return iri[len(_REGION) :] if iri.startswith(_REGION) else None


def kbli_code(iri: str) -> tuple[str, str] | None:
    """``id:kbli/2020/13122`` -> ``("2020", "13122")``."""
    if not iri.startswith(_KBLI):
        return None
    version, _, code = iri[len(_KBLI) :].partition("/")
    return (version, code) if code else None


def records(graph: Graph, kind: Kind, source: str = "") -> list[Record]:
    """Every sentra (or enterprise) of ``graph`` with its name, region, activity and figures.

    An enterprise without its own region or activity takes its sentra's. Where a source gives
    several regions, the most precise (longest code) wins; several activities, the finest.
    """
    reporter().stage(f"{kind} records of {source or 'the source'}", unit="")
    found: dict[str, Record] = {}
    for row in graph.query(_QUERY, initBindings={"class": _CLASS[kind]}):
        iri = str(row.entity)
        record = found.setdefault(iri, Record(iri, source=source))
        if row.name is not None and not record.name:
            record.name = str(row.name)
        code = region_code(str(row.region)) if row.region is not None else None
        if code and (record.region is None or len(code) > len(record.region)):
            record.region = code
        activity = kbli_code(str(row.activity)) if row.activity is not None else None
        if activity and (record.activity is None or len(activity[1]) > len(record.activity[1])):
            record.activity = activity
        if row.property is not None and row.value is not None:
            local = str(row.property).rsplit("#", 1)[-1]
            try:
                record.figures[local] = Decimal(str(row.value))
            except ArithmeticError:
                continue
    return sorted(found.values(), key=lambda r: r.iri)
