"""Application-profile shapes: the conforming fixture has no data errors; one near miss each."""

from __future__ import annotations

import pytest
from builders import SentraSpec, sentra_graph
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from umkm_kg.namespaces import ADMS, ID, INFRA, KIND, ORG, ROV, UMKM
from umkm_kg.validation import validate

BAD_REGION = ID["region/35.7"]


def _sentra(g: Graph) -> URIRef:
    return next(g.subjects(RDF.type, UMKM.Sentra))


def _firm(g: Graph) -> URIRef:
    return next(g.objects(_sentra(g), ORG.hasMember))


def _cooperation(g: Graph) -> URIRef:
    return next(g.subjects(UMKM.partner, None))


def _partner(g: Graph) -> URIRef:
    return next(g.objects(_cooperation(g), UMKM.partner))


def _infrastructure(g: Graph) -> URIRef:
    return next(g.subjects(UMKM.infrastructureOf, None))


def _set(subject, prop, value):
    def mutate(g: Graph) -> None:
        g.set((subject(g), prop, value))

    return mutate


def _add(subject, prop, value):
    def mutate(g: Graph) -> None:
        g.add((subject(g), prop, value))

    return mutate


def _drop(subject, prop):
    def mutate(g: Graph) -> None:
        g.remove((subject(g), prop, None))

    return mutate


def _bad_nib(g: Graph) -> None:
    node = URIRef(f"{_firm(g)}/identifier/nib")
    g.add((_firm(g), ADMS.identifier, node))
    g.add((node, RDF.type, ADMS.Identifier))
    g.add((node, DCTERMS.type, UMKM.NIB))
    g.add((node, SKOS.notation, Literal("12345")))


def _drop_actors(g: Graph) -> None:
    """A cooperation of no sentra and no enterprise (beside the fixture's own)."""
    cooperation = URIRef(f"{_sentra(g)}/cooperation/nobody")
    g.add((cooperation, RDF.type, UMKM.Cooperation))
    g.add((cooperation, UMKM.cooperationKind, KIND.training))


def _money(value: str) -> Literal:
    return Literal(value, datatype=XSD.decimal)


NEAR_MISSES = {
    "sentra_label": _drop(_sentra, RDFS.label),
    "sentra_region": _set(_sentra, UMKM.locatedIn, BAD_REGION),
    "sentra_activity": _drop(_sentra, ROV.orgActivity),
    "sentra_as_of": _drop(_sentra, UMKM.asOf),
    "sentra_founding_year": _add(_sentra, UMKM.foundingYear, Literal("tahun 1946")),
    "sentra_turnover": _add(_sentra, UMKM.monthlyTurnoverIDR, _money("-1")),
    "sentra_market_reach": _add(_sentra, UMKM.marketReach, Literal("Kediri")),
    "enterprise_activity": _set(_firm, ROV.orgActivity, ID["kbli/2020/13X"]),
    "EnterpriseKelompokProfile": _add(_firm, ROV.orgActivity, ID["kbli/2020/C"]),
    "enterprise_workers": _add(_firm, UMKM.workers, Literal("-1", datatype=XSD.integer)),
    "enterprise_net_assets": _add(_firm, UMKM.netAssetsIDR, _money("-1")),
    "enterprise_capital": _add(_firm, UMKM.capitalIDR, _money("-1")),
    "enterprise_annual_sales": _add(_firm, UMKM.annualSalesIDR, _money("-1")),
    "enterprise_turnover": _set(_firm, UMKM.monthlyTurnoverIDR, _money("-1")),
    "enterprise_founding_year": _add(_firm, UMKM.foundingYear, Literal(1990)),
    "enterprise_identifier": _add(_firm, ADMS.identifier, Literal("9120000000001")),
    "institution_label": _drop(_partner, RDFS.label),
    "institution_region": _add(_partner, UMKM.locatedIn, BAD_REGION),
    "cooperation_sentra": _add(_cooperation, UMKM.inSentra, ID["sentra/lain"]),
    "CooperationActorProfile": _drop_actors,
    "cooperation_kind": _set(_cooperation, UMKM.cooperationKind, KIND.not_a_kind),
    "cooperation_partner": _add(_cooperation, UMKM.partner, ID["institution/lain"]),
    "cooperation_participant": _add(_cooperation, UMKM.participant, ID["institution/lain"]),
    "cooperation_year": _add(_cooperation, UMKM.year, Literal(2020)),
    "cooperation_amount": _add(_cooperation, UMKM.amountIDR, _money("-5")),
    "cooperation_interest": _add(_cooperation, UMKM.interestRatePercent, _money("150")),
    "infrastructure_sentra": _drop(_infrastructure, UMKM.infrastructureOf),
    "infrastructure_kind": _set(_infrastructure, UMKM.infrastructureKind, INFRA.gas),
    "infrastructure_adequate": _set(_infrastructure, UMKM.adequate, Literal("ya")),
    "NibProfile": _bad_nib,
}


