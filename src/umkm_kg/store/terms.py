"""RDF terms across rdflib, pyoxigraph and SPARQL text, and the Python values rows carry."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = str(XSD.string)
_YEAR = re.compile(r"-?\d{4,}")
_WHOLE = re.compile(r"[+-]?\d+")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_oxigraph(term: Any) -> Identifier | None:
    """The rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # a simple literal, as rdflib writes it
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term in a result: {term!r}")


def from_sparql_json(binding: dict[str, str] | None) -> Identifier | None:
    """The rdflib term for one value of SPARQL 1.1 JSON results."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype", _XSD_STRING)
    return Literal(value) if datatype == _XSD_STRING else Literal(value, datatype=URIRef(datatype))


def to_python(term: Identifier | None) -> Any:
    """The value a row carries: IRIs stay ``URIRef``; literals become int, Decimal, date, ..."""
    if term is None or isinstance(term, URIRef | BNode):
        return term
    if term.datatype == XSD.gYear:
        year = _YEAR.match(str(term))
        return int(year.group()) if year else str(term)
    value = term.toPython()
    return str(term) if isinstance(value, Literal) else value


def python_value(term: Any) -> Any:
    """:func:`to_python` straight from a pyoxigraph term (the fast path for big results)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        convert = _FAST.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, ArithmeticError):
                return term.value
    return to_python(from_oxigraph(term))


def _year(text: str) -> int | str:
    year = _YEAR.match(text)
    return int(year.group()) if year else text


_FAST = {
    str(XSD.string): str,
    str(XSD.integer): int,
    str(XSD.decimal): Decimal,
    str(XSD.boolean): lambda text: text in ("true", "1"),
    str(XSD.date): dt.date.fromisoformat,
    str(XSD.gYear): _year,
}


def to_sparql(term: Identifier) -> str:
    """SPARQL text for a term, escaped so that no value can end its own token."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise UmkmKgError(f"{str(term)!r} is not a valid IRI (no spaces, quotes, <>{{}}|^`\\)")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + "".join(_ECHAR.get(ch, ch) for ch in str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            # the same term in RDF 1.1; Virtuoso matches only this form to stored strings
            return text
        if term.datatype == XSD.decimal and _WHOLE.fullmatch(str(term)):
            # Virtuoso reads "5"^^xsd:decimal as an xsd:integer; "5.0" stays a decimal
            text = f'"{term}.0"'
        return f"{text}^^{to_sparql(URIRef(term.datatype))}"
    raise UmkmKgError(f"a parameter must be an IRI or a literal, not {term!r}")


PARSER_TERM_LIMIT = 16 * 1024 * 1024  # bytes Oxigraph's parsers read for one term or line


def oversized_term(path: object, error: BaseException) -> UmkmKgError | None:
    """The message for Oxigraph's parser refusing a term larger than its buffer (a 20 MB
    literal raises ``MemoryError: Reached the buffer maximal size``), else ``None``."""
    if isinstance(error, MemoryError) and "buffer maximal size" in str(error):
        return UmkmKgError(
            f"{path}: holds a literal or IRI longer than {PARSER_TERM_LIMIT // 2**20} MiB, "
            "more than the RDF parser reads in one term; nothing was loaded (shorten the "
            "value, or keep large documents outside the graph and link to them)"
        )
    return None


def parse_ntriples(graph: Any, path: object) -> None:
    """Add an N-Triples file to an rdflib graph through Oxigraph's parser, in time linear in
    the file (rdflib's own parser scans a line again for every 2 KB it reads: a 2 MB literal
    took minutes). Blank nodes get fresh rdflib names per file, as rdflib's parser gives."""
    blank: dict[str, BNode] = {}

    def term(node: Any) -> Identifier:
        if isinstance(node, ox.BlankNode):
            return blank.setdefault(node.value, BNode())
        return from_oxigraph(node)

    try:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    except MemoryError as error:
        raise oversized_term(path, error) or error from None
