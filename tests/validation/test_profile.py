"""Application-profile shapes: the conforming fixture has no data errors; one near miss each
(``near_misses.py``), found by the fast engine here and by pySHACL in ``test_engines.py``."""

from __future__ import annotations

import pytest
from builders import SentraSpec, sentra_graph
from near_misses import NEAR_MISSES, listed_firm
from rdflib import RDF, XSD, Graph, Literal

from umkm_kg.namespaces import ID, ORG, ROV, UMKM
from umkm_kg.validation import validate


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


def test_listed_enterprise_conforms_with_kbli_sections_and_cooperation_without_sentra():
    graph = sentra_graph(SentraSpec())
    listed_firm(graph)
    assert validate(graph, engine="fast").data_errors == []


def test_listed_enterprise_near_miss_not_a_kbli_concept(near_miss_batch):
    """Fast engine here, pySHACL in the batch: only the activity shape reports the bad code."""
    graph = sentra_graph(SentraSpec())
    graph.add((listed_firm(graph), ROV.orgActivity, ID["kbli/2020/Z"]))
    shapes = {p.shape for p in validate(graph, engine="fast").data_errors}
    assert shapes == {"umkmsh:enterprise_activity"}
    reference = {p.shape for p in near_miss_batch.data_errors("listed_not_a_kbli")}
    assert reference == {"umkmsh:enterprise_activity"}


def test_surveyed_enterprise_with_two_kelompok_is_a_near_miss():
    graph = sentra_graph(SentraSpec())
    firm = next(graph.objects(None, ORG.hasMember))
    graph.add((firm, ROV.orgActivity, ID["kbli/2020/13121"]))
    shapes = {p.shape for p in validate(graph, engine="fast").data_errors}
    assert "umkmsh:EnterpriseKelompokProfile" in shapes


def test_dated_records_without_a_year_conform():
    """Where the source gives no year (the peak of 150 ATBM), the record has none: no error."""
    graph = sentra_graph(SentraSpec())
    graph.remove((None, UMKM.referenceYear, None))
    graph.remove((None, UMKM.referenceYearUntil, None))
    assert validate(graph, engine="fast").data_errors == []


def test_period_end_without_its_first_year_is_a_near_miss():
    graph = sentra_graph(SentraSpec())
    observation = next(graph.subjects(RDF.type, UMKM.Observation))
    graph.remove((observation, UMKM.referenceYear, None))
    shapes = {p.shape for p in validate(graph, engine="fast").data_errors}
    assert shapes == {"umkmsh:ReferencePeriodProfile"}


def test_a_period_of_one_year_conforms():
    graph = sentra_graph(SentraSpec())
    observation = next(graph.subjects(RDF.type, UMKM.Observation))
    graph.set((observation, UMKM.referenceYearUntil, Literal("1970", datatype=XSD.gYear)))
    assert validate(graph, engine="fast").data_errors == []
