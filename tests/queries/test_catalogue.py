"""The catalogue's headers: bilingual titles and descriptions, typed parameters, clear errors."""

from __future__ import annotations

import re

import pytest

from umkm_kg.catalogue import PARAMETER_TYPES, get_query, load_catalogue, parse_query_file
from umkm_kg.errors import UmkmKgError

CATALOGUE = load_catalogue()


def test_the_catalogue_answers_the_fifteen_questions():
    assert len(CATALOGUE) >= 15


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_header_is_bilingual_and_parameters_are_projected(name):
    query = CATALOGUE[name]
    assert set(query.title) == set(query.description) == {"id", "en"}
    assert all(query.title.values()) and all(query.description.values())
    assert query.title["id"] != query.title["en"]
    projection = query.text[query.text.index("SELECT") : query.text.index("WHERE")]
    for parameter in query.parameters:
        assert parameter.type in PARAMETER_TYPES
        assert parameter.description
        # pyoxigraph substitutes only projected variables: every parameter is in the SELECT
        assert re.search(rf"\?{parameter.name}\b", projection), parameter.name


@pytest.mark.parametrize(
    ("name", "parameter"),
    [(q.name, p.name) for q in CATALOGUE.values() for p in q.parameters],
)
def test_every_parameter_is_described_in_both_languages(name, parameter):
    found = next(p for p in CATALOGUE[name].parameters if p.name == parameter)
    assert found.describe("en") == found.description and found.description
    assert found.describe("id") == found.description_id and found.description_id
    assert found.description_id != found.description


def test_indonesian_description_of_an_unknown_parameter_is_an_error(tmp_path):
    path = tmp_path / "stray.rq"
    path.write_text(
        "# title@id: a\n# title@en: b\n# description@id: c\n# description@en: d\n"
        "# param: year integer -- a year\n# param@id: yaer -- tahun\nSELECT ?year WHERE { }\n",
        encoding="utf-8",
    )
    with pytest.raises(UmkmKgError, match=r"stray\.rq, line 6: malformed Indonesian description"):
        parse_query_file(path)


def test_missing_header_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "bare.rq"
    path.write_text("# title@en: Only English\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(UmkmKgError, match=r"bare\.rq: query header lacks title@id"):
        parse_query_file(path)


def test_malformed_parameter_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text(
        "# title@id: a\n# title@en: b\n# description@id: c\n# description@en: d\n"
        "# param: sentra colour -- no such type\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(UmkmKgError, match=r"bad\.rq, line 5: malformed parameter"):
        parse_query_file(path)


def test_bad_default_fails_when_the_catalogue_is_read(tmp_path):
    path = tmp_path / "bad_default.rq"
    path.write_text(
        "# title@id: a\n# title@en: b\n# description@id: c\n# description@en: d\n"
        "# param: year integer = soon -- a year\nSELECT ?year WHERE { }\n",
        encoding="utf-8",
    )
    with pytest.raises(UmkmKgError, match="parameter 'year' expects integer"):
        parse_query_file(path)


def test_unknown_query_name_says_how_to_list_them():
    with pytest.raises(UmkmKgError, match="umkm-kg queries"):
        get_query("no-such-question")


def test_iri_parameters_take_prefixed_names_and_full_iris():
    parameter = next(p for p in CATALOGUE["cooperation-intensity"].parameters if p.name == "region")
    assert str(parameter.to_term("id:region/35")) == "https://w3id.org/umkm-kg/id/region/35"
    assert str(parameter.to_term("<https://example.org/r>")) == "https://example.org/r"


def test_rule_set_defaults_resolve_to_the_law_in_force_on_the_day():
    import datetime

    from umkm_kg.catalogue import resolve_default

    assert resolve_default("@in_force", datetime.date(2021, 2, 2)) == "pp_7_2021"
    assert resolve_default("@preceding", datetime.date(2021, 2, 2)) == "uu_20_2008"
    assert resolve_default("@in_force", datetime.date(2021, 2, 1)) == "uu_20_2008"
    assert resolve_default("@preceding", datetime.date(2010, 1, 1)) == "uu_9_1995"
    assert resolve_default("pp_7_2021") == "pp_7_2021"


def test_no_catalogue_query_names_a_rule_set_in_its_defaults():
    """A new law changes no query: rule-set defaults are resolved, not written in."""
    from umkm_kg.classify.rules import rule_set_in_force

    today = rule_set_in_force(__import__("datetime").date.today())
    for query in load_catalogue().values():
        for parameter in query.parameters:
            assert parameter.default != today.key, (query.name, parameter.name)
        bound = query.bindings()
        if "rule_set" in bound and query.name == "size-structure":
            assert str(bound["rule_set"]) == today.key


def test_every_catalogue_query_has_a_test_with_expected_rows():
    """A meta-test: a new .rq fails here until some test asks it and checks its rows."""
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    calls: dict[str, set[str]] = {}
    for path in tests.rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"\.query(?:_df)?\(\s*[\"']([\w-]+)[\"']", text):
            calls.setdefault(name, set()).add(path.name)
    untested = sorted(set(load_catalogue()) - set(calls))
    assert untested == [], f"catalogue queries with no expected-rows test: {untested}"
