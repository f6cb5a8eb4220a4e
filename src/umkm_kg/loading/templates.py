"""IRI templates of a layout: ``sentra/{region_code}/{kbli_version}-{kbli}/{name|slug}``.

A template is relative to the data namespace ``id:`` unless it starts with a known prefix
(``kind:``, ``umkm:``...) or with ``{x|iri}``. A variable is a column of the row (its cell
text), ``subject`` (the row's node), ``value`` (the current cell or list item) or a named group
of an ``item_pattern``. Filters: ``slug`` (lower-case ASCII words joined by ``-``), ``iri`` (the
node a ``ref`` column points to), ``path`` (that node's IRI relative to ``id:``). Raw cell text
is percent-encoded where an IRI cannot hold it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from umkm_kg.iris import slug
from umkm_kg.loading.ntriples import iri_part
from umkm_kg.namespaces import ID, PREFIXES

_VARIABLE = re.compile(r"\{([A-Za-z_][\w]*)((?:\|\w+)*)\}")
_ID = str(ID)


def expand(curie: str) -> str:
    """``umkm:Sentra`` -> its full IRI; a full IRI stays as it is."""
    prefix, _, local = curie.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    if curie.startswith(("http://", "https://", "urn:")):
        return curie
    raise ValueError(f"'{curie}' is neither prefix:name (with a known prefix) nor a full IRI")


_LITERAL, _RAW, _SLUG, _IRI, _PATH, _PATH_SLUG = range(6)


@lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    return slug(text)


class Template:
    """One compiled IRI template."""

    def __init__(self, text: str) -> None:
        self.text = text
        head = text.split("{", 1)[0]
        body = text
        if ":" in head:
            prefix = head.split(":", 1)[0]
            self.base = expand(prefix + ":")
            body = text[len(prefix) + 1 :]
        else:
            self.base = "" if text.startswith("{") else _ID
        self.pieces: list[tuple[int, str]] = []
        position = 0
        for match in _VARIABLE.finditer(body):
            if match.start() > position:
                self.pieces.append((_LITERAL, body[position : match.start()]))
            self.pieces.append((_mode(text, match.group(2)), match.group(1)))
            position = match.end()
        if position < len(body):
            self.pieces.append((_LITERAL, body[position:]))
        if any("{" in value for mode, value in self.pieces if mode == _LITERAL):
            raise ValueError(f"template '{text}': a '{{' does not open a valid variable")
        self.variables = tuple(value for mode, value in self.pieces if mode != _LITERAL)

    def render(self, texts: Mapping[str, str], refs: Mapping[str, str]) -> str | None:
        """The IRI, or ``None`` when a variable it needs is empty.

        ``texts``: the row's cell texts by column; ``refs``: the node each ref column points to.
        """
        out = [self.base]
        for mode, value in self.pieces:
            if mode == _LITERAL:
                out.append(value)
                continue
            found = refs.get(value) if mode >= _IRI else texts.get(value)
            if not found:
                return None
            if mode == _RAW:
                found = iri_part(found)
            elif mode == _SLUG:
                found = _slug(found)
            elif mode >= _PATH:
                found = found.removeprefix(_ID)
                if mode == _PATH_SLUG:
                    found = _slug(found)
            out.append(found)
        return "".join(out)

    def missing(self, texts: Mapping[str, str], refs: Mapping[str, str]) -> list[str]:
        """The variables this template needs that are empty in the row."""
        return [
            value
            for mode, value in self.pieces
            if mode != _LITERAL and not (refs.get(value) if mode >= _IRI else texts.get(value))
        ]


def _mode(text: str, filters_text: str) -> int:
    filters = tuple(f for f in filters_text.split("|") if f)
    modes = {(): _RAW, ("slug",): _SLUG, ("iri",): _IRI, ("path",): _PATH}
    modes[("path", "slug")] = _PATH_SLUG
    if filters not in modes:
        raise ValueError(
            f"template '{text}': filters {'|'.join(filters)} are not one of "
            "slug, iri, path, path|slug"
        )
    return modes[filters]


def first_rendered(
    templates: tuple[Template, ...], texts: Mapping[str, str], refs: Mapping[str, str]
) -> str | None:
    """The first alternative whose variables are all filled."""
    for template in templates:
        rendered = template.render(texts, refs)
        if rendered:
            return rendered
    return None
