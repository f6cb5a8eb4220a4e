"""Cell values as Indonesian sources write them: money, numbers, years, dates, booleans.

Every parser takes the cell text (already stripped, never empty) and returns a Python value,
or raises :class:`ValueProblem` with what was wrong and how to fix it; the engine adds the
file, row and column. Number styles: ``id`` (``1.250.000,50``: dot thousands, comma decimals),
``en`` (``1,250,000.50``) or ``auto`` (whichever the text proves; a value that reads both ways,
like ``1.500``, is refused rather than guessed).

Whitespace between digits (a space, tab, no-break or thin space: U+00A0, U+2009, U+202F)
separates groups of three digits, as in ``1 500 000``; anywhere else it is refused. Only the
digits 0-9 are read: full-width (``１``) or Arabic-Indic (``٣``) digits are refused with the
character named, because a cell mixing scripts is more likely a typing or copying slip than
a number, and what the store holds should be what the analyst sees. A number cell longer than
``MAX_NUMBER_LENGTH`` characters is refused before it is parsed (every pattern here runs in
time linear in the cell), and so is a value the store cannot compare: Oxigraph keeps
``xsd:decimal`` as a 128-bit number with 18 decimals (at most about 1.7 x 10^20) and
``xsd:integer`` as a 64-bit one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from umkm_kg.errors import excerpt

NUMBER_STYLES = ("auto", "id", "en")
MAX_NUMBER_LENGTH = 64  # characters of a money or number cell; "Rp 1.250.000.000.000,00" is 23
STORE_DECIMAL_MAX = Decimal("170141183460469231731.687303715884105727")  # (2^127 - 1) / 10^18
STORE_DECIMAL_PLACES = 18
STORE_INTEGER_MAX = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1800, 2100  # the years a cell may give
_GROUP_DIGITS = 3  # digits of a thousands group (1.250.000)

# Multipliers as Indonesian writing abbreviates them; "M" is miliar (10^9), never million.
_MULTIPLIERS: dict[str, int] = {
    "rb": 10**3,
    "ribu": 10**3,
    "k": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
    "trilyun": 10**12,
}
# One way to match each character: no two quantifiers compete for the same text, so a
# failing cell is refused in one pass. Whitespace arrives as single spaces (_spaces).
_MONEY = re.compile(
    r"(?P<sign>[-−])? ?(?:(?:rp\.?|idr) ?)?(?P<sign2>[-−])? ?"
    r"(?P<number>[0-9](?:[0-9.,]| (?=[0-9]))*)"
    r" ?(?P<unit>[a-z]+\.?)? ?(?:,-|\.-)?",
    re.IGNORECASE | re.ASCII,
)
_PLAIN_DIGITS = re.compile(r"[0-9]+")
_GROUPED = {
    ".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+"),
    ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+"),
}
_SPACE_GROUPS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})*(?: [0-9]{3}(?:[.,][0-9]+)?)")
_WHITESPACE = re.compile(r"\s+")
_TRUE = frozenset({"ya", "yes", "true"})
_FALSE = frozenset({"tidak", "no", "false"})
_TRUE_FALSE_WORDS = "ya/tidak, yes/no, true/false"


class ValueProblem(ValueError):
    """A cell value that cannot be read: ``reason`` says what, ``hint`` how to fix it."""

    def __init__(self, reason: str, hint: str | None = None, column: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.column = column


def parse_number(text: str, style: str = "auto") -> Decimal:
    """A non-money decimal number: ``2,5`` ``1.250.000,5`` ``9,932.44`` ``1500`` (``-`` allowed)."""
    body = _spaces(text)
    negative = body.startswith(("-", "−"))
    if negative:
        body = body[1:].lstrip(" ")
    if not re.fullmatch(r"[0-9](?:[0-9.,]| (?=[0-9]))*", body, re.ASCII):
        raise ValueProblem(f"'{excerpt(text)}' is not a number", "write digits, e.g. 1500 or 2,5")
    value = _digits_to_decimal(text, _join_space_groups(text, body), style)
    return store_decimal(-value if negative else value, text)


def _spaces(text: str) -> str:
    """The cell stripped, checked (length, digits 0-9 only), whitespace runs as one space."""
    text = text.strip()
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueProblem(
            f"'{excerpt(text, 20)}' is {len(text):,} characters long: too long for a number",
            f"a number cell holds at most {MAX_NUMBER_LENGTH} characters; is it the right column?",
        )
    for char in text:
        if char.isdigit() and not char.isascii():
            name = unicodedata.name(char, "a digit")
            raise ValueProblem(
                f"'{excerpt(text)}' holds '{char}' ({name}): only the digits 0-9 are read",
                "type the number with the digits 0-9",
            )
    return _WHITESPACE.sub(" ", text)


def _join_space_groups(text: str, body: str) -> str:
    """``1 500 000`` -> ``1500000``; whitespace elsewhere inside a number is refused."""
    if " " not in body:
        return body
    if not _SPACE_GROUPS.fullmatch(body):
        raise ValueProblem(
            f"'{excerpt(text)}' has a space or tab inside the number that does not separate "
            "groups of three digits",
            "remove it, or write the thousands as 1 500 000 or 1.500.000",
        )
    return body.replace(" ", "")


def store_decimal(value: Decimal, text: str) -> Decimal:
    """``value`` if the store can compare it (Oxigraph's xsd:decimal), else a ValueProblem."""
    if abs(value) > STORE_DECIMAL_MAX:
        raise ValueProblem(
            f"'{excerpt(text)}' is larger than the store can compare (about 1.7 x 10^20)",
            "check the unit and the number of zeros",
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > STORE_DECIMAL_PLACES:
        raise ValueProblem(
            f"'{excerpt(text)}' has more than {STORE_DECIMAL_PLACES} decimals, "
            "more than the store keeps",
            f"round it to at most {STORE_DECIMAL_PLACES} decimals",
        )
    return value


def _digits_to_decimal(text: str, body: str, style: str) -> Decimal:
    """Read digits with separators under a number style; refuse what is ambiguous."""
    if style not in NUMBER_STYLES:
        raise ValueError(f"unknown number style {style!r}; expected one of {NUMBER_STYLES}")
    if _PLAIN_DIGITS.fullmatch(body):
        return Decimal(body)
    dots, commas = body.count("."), body.count(",")
    if style == "auto":
        style = _guess_style(text, body, dots, commas)
    thousands, decimal_mark = (".", ",") if style == "id" else (",", ".")
    whole, _, fraction = body.partition(decimal_mark)
    if decimal_mark in fraction or thousands in fraction:
        raise ValueProblem(
            f"'{excerpt(text)}' is not a number in {_STYLE_NAMES[style]} writing",
            f"use '{thousands}' only between groups of three digits and '{decimal_mark}' once "
            "before the decimals",
        )
    if thousands in whole and not _GROUPED[thousands].fullmatch(whole):
        raise ValueProblem(
            f"'{excerpt(text)}' has misplaced thousands separators for "
            f"{_STYLE_NAMES[style]} writing",
            f"'{thousands}' separates groups of three digits, e.g. "
            + ("1.250.000" if thousands == "." else "1,250,000"),
        )
    digits = whole.replace(thousands, "") + ("." + fraction if fraction else "")
    try:
        return Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise ValueProblem(f"'{excerpt(text)}' is not a number") from error


_STYLE_NAMES = {"id": "Indonesian (1.250.000,50)", "en": "English (1,250,000.50)"}


def _guess_style(text: str, body: str, dots: int, commas: int) -> str:
    """Which writing the digits prove; ``1.500`` and ``1,500`` prove nothing and are refused."""
    if dots and commas:
        return "id" if body.rfind(",") > body.rfind(".") else "en"
    mark = "." if dots else ","
    if body.count(mark) > 1:  # 1.250.000: only thousands repeat
        return "id" if mark == "." else "en"
    after = body.split(mark)[1]
    if len(after) != _GROUP_DIGITS:  # 2,5 / 1.25: a decimal mark
        return "id" if mark == "," else "en"
    raise ValueProblem(
        f"'{excerpt(text)}' is ambiguous: it could be {body.replace(mark, '')} or "
        f"{decimal_lexical(Decimal(body.replace(mark, '.')))}",
        f"write {body.replace(mark, '')} without separators, or "
        f"{body}{',00' if mark == '.' else '.00'} with decimals, "
        "or declare number_style in the layout",
    )


def parse_money(text: str, style: str = "auto") -> Decimal:
    """Rupiah as written: ``Rp 1.250.000,00``, ``500 juta``, ``2,5 miliar``, ``2,5 M``, ``150 rb``.

    Negative amounts are refused; the result is a non-negative :class:`~decimal.Decimal`.
    """
    match = _MONEY.fullmatch(_spaces(text))
    if not match:
        raise ValueProblem(
            f"'{excerpt(text)}' is not an amount of money",
            "write e.g. 1250000, Rp 1.250.000,00, 500 juta, 2,5 miliar or 150 rb",
        )
    if match["sign"] or match["sign2"]:
        raise ValueProblem(
            f"'{excerpt(text)}' is negative: money cannot be below zero", "give the amount"
        )
    unit = (match["unit"] or "").rstrip(".")
    if unit == "m":
        raise ValueProblem(
            f"'{excerpt(text)}': lower-case 'm' could mean million or miliar",
            "write 'juta' or 'miliar' (or 'M' for miliar)",
        )
    multiplier = 1
    if unit:
        multiplier = _MULTIPLIERS.get(unit.lower(), 0)
        if not multiplier:
            raise ValueProblem(
                f"'{excerpt(text)}' has an unknown unit '{unit}'",
                "use rb, ribu, jt, juta, M, miliar or T",
            )
    body = _join_space_groups(text, match["number"])
    return store_decimal((_digits_to_decimal(text, body, style) * multiplier).normalize(), text)


def parse_integer(text: str, style: str = "auto") -> int:
    """A whole number, e.g. workers: ``15``, ``1.500`` (under ``id`` style)."""
    value = parse_number(text, style)
    if value != value.to_integral_value():
        raise ValueProblem(
            f"'{excerpt(text)}' is not a whole number", "write a whole number, e.g. 15"
        )
    if abs(value) > STORE_INTEGER_MAX:
        raise ValueProblem(
            f"'{excerpt(text)}' is larger than the store can compare (about 9.2 x 10^18)",
            "check the number of digits",
        )
    return int(value)


def parse_year(text: str) -> int:
    """A year of four digits, :data:`FIRST_YEAR` to :data:`LAST_YEAR` (``1946``)."""
    text = text.strip()
    if text.endswith(".0"):  # spreadsheets export 1946 as 1946.0
        text = text[:-2]
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueProblem(f"'{excerpt(text)}' is not a year", "write four digits, e.g. 1946")
    if not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ValueProblem(
            f"year {text} is outside {FIRST_YEAR}-{LAST_YEAR}", "check for a typing error"
        )
    return int(text)


def parse_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD`` (spreadsheet date cells arrive as ``datetime``)."""
    text = text.strip()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]00:00(:00)?", text):
            return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueProblem(f"'{excerpt(text)}' is not a date", "write YYYY-MM-DD, e.g. 2017-06-30")


def parse_boolean(text: str) -> bool:
    """``ya``/``tidak``, ``yes``/``no``, ``true``/``false`` (any case)."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueProblem(f"'{excerpt(text)}' is not yes or no", f"write one of {_TRUE_FALSE_WORDS}")


def decimal_lexical(value: Decimal) -> str:
    """The xsd:decimal lexical form: no exponent, no trailing zeros (``1250000``, ``2.5``)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
