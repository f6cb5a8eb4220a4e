"""The query catalogue: the ``.rq`` files of ``queries/`` and their headers.

Each file starts with a comment header that this module parses::

    # title@id: Kerja sama internal per sentra
    # title@en: Internal cooperation per sentra
    # description@id: Sentra yang menjalankan tiap jenis kerja sama internal ...
    # description@en: Which sentra practise each internal cooperation kind ...
    # param: sentra_id string -- the template's sentra_id; all sentra when not given
    # param@id: sentra_id -- sentra_id pada templat; semua sentra bila tidak diisi
    # param: rule_set string = @in_force -- the size rule set (umkm:ruleSetKey)
    # param@id: rule_set -- aturan ukuran usaha (umkm:ruleSetKey)
    # order: sentraName sentra

``# param:`` describes a parameter in English, the ``# param@id:`` line after it in Indonesian.
A parameter is a SPARQL variable of the query. Its value reaches the query by binding only
(pyoxigraph substitutions, rdflib initial bindings, or a VALUES block of serialised RDF terms for
remote endpoints); a parameter that is not given and has no default stays unbound, which the
queries read as "all". A default ``@in_force`` is the key of the legal size rule set in force
today, ``@preceding`` the one before it: read from the ontology when the parameters are bound,
so a new law changes no query. ``# order:`` names the variables the rows are sorted by,
ascending, in SPARQL's order (unbound first, then IRIs, then literals); the client sorts them
after the store answers, because a store's ``ORDER BY`` over many labels costs more than the
rest of the query (Oxigraph looks every compared string up on disk).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from umkm_kg.errors import UmkmKgError, excerpt
from umkm_kg.namespaces import PREFIXES
from umkm_kg.resources import resource_dir

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "date", "boolean")

_HEADER_KEY = re.compile(r"^#\s*(?P<key>[\w@]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>\S+))?"
    r"(?:\s+--\s+(?P<text>.+))?$"
)
_PARAM_ID = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+--\s+(?P<text>.+)$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TEXT_KEYS = ("title@id", "title@en", "description@id", "description@en")
_PROLOGUE_THEN_WORD = re.compile(
    r"(?:\s+|#[^\n]*|PREFIX\s*[^\s:]*:\s*<[^>\s]*>|BASE\s*<[^>\s]*>)*(?P<word>[A-Za-z]+)?",
    re.IGNORECASE,
)
_UPDATE_KEYWORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
}  # fmt: skip
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_MAX_PARAMETER_DIGITS = 40
_TRUE = {"true", "ya", "yes", "1"}
_FALSE = {"false", "tidak", "no", "0"}


@dataclass(frozen=True)
class Parameter:
    """A query parameter: a SPARQL variable with a type and an optional default."""

    name: str
    type: str
    default: str | None = None
    description: str = ""  # English (``# param:``)
    description_id: str = ""  # Indonesian (``# param@id:``)

    def describe(self, lang: str) -> str:
        """What the parameter means, in ``lang`` (``id`` or ``en``)."""
        return self.description_id if lang == "id" else self.description

    def to_term(self, value: object) -> Identifier:
        """The RDF term for ``value`` (a string from the CLI or a Python value)."""
        try:
            return _convert(self.type, value)
        except (ValueError, InvalidOperation) as error:
            raise UmkmKgError(
                f"parameter '{self.name}' expects {self.type}, got '{excerpt(value)}': {error}"
            ) from None


@dataclass(frozen=True)
class CatalogueQuery:
    """One question of the catalogue: its file, bilingual header, parameters and text."""

    name: str
    path: Path
    title: dict[str, str]
    description: dict[str, str]
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    text: str = ""
    order: tuple[str, ...] = ()

    def bindings(self, params: dict[str, object] | None = None) -> dict[str, Identifier]:
        """RDF terms for the given parameters plus the defaults of the others."""
        given = dict(params or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise UmkmKgError(
                f"query '{self.name}' has no parameter {', '.join(unknown)} "
                f"(its parameters: {expected})"
            )
        result: dict[str, Identifier] = {}
        for name, parameter in known.items():
            value = given.get(name, resolve_default(parameter.default))
            if value is not None:
                result[name] = parameter.to_term(value)
        return result


# Defaults resolved when a query's parameters are bound: the size rule sets by date.
DEFAULT_RESOLVERS = ("@in_force", "@preceding")


def resolve_default(default: str | None, day: dt.date | None = None) -> str | None:
    """A parameter's default with ``@in_force``/``@preceding`` replaced by a rule set's key."""
    if default not in DEFAULT_RESOLVERS:
        return default
    from umkm_kg.classify.rules import rule_set_in_force, rule_sets

    day = day or dt.date.today()
    current = rule_set_in_force(day)
    if current is None:
        raise UmkmKgError(f"no legal size rule set is in force on {day.isoformat()}")
    if default == "@in_force":
        return current.key
    legal = [r for r in rule_sets() if r.legal]
    index = legal.index(current)
    if index == 0:
        raise UmkmKgError(f"no legal size rule set precedes {current.key}")
    return legal[index - 1].key


def read_query_text(path: Path) -> str:
    """The text of a ``.rq`` file: UTF-8 SPARQL, else a clear error (a binary file, another
    encoding, a folder) rather than a decoding traceback."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UmkmKgError(f"{path}: cannot read the query file ({error.strerror})") from None
    if b"\x00" in raw:
        raise UmkmKgError(f"{path}: not a text file (it holds NUL bytes); give a SPARQL .rq file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UmkmKgError(
            f"{path}: not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start}); "
            "give a SPARQL .rq file saved as UTF-8"
        ) from None


