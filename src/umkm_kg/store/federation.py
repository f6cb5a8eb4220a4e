"""Federated ``SERVICE`` is refused: a query must not make this machine send requests elsewhere.

A query with ``SERVICE <http://127.0.0.1:.../>`` would make the store fetch any address the
query names (server-side request forgery). :func:`uses_service` finds the ``SERVICE`` keyword as
a SPARQL token: comments, string literals, IRIs and variables are skipped, so ``"SERVICE"`` in
a string, ``?service`` or ``# SERVICE`` in a comment do not count, while ``service``,
``SERVICE SILENT ?x``, ``1SERVICE<x>`` and a ``SERVICE`` nested anywhere do. Where the text has
the word at all, rdflib's SPARQL parser is asked too, and either finding it refuses: a false
refusal is better than a request leaving the machine. Codepoint escapes (``\\u0053ERVICE``)
are read both decoded and as written.
"""

from __future__ import annotations

import re

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from umkm_kg.errors import UmkmKgError

# What the SPARQL lexer skips: comments, the four kinds of strings, IRI references.
_SKIPPED = re.compile(
    r"""
      \#[^\n\r]*
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$][\w\u00b7\u00c0-\U000effff]+
    """,
    re.VERBOSE | re.DOTALL,
)
# Oxigraph reads the keyword even when glued to what surrounds it (``1SERVICE<x>``,
# ``SERVICEex:x``); only a name that starts with it after a prefix (``ex:service``) is let pass.
_KEYWORD = re.compile(r"(?<!:)SERVICE", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

REFUSAL = (
    "federated SERVICE is refused: a query may not make this machine send requests to other "
    "addresses"
)


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _lexer_finds(text: str) -> bool:
    return bool(_KEYWORD.search(_SKIPPED.sub(" ", text)))


def _tree_has_service(node: object) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(
            _tree_has_service(v) for v in node.values()
        )
    if isinstance(node, list | tuple | ParseResults):
        return any(_tree_has_service(v) for v in node)
    return False


def _parser_finds(text: str) -> bool:
    for parse in (parseQuery, parseUpdate):
        try:
            return _tree_has_service(parse(text))
        except (ParseException, ValueError, TypeError, RecursionError):
            continue
    return False


def uses_service(sparql: str) -> bool:
    """Whether a SPARQL query or update contains a federated ``SERVICE`` pattern."""
    candidates = {sparql, _unescaped(sparql)}
    if not any("service" in text.lower() for text in candidates):
        return False
    return any(_lexer_finds(text) for text in candidates) or _parser_finds(sparql)


def refuse_service(sparql: str, *, hint: str = "") -> None:
    """Raise a clear :class:`UmkmKgError` if ``sparql`` uses federated ``SERVICE``."""
    if uses_service(sparql):
        raise UmkmKgError(REFUSAL + (f" ({hint})" if hint else ""))
