"""The near miss of each application-profile shape: a mutation of the conforming fixture
(``builders.SentraSpec()``) that the shape must report, named by the shape it breaks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from builders import Member, SentraSpec, sentra_graph
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from umkm_kg.namespaces import ADMS, ID, INFRA, KIND, ORG, ROV, UMKM
from umkm_kg.validation import DataProblem, SentraVerdict, Validation, validate
from umkm_kg.validation.results import ShapeResult
from umkm_kg.validation.verdicts import build_validation

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


def _equipment(g: Graph) -> URIRef:
    return next(g.objects(_sentra(g), UMKM.hasEquipment))


def _observation(g: Graph) -> URIRef:
    return next(g.objects(_sentra(g), UMKM.observation))


def _year(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYear)


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
    "sentra_market_prospect": _set(
        _sentra, UMKM.marketProspect, Literal("permintaan seragam")
    ),  # no language tag
    "sentra_market_prospect_clear": _set(_sentra, UMKM.clearMarketProspect, Literal("ya")),
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
    "equipment_label": _drop(_equipment, RDFS.label),
    "equipment_quantity": _set(_equipment, UMKM.quantity, Literal("-1", datatype=XSD.integer)),
    "equipment_year": _set(_equipment, UMKM.referenceYear, Literal("1950")),  # text, not a year
    "equipment_year_until": _add(_equipment, UMKM.referenceYearUntil, Literal(1979)),
    "observation_measure": _drop(_observation, UMKM.measure),
    "observation_value": _set(_observation, UMKM.observedValue, _money("-3")),
    "observation_year": _add(_observation, UMKM.referenceYear, _year("1971")),  # a second year
    "observation_year_until": _set(
        _observation, UMKM.referenceYearUntil, Literal("1979-12-31", datatype=XSD.date)
    ),
    "ReferencePeriodProfile": _set(_observation, UMKM.referenceYearUntil, _year("1969")),
}


def listed_firm(g: Graph) -> URIRef:
    """A firm of a listing (no sentra): a KBLI section and the portal's combined [R,S], with a
    credit cooperation of its own."""
    key = g.value(_sentra(g), DCTERMS.identifier)
    firm = ID[f"enterprise/jatim-umkm-binaan/{key}"]
    g.add((firm, RDF.type, UMKM.Enterprise))
    g.add((firm, RDF.type, UMKM.ListedEnterprise))
    g.add((firm, ROV.orgActivity, ID["kbli/2020/R"]))
    g.add((firm, ROV.orgActivity, ID["kbli/2020/S"]))
    credit = URIRef(f"{firm}/cooperation/credit")
    g.add((credit, RDF.type, UMKM.Cooperation))
    g.add((credit, UMKM.cooperationKind, KIND.credit))
    g.add((credit, UMKM.participant, firm))
    return firm


def _listed_not_a_kbli(g: Graph) -> None:
    g.add((listed_firm(g), ROV.orgActivity, ID["kbli/2020/Z"]))


def _bad_data(g: Graph) -> None:
    """Five bad values at once, on a member and on the sentra."""
    firm, sentra = _firm(g), _sentra(g)
    g.add((firm, UMKM.netAssetsIDR, Literal("-5", datatype=XSD.decimal)))
    g.add((firm, UMKM.workers, Literal("-3", datatype=XSD.integer)))
    g.add((firm, UMKM.foundingYear, Literal("tahun lalu")))
    g.add((sentra, UMKM.locatedIn, BAD_REGION))
    g.add((sentra, UMKM.monthlyTurnoverIDR, Literal("abc")))


# Every fixture the engines are compared on: the conforming one, a listing, bad data, and the
# near miss of each profile shape.
FIXTURES: dict[str, Callable[[Graph], object] | None] = {
    "conforming": None,
    "listed": listed_firm,
    "listed_not_a_kbli": _listed_not_a_kbli,
    "bad_data": _bad_data,
    **NEAR_MISSES,
}


def fixture_graph(name: str) -> Graph:
    """The conforming sentra, with three members (the profile checks each record alike; fewer
    members keep pySHACL's run short), its key and name from ``name`` (every fixture's nodes are
    its own), and the fixture's mutation applied."""
    spec = SentraSpec(key=name, name=f"Sentra Uji {name}", members=[Member() for _ in range(3)])
    graph = sentra_graph(spec)
    mutate = FIXTURES[name]
    if mutate is not None:
        mutate(graph)
    return graph


@dataclass
class Batch:
    """Every fixture validated by pySHACL in one run over their union (disjoint subjects), read
    back per fixture by the focus nodes of the results."""

    graphs: dict[str, Graph]
    validation: Validation
    fixture_of: dict[Node, str]

    def results(self, name: str) -> list[ShapeResult]:
        """The results whose focus node belongs to fixture ``name``."""
        return [r for r in self.validation.results if self.fixture_of[r.focus] == name]

    def data_errors(self, name: str) -> list[DataProblem]:
        """The data problems of fixture ``name``, named as a run on it alone names them."""
        return build_validation(self.validation.source, self.results(name)).data_errors

    def sentra(self, name: str) -> list[SentraVerdict]:
        """The verdicts of the sentra of fixture ``name``."""
        return [s for s in self.validation.sentra if self.fixture_of[s.iri] == name]


def pyshacl_batch() -> Batch:
    """One pySHACL run over every fixture of ``FIXTURES`` (a run per fixture costs a second or
    more each)."""
    graphs = {name: fixture_graph(name) for name in FIXTURES}
    union = Graph()
    fixture_of: dict[Node, str] = {}
    for name, graph in graphs.items():
        for subject in set(graph.subjects()):
            assert subject not in fixture_of, f"{subject} is in {fixture_of[subject]} and {name}"
            fixture_of[subject] = name
        union += graph
    return Batch(graphs, validate(union, engine="pyshacl"), fixture_of)
