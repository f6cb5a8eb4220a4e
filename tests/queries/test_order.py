"""Rows are sorted by the client, by the variables of the query's ``# order:`` header."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from rdflib import URIRef

from umkm_kg.catalogue import load_catalogue, parse_query_file
from umkm_kg.errors import UmkmKgError
from umkm_kg.store.results import Rows

CATALOGUE = load_catalogue()
HEADER = "# title@id: a\n# title@en: b\n# description@id: c\n# description@en: d\n"


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_question_is_ordered_by_projected_variables_and_not_by_the_store(name):
    query = CATALOGUE[name]
    assert query.order, "every catalogue question declares its order"
    projection = query.text[query.text.index("SELECT") : query.text.index("WHERE")]
    for variable in query.order:
        assert re.search(rf"\?{variable}\b", projection), variable
    assert "ORDER BY" not in query.text.upper().replace("# ORDER:", "")


def test_malformed_order_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text(HEADER + "# order: DESC(?x)\nSELECT ?x WHERE { }\n", encoding="utf-8")
    with pytest.raises(UmkmKgError, match=r"bad\.rq, line 5: malformed order"):
        parse_query_file(path)


def test_order_header_accepts_question_marks(tmp_path):
    path = tmp_path / "ok.rq"
    path.write_text(HEADER + "# order: ?b a\nSELECT ?a ?b WHERE { }\n", encoding="utf-8")
    assert parse_query_file(path).order == ("b", "a")


def test_rows_sort_as_sparql_orders_terms():
    iri = URIRef("https://example.org/z")
    rows = Rows(
        ["v", "n"],
        [
            {"v": "b", "n": 1},
            {"v": Decimal("10"), "n": 2},
            {"v": None, "n": 3},
            {"v": 9, "n": 4},
            {"v": iri, "n": 5},
            {"v": "B", "n": 6},
            {"v": dt.date(2020, 1, 1), "n": 7},
            {"v": "b", "n": 0},
        ],
    )
    ordered = rows.ordered(("v", "n"))
    # unbound, IRIs, numbers by value (9 before 10), dates, strings by code point ("B" < "b")
    assert [row["n"] for row in ordered] == [3, 5, 4, 2, 7, 6, 0, 1]
    assert ordered.variables == ["v", "n"]
    assert rows.ordered(()) is rows


def test_the_embedded_store_returns_rows_in_header_order(embedded):
    rows = embedded.query("financial-partner-gaps")
    keys = [(row["gap"], row["sentraName"] or "", str(row["sentra"])) for row in rows]
    assert keys == sorted(keys) and len(keys) == 3
