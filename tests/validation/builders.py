"""Build small sentra graphs per docs/model.md for the validation tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from umkm_kg.iris import (
    child_iri,
    enterprise_iri,
    institution_iri,
    kbli_iri,
    region_iri,
    sentra_iri,
)
from umkm_kg.namespaces import INFRA, KIND, ORG, ROLE, ROV, SIZE, UMKM, bind_prefixes

INFRA_KINDS = ("electricity", "transport", "telecommunication", "clean_water")
RULE_SETS = {"uu_20_2008": UMKM.RuleSet_UU_20_2008, "pp_7_2021": UMKM.RuleSet_PP_7_2021}


@dataclass
class Member:
    """One member firm: its KBLI code (None: blank), size class (None: undetermined), turnover."""

    kbli: str | None = "13122"
    size: str | None = "small"
    turnover: int | Decimal | None = 20_000_000
    by: dict[str, str] = field(default_factory=dict)  # e.g. {"byNetAssets": "micro"} on conflict
    annual_sales: int | None = None
    kbli_version: int = 2020


@dataclass
class SentraSpec:
    """A sentra to build; defaults meet every criterion."""

    key: str = "S1"
    name: str = "Sentra Tenun Uji"
    region: str = "35.71.01.1002"
    kbli: str = "13122"
    as_of: str | None = "2024-06-30"
    members: list[Member] = field(default_factory=lambda: [Member() for _ in range(30)])
    reported_turnover: int | None = None
    cooperation: list[tuple[str, str | None]] = field(
        default_factory=lambda: [
            ("joint_production", None),
            ("investment_credit", "bank"),
            ("equipment_innovation", "university"),
            ("market_linkage", "local_government"),
        ]
    )
    infrastructure: dict[str, bool | None] = field(
        default_factory=lambda: dict.fromkeys(INFRA_KINDS, True)
    )
    market_reach: tuple[str, ...] = ("35.06",)
    clear_market_prospect: bool | None = True
    buyers: int = 0  # organisations playing role:buyer in the sentra
    # the data kinds the source gave (umkm:dataGiven); None: not recorded (RDF made elsewhere)
    data_given: tuple[str, ...] | None = None


INSTITUTION_CLASSES = {
    "bank": UMKM.Bank,
    "microfinance": UMKM.MicrofinanceInstitution,
    "university": UMKM.University,
    "other": UMKM.Institution,
    "local_government": UMKM.LocalGovernmentOffice,
    "central_bank": UMKM.CentralBank,
}


def sentra_graph(*specs: SentraSpec) -> Graph:
    """The RDF of the given sentra, with size assessments as the classifier would write them."""
    graph = Graph()
    bind_prefixes(graph)
    for spec in specs:
        _add_sentra(graph, spec)
    return graph


def _add_sentra(graph: Graph, spec: SentraSpec) -> URIRef:
    sentra = sentra_iri(spec.region, 2020, spec.kbli, spec.name)
    add = graph.add
    add((sentra, RDF.type, UMKM.Sentra))
    add((sentra, RDFS.label, Literal(spec.name, lang="id")))
    add((sentra, DCTERMS.identifier, Literal(spec.key)))
    add((sentra, UMKM.locatedIn, region_iri(spec.region)))
    add((sentra, ROV.orgActivity, kbli_iri(2020, spec.kbli)))
    if spec.as_of:
        add((sentra, UMKM.asOf, Literal(spec.as_of, datatype=XSD.date)))
    if spec.reported_turnover is not None:
        add((sentra, UMKM.monthlyTurnoverIDR, Literal(Decimal(spec.reported_turnover))))
    for region in spec.market_reach:
        add((sentra, UMKM.marketReach, region_iri(region)))
    if spec.clear_market_prospect is not None:
        add((sentra, UMKM.clearMarketProspect, Literal(spec.clear_market_prospect)))
        add((sentra, UMKM.marketProspect, Literal("permintaan seragam", lang="id")))
    for kind in spec.data_given or ():
        add((sentra, UMKM.dataGiven, UMKM[kind]))
    for number in range(spec.buyers):
        buyer = institution_iri(f"pembeli {number} {spec.key}", "35.71")
        membership = child_iri(sentra, "membership", f"buyer-{number}")
        add((buyer, RDF.type, UMKM.Institution))
        add((buyer, RDFS.label, Literal(f"Pembeli {number}", lang="id")))
        add((membership, RDF.type, ORG.Membership))
        add((membership, ORG.organization, sentra))
        add((membership, ORG.member, buyer))
        add((membership, ORG.role, ROLE.buyer))
    rule_set = RULE_SETS["pp_7_2021" if (spec.as_of or "") >= "2021-02-02" else "uu_20_2008"]
    members = []
    for number, member in enumerate(spec.members, start=1):
        firm = enterprise_iri(None, str(sentra).split("/id/")[1], f"{spec.key}-E{number}")
        members.append(firm)
        add((sentra, ORG.hasMember, firm))
        add((firm, RDF.type, UMKM.Enterprise))
        add((firm, RDFS.label, Literal(f"Penenun {number}", lang="id")))
        add((firm, DCTERMS.identifier, Literal(f"{spec.key}-E{number}")))
        if member.kbli:
            add((firm, ROV.orgActivity, kbli_iri(member.kbli_version, member.kbli)))
        if member.turnover is not None:
            add((firm, UMKM.monthlyTurnoverIDR, Literal(Decimal(member.turnover))))
        if member.annual_sales is not None:
            add((firm, UMKM.annualSalesIDR, Literal(Decimal(member.annual_sales))))
        key = next(k for k, v in RULE_SETS.items() if v == rule_set)
        assessment = child_iri(firm, "size", key)
        if spec.as_of:
            add((firm, UMKM.sizeAssessment, assessment))
            add((assessment, RDF.type, UMKM.SizeAssessment))
            add((assessment, UMKM.ruleSet, rule_set))
            if member.size:
                add((assessment, UMKM.sizeClass, SIZE[member.size]))
            for prop, value in member.by.items():
                add((assessment, UMKM[prop], SIZE[value]))
            if member.by:
                add((assessment, UMKM.criteriaConflict, Literal(True)))
    for number, (kind, partner_type) in enumerate(spec.cooperation, start=1):
        cooperation = child_iri(sentra, "cooperation", f"C{number}")
        add((cooperation, RDF.type, UMKM.Cooperation))
        add((cooperation, UMKM.inSentra, sentra))
        add((cooperation, UMKM.cooperationKind, KIND[kind]))
        if partner_type:
            partner = institution_iri(f"{partner_type} {spec.key}", "35.71")
            add((partner, RDF.type, INSTITUTION_CLASSES[partner_type]))
            add((partner, RDFS.label, Literal(f"{partner_type} {spec.key}", lang="id")))
            add((cooperation, UMKM.partner, partner))
        for firm in members[:3]:
            add((cooperation, UMKM.participant, firm))
    for kind, adequate in spec.infrastructure.items():
        node = child_iri(sentra, "infrastructure", kind)
        add((node, RDF.type, UMKM.Infrastructure))
        add((node, UMKM.infrastructureOf, sentra))
        add((node, UMKM.infrastructureKind, INFRA[kind]))
        if adequate is not None:
            add((node, UMKM.adequate, Literal(adequate)))
    return sentra
