"""Indonesian money and number writing: what is read, and what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from umkm_kg.loading.values import (
    ValueProblem,
    decimal_lexical,
    parse_boolean,
    parse_date,
    parse_integer,
    parse_money,
    parse_number,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.250.000,00", "1250000"),
        ("Rp1.250.000", "1250000"),
        ("Rp 1.250.000,-", "1250000"),
        ("500 juta", "500000000"),
        ("2,5 miliar", "2500000000"),
        ("2,5 M", "2500000000"),
        ("2,5 milyar", "2500000000"),
        ("150 rb", "150000"),
        ("1,25 jt", "1250000"),
        ("1500", "1500"),
        ("0", "0"),
        ("9,932.44", "9932.44"),
        ("1.250.000,50", "1250000.5"),
        ("IDR 2.000.000", "2000000"),
    ],
)
def test_money_as_indonesians_write_it(text: str, expected: str) -> None:
    assert decimal_lexical(parse_money(text)) == expected


@pytest.mark.parametrize("text", ["1.500", "1,500", "Rp 500.000", "1.500 juta"])
def test_a_value_that_reads_two_ways_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="ambiguous"):
        parse_money(text)


def test_a_declared_number_style_settles_the_ambiguity() -> None:
    assert parse_money("1.500", "id") == Decimal(1500)
    assert parse_money("1,500", "en") == Decimal(1500)
    assert parse_number("1.500", "en") == Decimal("1.5")
    with pytest.raises(ValueProblem, match="thousands"):
        parse_money("1.5", "id")


@pytest.mark.parametrize("text", ["-500", "Rp -1.000.000", "−2 juta"])
def test_negative_money_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="negative"):
        parse_money(text)


@pytest.mark.parametrize("text", ["abc", "Rp", "12 ekor", "2,5 m", "1.50.000"])
def test_unreadable_money_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_money(text)
    assert problem.value.hint


def test_numbers_years_dates_booleans() -> None:
    assert parse_number("4,5") == Decimal("4.5")
    assert parse_number("0,03") == Decimal("0.03")
    assert parse_integer("15") == 15
    with pytest.raises(ValueProblem, match="whole"):
        parse_integer("2,5")
    assert parse_year("1946") == 1946
    with pytest.raises(ValueProblem, match="not a year"):
        parse_year("46")
    with pytest.raises(ValueProblem, match="outside 1800-2100"):
        parse_year("2104")
    assert parse_date("2017-06-30") == date(2017, 6, 30)
    with pytest.raises(ValueProblem):
        parse_date("30/06/2017")
    assert parse_boolean("Ya") is True
    assert parse_boolean("tidak") is False
    assert parse_boolean("TRUE") is True
    with pytest.raises(ValueProblem):
        parse_boolean("mungkin")
