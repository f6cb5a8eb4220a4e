"""Cell values as Indonesian sources write them: money, numbers, years, dates, booleans.

Every parser takes the cell text (already stripped, never empty) and returns a Python value,
or raises :class:`ValueProblem` with what was wrong and how to fix it; the engine adds the
file, row and column. Number styles: ``id`` (``1.250.000,50``: dot thousands, comma decimals),
``en`` (``1,250,000.50``) or ``auto`` (whichever the text proves; a value that reads both ways,
like ``1.500``, is refused rather than guessed).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

NUMBER_STYLES = ("auto", "id", "en")

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
_MONEY = re.compile(
    r"^(?P<sign>[-−])?\s*(?:rp\.?|idr)?\s*(?P<sign2>[-−])?\s*(?P<number>[\d.,\s]*\d[\d.,]*)\s*"
    r"(?P<unit>[a-z]+\.?)?\s*(?:,-|\.-)?$",
    re.IGNORECASE,
)
_PLAIN_DIGITS = re.compile(r"^\d+$")
_GROUPED = {
    ".": re.compile(r"^\d{1,3}(?:\.\d{3})+$"),
    ",": re.compile(r"^\d{1,3}(?:,\d{3})+$"),
}
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
    body = text.strip().replace("\u00a0", "").replace(" ", "")
    negative = body.startswith(("-", "−"))
    if negative:
        body = body[1:]
    if not body or not re.fullmatch(r"[\d.,]+", body) or not body[0].isdigit():
        raise ValueProblem(f"'{text}' is not a number", "write digits, e.g. 1500 or 2,5")
    value = _digits_to_decimal(text, body, style)
    return -value if negative else value


def _digits_to_decimal(text: str, body: str, style: str) -> Decimal:
    """Read digits with separators under a number style; refuse what is ambiguous."""
    if style not in NUMBER_STYLES:
        raise ValueError(f"unknown number style {style!r}; expected one of {NUMBER_STYLES}")
    if _PLAIN_DIGITS.match(body):
        return Decimal(body)
    dots, commas = body.count("."), body.count(",")
    if style == "auto":
        style = _guess_style(text, body, dots, commas)
    thousands, decimal_mark = (".", ",") if style == "id" else (",", ".")
    whole, _, fraction = body.partition(decimal_mark)
    if decimal_mark in fraction or thousands in fraction:
        raise ValueProblem(
            f"'{text}' is not a number in {_STYLE_NAMES[style]} writing",
            f"use '{thousands}' only between groups of three digits and '{decimal_mark}' once "
            "before the decimals",
        )
    if thousands in whole and not _GROUPED[thousands].match(whole):
        raise ValueProblem(
            f"'{text}' has misplaced thousands separators for {_STYLE_NAMES[style]} writing",
            f"'{thousands}' separates groups of three digits, e.g. "
            + ("1.250.000" if thousands == "." else "1,250,000"),
        )
    digits = whole.replace(thousands, "") + ("." + fraction if fraction else "")
    try:
        return Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise ValueProblem(f"'{text}' is not a number") from error


_STYLE_NAMES = {"id": "Indonesian (1.250.000,50)", "en": "English (1,250,000.50)"}


def _guess_style(text: str, body: str, dots: int, commas: int) -> str:
    """Which writing the digits prove; ``1.500`` and ``1,500`` prove nothing and are refused."""
    if dots and commas:
        return "id" if body.rfind(",") > body.rfind(".") else "en"
    mark = "." if dots else ","
    if body.count(mark) > 1:  # 1.250.000: only thousands repeat
        return "id" if mark == "." else "en"
    after = body.split(mark)[1]
    if len(after) != 3:  # 2,5 / 1.25: a decimal mark
        return "id" if mark == "," else "en"
    raise ValueProblem(
        f"'{text}' is ambiguous: it could be {body.replace(mark, '')} or "
        f"{decimal_lexical(Decimal(body.replace(mark, '.')))}",
        f"write {body.replace(mark, '')} without separators, or "
        f"{body}{',00' if mark == '.' else '.00'} with decimals, "
        "or declare number_style in the layout",
    )


def parse_money(text: str, style: str = "auto") -> Decimal:
    """Rupiah as written: ``Rp 1.250.000,00``, ``500 juta``, ``2,5 miliar``, ``2,5 M``, ``150 rb``.

    Negative amounts are refused; the result is a non-negative :class:`~decimal.Decimal`.
    """
    match = _MONEY.match(text.strip().replace("\u00a0", " "))
    if not match:
        raise ValueProblem(
            f"'{text}' is not an amount of money",
            "write e.g. 1250000, Rp 1.250.000,00, 500 juta, 2,5 miliar or 150 rb",
        )
    if match["sign"] or match["sign2"]:
        raise ValueProblem(f"'{text}' is negative: money cannot be below zero", "give the amount")
    unit = (match["unit"] or "").rstrip(".")
    if unit == "m":
        raise ValueProblem(
            f"'{text}': lower-case 'm' could mean million or miliar",
            "write 'juta' or 'miliar' (or 'M' for miliar)",
        )
    multiplier = 1
    if unit:
        multiplier = _MULTIPLIERS.get(unit.lower(), 0)
        if not multiplier:
            raise ValueProblem(
                f"'{text}' has an unknown unit '{unit}'", "use rb, ribu, jt, juta, M, miliar or T"
            )
    body = match["number"].replace(" ", "")
    return (_digits_to_decimal(text, body, style) * multiplier).normalize()


def parse_integer(text: str, style: str = "auto") -> int:
    """A whole number, e.g. workers: ``15``, ``1.500`` (under ``id`` style)."""
    value = parse_number(text, style)
    if value != value.to_integral_value():
        raise ValueProblem(f"'{text}' is not a whole number", "write a whole number, e.g. 15")
    return int(value)


def parse_year(text: str) -> int:
    """A year of four digits, 1800 to 2100 (``1946``)."""
    text = text.strip()
    if text.endswith(".0"):  # spreadsheets export 1946 as 1946.0
        text = text[:-2]
    if not re.fullmatch(r"\d{4}", text):
        raise ValueProblem(f"'{text}' is not a year", "write four digits, e.g. 1946")
    if not 1800 <= int(text) <= 2100:
        raise ValueProblem(f"year {text} is outside 1800-2100", "check for a typing error")
    return int(text)


def parse_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD`` (spreadsheet date cells arrive as ``datetime``)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]00:00(:00)?", text):
            return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueProblem(f"'{text}' is not a date", "write YYYY-MM-DD, e.g. 2017-06-30")


def parse_boolean(text: str) -> bool:
    """``ya``/``tidak``, ``yes``/``no``, ``true``/``false`` (any case)."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueProblem(f"'{text}' is not yes or no", f"write one of {_TRUE_FALSE_WORDS}")


def decimal_lexical(value: Decimal) -> str:
    """The xsd:decimal lexical form: no exponent, no trailing zeros (``1250000``, ``2.5``)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
