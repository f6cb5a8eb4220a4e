"""N-Triples terms written by hand: the loader's hot path never builds an rdflib Graph."""

from __future__ import annotations

import re
from urllib.parse import quote

XSD = "http://www.w3.org/2001/XMLSchema#"
ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Characters allowed in an IRI as we build them; anything else from a cell is percent-encoded,
# and so is a "%" that does not start an escape (two hex digits): "100%" -> "100%25".
_IRI_SAFE = "/:.-_~!$&'()*+,;=@%"
_PLAIN = re.compile(r"[\w.\-~/:]*\Z", re.ASCII).match
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def iri(text: str) -> str:
    """``<text>``: an IRI term."""
    return f"<{text}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal term with a datatype IRI or a language tag (or neither)."""
    body = '"' + text.translate(ESCAPES) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != XSD + "string":
        return f"{body}^^<{datatype}>"
    return body


def iri_part(text: str) -> str:
    """A cell value made safe to put inside an IRI (spaces, quotes, brackets encoded)."""
    if _PLAIN(text):
        return text
    return quote(_LONE_PERCENT.sub("%25", text), safe=_IRI_SAFE)