def test_conforming_fixture_has_no_data_errors():
    assert validate(sentra_graph(SentraSpec()), engine="fast").data_errors == []


@pytest.mark.parametrize("shape", sorted(NEAR_MISSES))
def test_near_miss(shape):
    graph = sentra_graph(SentraSpec())
    NEAR_MISSES[shape](graph)
    problems = validate(graph, engine="fast").data_errors
    assert f"umkmsh:{shape}" in {p.shape for p in problems}
    problem = next(p for p in problems if p.shape == f"umkmsh:{shape}")
    assert problem.message["id"] and problem.message["en"]
    assert problem.message["id"] != problem.message["en"]


def test_every_profile_shape_has_a_near_miss():
    from rdflib.namespace import SH

    from umkm_kg.resources import resource_path

    shapes = Graph().parse(resource_path("shapes", "profile.ttl"))
    named = {str(s).rsplit("#", 1)[1] for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    named |= {str(s).rsplit("#", 1)[1] for s in shapes.subjects(SH.sparql, None)}
    assert named == set(NEAR_MISSES)


def _listed(g: Graph) -> URIRef:
    """A firm of a listing (no sentra): a KBLI section and the portal's combined [R,S]."""
    firm = ID["enterprise/jatim-umkm-binaan/1"]
    g.add((firm, RDF.type, UMKM.Enterprise))
    g.add((firm, RDF.type, UMKM.ListedEnterprise))
    g.add((firm, ROV.orgActivity, ID["kbli/2020/R"]))
    g.add((firm, ROV.orgActivity, ID["kbli/2020/S"]))
    credit = URIRef(f"{firm}/cooperation/credit")
    g.add((credit, RDF.type, UMKM.Cooperation))
    g.add((credit, UMKM.cooperationKind, KIND.credit))
    g.add((credit, UMKM.participant, firm))
    return firm


def test_listed_enterprise_conforms_with_kbli_sections_and_cooperation_without_sentra():
    graph = sentra_graph(SentraSpec())
    _listed(graph)
    assert validate(graph, engine="fast").data_errors == []


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_listed_enterprise_near_miss_not_a_kbli_concept(engine):
    graph = sentra_graph(SentraSpec())
    firm = _listed(graph)
    graph.add((firm, ROV.orgActivity, ID["kbli/2020/Z"]))
    shapes = {p.shape for p in validate(graph, engine=engine).data_errors}
    assert shapes == {"umkmsh:enterprise_activity"}


def test_surveyed_enterprise_with_two_kelompok_is_a_near_miss():
    graph = sentra_graph(SentraSpec())
    graph.add((_firm(graph), ROV.orgActivity, ID["kbli/2020/13121"]))
    shapes = {p.shape for p in validate(graph, engine="fast").data_errors}
    assert "umkmsh:EnterpriseKelompokProfile" in shapes
