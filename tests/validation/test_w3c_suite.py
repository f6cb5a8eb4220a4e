"""The fast engine against the W3C SHACL test suite: the expected report, or a refusal.

Never a wrong answer: for every test the fast engine either gives exactly the expected results
or raises UnsupportedShape naming the feature. pySHACL runs the same tests as a reference.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from rdflib import Graph
from w3c_suite import SUITE, outcome_keys, suite_tests

from umkm_kg.cli import main
from umkm_kg.validation.shacl import UnsupportedShape, validate_graphs

pytestmark = pytest.mark.skipif(
    not (SUITE / "manifest.ttl").is_file(),
    reason=f"the W3C SHACL test suite is not at {SUITE} (../shared/w3c-shacl-tests)",
)
TESTS = suite_tests() if (SUITE / "manifest.ttl").is_file() else []


def _verdict(test, engine: str) -> str:
    """passed, refused or wrong: how an engine did on one test of the suite."""
    try:
        outcome = validate_graphs(test.data, test.shapes, engine)
    except UnsupportedShape as error:
        assert str(error), "a refusal names the feature"
        return "passed" if test.conforms is None else "refused"
    except Exception:  # any other failure of the engine
        return "passed" if test.conforms is None else "wrong"
    if test.conforms is None:
        return "wrong"
    right = outcome.conforms == test.conforms and outcome_keys(outcome.results) == test.results
    return "passed" if right else "wrong"


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.name)
def test_fast_engine_gives_the_expected_report_or_refuses(test):
    assert _verdict(test, "fast") != "wrong"


def test_suite_counts_per_engine():
    """Both engines over the whole suite; the fast engine passes a floor and is never wrong."""
    counts = {engine: Counter(_verdict(t, engine) for t in TESTS) for engine in ("fast", "pyshacl")}
    print({engine: dict(c) for engine, c in counts.items()})
    assert len(TESTS) == 120
    assert counts["fast"]["wrong"] == 0
    assert counts["fast"]["passed"] >= 30
    assert counts["pyshacl"]["passed"] >= 115


def test_implicit_class_targets_are_validated_not_skipped():
    """A shape that is also an rdfs:Class targets its instances (was silently skipped)."""
    data = Graph().parse(
        format="turtle",
        data="""
        @prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:Person a rdfs:Class, sh:NodeShape ;
            sh:property [ sh:path ex:age ; sh:datatype xsd:integer ] .
        ex:ann a ex:Person ; ex:age "forty" .
        ex:bob a ex:Person ; ex:age 40 .
        """,
    )
    outcome = validate_graphs(data, data, "fast")
    assert not outcome.conforms
    assert {str(r.focus) for r in outcome.results} == {"http://example.org/ann"}


SHAPES = """
@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Firm ;
    sh:property [ sh:path ex:workers ; sh:datatype xsd:integer ; sh:minCount 1 ] .
"""


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_shacl_command_prints_a_report_and_exits_by_conformance(tmp_path, capsys, engine):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    prefix = "@prefix ex: <http://example.org/> .\n"
    good.write_text(prefix + "ex:a a ex:Firm ; ex:workers 3 .", encoding="utf-8")
    bad.write_text(prefix + 'ex:a a ex:Firm ; ex:workers "3" . ex:b a ex:Firm .', encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["shacl", str(good), "--shapes", str(shapes), "--engine", engine])
    assert done.value.code == 0
    assert "sh:conforms true" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["shacl", str(bad), "--shapes", str(shapes), "--engine", engine, "--format", "json"])
    assert done.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    assert {(r["focusNode"], r["sourceConstraintComponent"].rsplit("#")[-1])
            for r in report["results"]} == {
        ("http://example.org/a", "DatatypeConstraintComponent"),
        ("http://example.org/b", "MinCountConstraintComponent"),
    }


def test_shacl_command_refuses_an_unsupported_shape_with_exit_2(tmp_path, capsys):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.replace("sh:minCount 1", "sh:uniqueLang true"), encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/a> a <http://example.org/Firm> .", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["shacl", str(data), "--shapes", str(shapes)])
    assert done.value.code == 2
    assert "uniqueLang" in capsys.readouterr().err
