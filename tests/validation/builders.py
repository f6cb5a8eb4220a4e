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
from umkm_kg.namespaces import INFRA, KIND, ORG, ROLE, ROV, UMKM, bind_prefixes

INFRA_KINDS = ("electricity", "transport", "telecommunication", "clean_water")
# Figures inside one class under both UU 20/2008 (net assets, sales) and PP 7/2021 (capital,
# sales), away from every bound: the classifier's one writer links them (no test writes links).
SIZE_FIGURES = {
    "micro": {"byNetAssets": 20_000_000, "byCapital": 500_000_000, "byAnnualSales": 200_000_000},
    "small": {
        "byNetAssets": 200_000_000,
        "byCapital": 3_000_000_000,
        "byAnnualSales": 2_200_000_000,
    },
    "medium": {
        "byNetAssets": 5_000_000_000,
        "byCapital": 7_000_000_000,
        "byAnnualSales": 20_000_000_000,
    },
    "large": {
        "byNetAssets": 20_000_000_000,
        "byCapital": 20_000_000_000,
        "byAnnualSales": 100_000_000_000,
    },
}
FIGURE_OF = {
    "byNetAssets": UMKM.netAssetsIDR,
    "byCapital": UMKM.capitalIDR,
    "byAnnualSales": UMKM.annualSalesIDR,
}


@dataclass
class Member:
    """One member firm: its KBLI code (None: blank), size class (None: undetermined), turnover."""

    kbli: str | None = "13122"
    size: str | None = "small"
    turnover: int | Decimal | None = 20_000_000
    by: dict[str, str] = field(default_factory=dict)  # e.g. {"byNetAssets": "micro"} on conflict
    annual_sales: int | None = None
    kbli_version: int = 2020


def _size_figures(member: Member) -> dict:
    """Figures that classify ``member`` as its ``size`` (or its ``by`` classes, which
    disagree: ``byNetAssets`` also gives the capital of that class, PP 7/2021's counterpart);
    none when neither is given (size undetermined)."""
    if member.size is None and not member.by:
        return {}
    # a size class is given by assets and capital only: annual sales would also give the
    # member a turnover estimate (annual sales / 12) that the turnover cases must not get
    classes = dict(member.by) or dict.fromkeys(("byNetAssets", "byCapital"), member.size)
    if "byNetAssets" in classes:
        classes.setdefault("byCapital", classes["byNetAssets"])
    return {FIGURE_OF[key]: Decimal(SIZE_FIGURES[size][key]) for key, size in classes.items()}


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
    # dated history records: an equipment count of 1950 and a number of units of 1970-1979
    history: bool = True


INSTITUTION_CLASSES = {
    "bank": UMKM.Bank,
    "microfinance": UMKM.MicrofinanceInstitution,
    "university": UMKM.University,
    "other": UMKM.Institution,
    "local_government": UMKM.LocalGovernmentOffice,
    "central_bank": UMKM.CentralBank,
}


def sentra_graph(*specs: SentraSpec) -> Graph:
    """The RDF of the given sentra; members carry figures of their size class (validation
    classifies them, as it does any data)."""
    graph = Graph()
    bind_prefixes(graph)
    for spec in specs:
        _add_sentra(graph, spec)
    return graph


def _add_sentra(graph: Graph, spec: SentraSpec) -> URIRef:
    sentra = sentra_iri(spec.region, 2020, spec.kbli, spec.name)
    _add_sentra_node(graph, sentra, spec)
    _add_buyers(graph, sentra, spec)
    members = [_add_member(graph, sentra, spec, n, m) for n, m in enumerate(spec.members, 1)]
    _add_cooperation(graph, sentra, spec, members)
    if spec.history:
        _add_history(graph, sentra)
    for kind, adequate in spec.infrastructure.items():
        node = child_iri(sentra, "infrastructure", kind)
        graph.add((node, RDF.type, UMKM.Infrastructure))
        graph.add((node, UMKM.infrastructureOf, sentra))
        graph.add((node, UMKM.infrastructureKind, INFRA[kind]))
        if adequate is not None:
            graph.add((node, UMKM.adequate, Literal(adequate)))
    return sentra


def _add_sentra_node(graph: Graph, sentra: URIRef, spec: SentraSpec) -> None:
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


def _add_buyers(graph: Graph, sentra: URIRef, spec: SentraSpec) -> None:
    add = graph.add
    for number in range(spec.buyers):
        buyer = institution_iri(f"pembeli {number} {spec.key}", "35.71")
        membership = child_iri(sentra, "membership", f"buyer-{number}")
        add((buyer, RDF.type, UMKM.Institution))
        add((buyer, RDFS.label, Literal(f"Pembeli {number}", lang="id")))
        add((membership, RDF.type, ORG.Membership))
        add((membership, ORG.organization, sentra))
        add((membership, ORG.member, buyer))
        add((membership, ORG.role, ROLE.buyer))


def _add_member(
    graph: Graph, sentra: URIRef, spec: SentraSpec, number: int, member: Member
) -> URIRef:
    add = graph.add
    firm = enterprise_iri(None, str(sentra).split("/id/")[1], f"{spec.key}-E{number}")
    add((sentra, ORG.hasMember, firm))
    add((firm, RDF.type, UMKM.Enterprise))
    add((firm, RDFS.label, Literal(f"Penenun {number}", lang="id")))
    add((firm, DCTERMS.identifier, Literal(f"{spec.key}-E{number}")))
    if member.kbli:
        add((firm, ROV.orgActivity, kbli_iri(member.kbli_version, member.kbli)))
    if member.turnover is not None:
        add((firm, UMKM.monthlyTurnoverIDR, Literal(Decimal(member.turnover))))
    figures = _size_figures(member)
    if member.annual_sales is not None:
        figures[UMKM.annualSalesIDR] = Decimal(member.annual_sales)
    for prop, value in figures.items():
        add((firm, prop, Literal(value)))
    return firm


def _add_cooperation(graph: Graph, sentra: URIRef, spec: SentraSpec, members: list) -> None:
    add = graph.add
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


def _add_history(graph: Graph, sentra: URIRef) -> None:
    """A dated equipment count (7 ATBM in 1950) and a number of units over a period (50 weavers
    in 1970-1979), as the template's equipment and observations tables write them."""
    equipment = child_iri(sentra, "equipment", "atbm-1950")
    graph.add((sentra, UMKM.hasEquipment, equipment))
    graph.add((equipment, RDF.type, UMKM.Equipment))
    graph.add((equipment, RDFS.label, Literal("ATBM", lang="id")))
    graph.add((equipment, UMKM.quantity, Literal("7", datatype=XSD.nonNegativeInteger)))
    graph.add((equipment, UMKM.referenceYear, Literal("1950", datatype=XSD.gYear)))
    observation = child_iri(sentra, "observation", "unit-1970an")
    graph.add((sentra, UMKM.observation, observation))
    graph.add((observation, RDF.type, UMKM.Observation))
    graph.add((observation, UMKM.measure, UMKM.unitCount))
    graph.add((observation, UMKM.observedValue, Literal(Decimal(50))))
    graph.add((observation, UMKM.referenceYear, Literal("1970", datatype=XSD.gYear)))
    graph.add((observation, UMKM.referenceYearUntil, Literal("1979", datatype=XSD.gYear)))
