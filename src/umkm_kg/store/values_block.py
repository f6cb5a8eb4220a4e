"""Parameters for remote endpoints: a VALUES block of serialised RDF terms.

A remote endpoint takes query text only, so parameters are sent as an inline ``VALUES`` block
at the start of the query's outermost ``WHERE`` group: the same semantics as an initial binding,
with every value serialised as an RDF term (``to_sparql``), never pasted as text.
"""

from __future__ import annotations

import re

from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.terms import to_sparql

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WHERE = re.compile(r"where\b", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def with_values(query: str, bindings: dict[str, Identifier]) -> str:
    """``query`` with ``VALUES (?a ?b) { (term term) }`` opening its outermost WHERE group."""
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE.match(name):
            raise UmkmKgError(f"{name!r} is not a SPARQL variable name")
    variables = " ".join(f"?{name}" for name in bindings)
    row = " ".join(to_sparql(term) for term in bindings.values())
    position = _where_group_start(query)
    return f"{query[:position]} VALUES ({variables}) {{ ({row}) }}\n{query[position:]}"


def _where_group_start(query: str) -> int:
    """Index just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    seen_where = False
    first_brace: int | None = None
    i = 0
    while i < len(query):
        skipped = _skip_token(query, i)
        if skipped is not None:
            i = skipped
            continue
        ch = query[i]
        if ch == "{":
            if depth == 0 and (seen_where or first_brace is None):
                if seen_where:
                    return i + 1
                first_brace = i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and (ch in "wW") and _WHERE.match(query, i) and _word_start(query, i):
            seen_where = True
        i += 1
    if first_brace is not None:
        return first_brace
    raise UmkmKgError("cannot bind parameters: the query has no WHERE group")


def _skip_token(query: str, i: int) -> int | None:
    """The index after the comment, string or IRI at ``i``; ``None`` when none starts there."""
    ch = query[i]
    if ch == "#":
        end = query.find("\n", i)
        return len(query) if end < 0 else end
    if ch in "\"'":
        return _skip_string(query, i)
    if ch == "<":
        match = _IRIREF.match(query, i)
        return match.end() if match else None
    return None


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_?$:")


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    long_quote = text.startswith(quote * 3, i)
    delimiter = quote * 3 if long_quote else quote
    j = i + len(delimiter)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delimiter, j):
            return j + len(delimiter)
        j += 1
    return j