def sparql_update_keyword(text: str) -> str | None:
    """The keyword that opens ``text`` when it is a SPARQL Update (``INSERT``, ``DROP``...),
    after its prologue (comments, ``PREFIX`` and ``BASE``); ``None`` for a query."""
    match = _PROLOGUE_THEN_WORD.match(text)
    word = (match["word"] or "").upper() if match else ""
    return word if word in _UPDATE_KEYWORDS else None


def parse_query_file(path: Path) -> CatalogueQuery:
    """Read one ``.rq`` file and its header; a malformed header is an error naming the line."""
    text = read_query_text(path)
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    order: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER_KEY.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"].strip()
        if key == "param":
            parameters.append(_parse_parameter(value, path, number))
        elif key == "param@id":
            parameters = _with_indonesian(parameters, value, path, number)
        elif key == "order":
            order = _parse_order(value, path, number)
        elif key in _TEXT_KEYS:
            fields[key] = value
    missing = [key for key in _TEXT_KEYS if not fields.get(key)]
    if missing:
        raise UmkmKgError(
            f"{path}: query header lacks {', '.join(missing)} "
            "(every query starts with '# title@id:', '# title@en:', '# description@id:' "
            "and '# description@en:' lines)"
        )
    return CatalogueQuery(
        name=path.stem,
        path=path,
        title={"id": fields["title@id"], "en": fields["title@en"]},
        description={"id": fields["description@id"], "en": fields["description@en"]},
        parameters=tuple(parameters),
        text=text,
        order=order,
    )


def load_catalogue(folder: Path | None = None) -> dict[str, CatalogueQuery]:
    """All queries of the catalogue (default: the bundled ``queries/``), by name."""
    folder = folder or resource_dir("queries")
    return {q.name: q for q in map(parse_query_file, sorted(folder.glob("*.rq")))}


def get_query(name: str, folder: Path | None = None) -> CatalogueQuery:
    """One catalogue query by its file name without ``.rq``."""
    catalogue = load_catalogue(folder)
    if name not in catalogue:
        raise UmkmKgError(
            f"no query named '{name}' in the catalogue "
            "(run 'umkm-kg queries' to list them, or use --file for your own .rq)"
        )
    return catalogue[name]


