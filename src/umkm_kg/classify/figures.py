"""The one reader of size figures: every path that classifies firms reads them here.

The classifier (``classify``), a store's load (embedded or SPARQL Update) and validation
(template, RDF file, store) all put each figure triple through :class:`FigureTable`, so the
same triples give the same figures everywhere (docs/size.md, *Reading figures*):

- money (``umkm:netAssetsIDR``, ``umkm:capitalIDR``, ``umkm:annualSalesIDR``) is an
  ``xsd:decimal`` or an integer type; ``umkm:workers`` an integer type, or an ``xsd:decimal``
  whose value is whole (``"12.0"`` is 12 workers);
- anything else is refused and named: ``xsd:double``/``xsd:float`` (OWL 2 keeps them apart from
  decimals, so the ontology's thresholds, which the reasoner checks too, never apply to them),
  a lexical form that is not a number of its datatype (``"NaN"``, ``"12 orang"``), a plain
  or language-tagged string, an IRI; a decimal written with an exponent (``"1e5"``) is read as
  its value, as rdflib reads it when it parses Turtle;
- a figure given twice with the same value is one figure; with two different values it is
  refused ("two values"), never first-wins;
- an enterprise is a subject typed ``umkm:Enterprise`` or carrying a figure.

Loading and classifying raise :class:`~umkm_kg.errors.DataErrors` for a refused figure;
validation leaves it out (the size is then unknown) and its profile shapes report it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from umkm_kg.classify.classifier import Figures
from umkm_kg.classify.rules import FIGURE_FIELDS
from umkm_kg.errors import DataError, DataErrors

XSD = "http://www.w3.org/2001/XMLSchema#"
FIGURE_PREDICATES = {str(figure): field for figure, field in FIGURE_FIELDS.items()}
_WHOLE_TYPES = {
    XSD + name
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "int",
        "long",
        "short",
        "byte",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_DECIMAL = XSD + "decimal"
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")
# an exponent is read as rdflib reads it when it parses ("1e5" is 100000): every path agrees
_DECIMAL_FORM = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")


def read_number(lexical: str, datatype: str | None, *, whole: bool) -> Decimal | int | None:
    """The number a literal gives (``datatype`` None: not a literal), or None when refused."""
    if datatype in _WHOLE_TYPES:
        return int(lexical) if _INTEGER_FORM.fullmatch(lexical.strip()) else None
    if datatype != _DECIMAL or not _DECIMAL_FORM.fullmatch(lexical.strip()):
        return None
    number = Decimal(lexical)
    if not whole:
        return number
    return int(number) if number == number.to_integral_value() else None


class FigureTable:
    """Enterprises and their figures, read triple by triple; refusals kept in ``errors``."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, Decimal | int]] = {}
        self.errors: list[DataError] = []
        self._refused: set[tuple[str, str]] = set()

    def enterprise(self, subject: str) -> None:
        """Note a subject typed ``umkm:Enterprise``."""
        self.figures.setdefault(subject, {})

    def figure(self, subject: str, field: str, lexical: str, datatype: str | None) -> None:
        """Read one figure of ``subject`` (``field`` as in :class:`Figures`)."""
        numbers = self.figures.setdefault(subject, {})
        number = read_number(lexical, datatype, whole=field == "workers")
        if number is None:
            self._refuse(subject, field, _unreadable(subject, field, lexical, datatype))
        elif (subject, field) in self._refused:
            return
        elif field in numbers and numbers[field] != number:
            self._refuse(
                subject,
                field,
                DataError(
                    f"enterprise {subject} has two values for {_name(field)}: "
                    f"{numbers[field]} and {number}",
                    hint="keep one value per figure (a source that differs from another "
                    "belongs in its own graph: see the conflicting-values query)",
                ),
            )
        else:
            numbers[field] = number

    def _refuse(self, subject: str, field: str, error: DataError) -> None:
        self.errors.append(error)
        self._refused.add((subject, field))
        self.figures[subject].pop(field, None)  # neither value is used

    def check(self) -> None:
        """Raise :class:`DataErrors` when a figure was refused."""
        if self.errors:
            raise DataErrors(self.errors[:50])

    def results(self) -> dict[str, Figures]:
        """Every enterprise's figures (a refused figure left out)."""
        return {subject: Figures(**numbers) for subject, numbers in self.figures.items()}


def _name(field: str) -> str:
    names = {field: "umkm:" + iri.rsplit("#", 1)[-1] for iri, field in FIGURE_PREDICATES.items()}
    return names[field]


def _unreadable(subject: str, field: str, lexical: str, datatype: str | None) -> DataError:
    shown = f'"{lexical[:60]}"^^<{datatype}>' if datatype else f"<{lexical[:60]}>"
    expected = "a whole number" if field == "workers" else "an xsd:decimal amount in rupiah"
    example = '"12"^^xsd:integer' if field == "workers" else '"50000000"^^xsd:decimal'
    return DataError(
        f"enterprise {subject}: {_name(field)} is {shown}, not {expected}",
        hint=f"write e.g. {example}; an xsd:double is not read",
    )