def expand_iri(text: str) -> URIRef:
    """An IRI from ``<...>``, a full IRI, or a prefixed name of the project (``id:region/35``)."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", text):
        raise ValueError("not an absolute IRI or a known prefixed name")
    return URIRef(text)


def _parse_order(value: str, path: Path, line: int) -> tuple[str, ...]:
    names = tuple(name.removeprefix("?") for name in value.split())
    if not names or not all(_VARIABLE.match(name) for name in names):
        raise UmkmKgError(
            f"{path}, line {line}: malformed order {value!r} "
            "(write '# order: VARIABLE ...', e.g. '# order: sentraName sentra')"
        )
    return names


def _parse_parameter(value: str, path: Path, line: int) -> Parameter:
    match = _PARAM.match(value)
    if not match or match["type"] not in PARAMETER_TYPES:
        raise UmkmKgError(
            f"{path}, line {line}: malformed parameter {value!r} "
            f"(write '# param: NAME TYPE [= DEFAULT] [-- text]', TYPE one of "
            f"{', '.join(PARAMETER_TYPES)})"
        )
    parameter = Parameter(match["name"], match["type"], match["default"], match["text"] or "")
    if parameter.default is not None and parameter.default not in DEFAULT_RESOLVERS:
        parameter.to_term(parameter.default)  # a bad default fails when the catalogue is read
    return parameter


def _with_indonesian(
    parameters: list[Parameter], value: str, path: Path, line: int
) -> list[Parameter]:
    """``parameters`` with the Indonesian description of ``# param@id: NAME -- text``."""
    match = _PARAM_ID.match(value)
    names = [p.name for p in parameters]
    if not match or match["name"] not in names:
        raise UmkmKgError(
            f"{path}, line {line}: malformed Indonesian description {value!r} "
            "(write '# param@id: NAME -- teks' after the '# param: NAME ...' line it describes; "
            f"parameters so far: {', '.join(names) or 'none'})"
        )
    return [
        replace(p, description_id=match["text"].strip()) if p.name == match["name"] else p
        for p in parameters
    ]


def _convert(kind: str, value: object) -> Identifier:
    if kind == "iri":
        return expand_iri(str(value))
    if kind == "string":
        return Literal(str(value))
    if kind in ("integer", "decimal"):
        return _number_term(kind, value)
    if kind == "date":
        if isinstance(value, dt.date):
            return Literal(value, datatype=XSD.date)
        text = str(value).strip()
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError("write the date as YYYY-MM-DD, e.g. 2021-02-02")
        return Literal(dt.date.fromisoformat(text), datatype=XSD.date)
    if kind == "boolean":
        if isinstance(value, bool):
            return Literal(value)
        word = str(value).strip().lower()
        if word not in _TRUE | _FALSE:
            raise ValueError("expected true/false (ya/tidak)")
        return Literal(word in _TRUE)
    raise ValueError(f"unknown parameter type {kind!r}")


_TYPE_WORDS = {"integer": "a whole number", "decimal": "a decimal number", "date": "a date"}


def _number_term(kind: str, value: object) -> Literal:
    """An integer or decimal parameter: plain digits (one ``.`` for decimals), within what the
    store compares (see :mod:`umkm_kg.loading.values`)."""
    from umkm_kg.loading.values import STORE_DECIMAL_MAX, STORE_INTEGER_MAX

    if isinstance(value, bool):
        raise ValueError(f"a boolean is not {_TYPE_WORDS[kind]}")
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = format(value, "f")
    text = str(value).strip()
    pattern = _INTEGER if kind == "integer" else _DECIMAL
    if len(text) > _MAX_PARAMETER_DIGITS or not pattern.fullmatch(text):
        example = "15" if kind == "integer" else "500000000 or 2.5"
        raise ValueError(
            f"write digits{' with one . for decimals' if kind == 'decimal' else ''}, "
            f"no thousands separators or exponent, e.g. {example}"
        )
    number = Decimal(text)
    limit = STORE_INTEGER_MAX if kind == "integer" else STORE_DECIMAL_MAX
    if abs(number) > limit:
        raise ValueError("larger than the store can compare")
    if kind == "integer":
        return Literal(int(number), datatype=XSD.integer)
    return Literal(number, datatype=XSD.decimal)
