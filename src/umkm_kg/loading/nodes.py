"""Writing nodes as N-Triples lines: a layout's fixed nodes, the child node a cell becomes
(identifier, equipment, observation), the IRIs code and region values point to with the
vocabulary nodes they bring, and the correction node of a region linked elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from umkm_kg.errors import UmkmKgError, excerpt
from umkm_kg.iris import slug
from umkm_kg.loading import ntriples as nt
from umkm_kg.loading.columns import DATATYPES, OBJECT, ColumnReader, RegionCorrected
from umkm_kg.loading.layout import Constant, FixedNode, Part
from umkm_kg.loading.problems import RowProblem
from umkm_kg.loading.templates import Template, expand, first_rendered
from umkm_kg.loading.values import (
    ValueProblem,
    decimal_lexical,
    parse_money,
    parse_number,
    parse_year,
)
from umkm_kg.loading.vocabularies import check_kbli, kbli_nodes, region_nodes
from umkm_kg.namespaces import ID

if TYPE_CHECKING:
    from umkm_kg.loading.state import LoadState

RDF_TYPE = nt.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CACHE_SIZE = 50_000  # entries at most in each cache of distinct values
_UMKM = "https://w3id.org/umkm-kg/ontology#"
_CORRECTION = nt.iri(_UMKM + "correction")
_CORRECTION_CLASS = nt.iri(_UMKM + "Correction")
_WRITTEN = nt.iri(_UMKM + "writtenValue")
_COMMENT = nt.iri("http://www.w3.org/2000/01/rdf-schema#comment")
_LABEL = nt.iri("http://www.w3.org/2000/01/rdf-schema#label")
_SOURCE = nt.iri("http://purl.org/dc/terms/source")


def constant_terms(constant: Constant) -> tuple[str, str]:
    """A layout constant as (predicate, object) N-Triples terms."""
    predicate = nt.iri(expand(constant.property))
    if constant.iri:
        return predicate, nt.iri(expand(constant.iri))
    datatype = expand(constant.datatype) if constant.datatype else None
    return predicate, nt.literal(str(constant.value), datatype, constant.lang)


def expand_node_iri(template: str) -> str:
    """The full IRI of a layout's fixed node (``institution/x`` is relative to ``id:``)."""
    rendered = Template(template).render({}, {})
    if rendered is None:
        raise UmkmKgError(f"the fixed node '{template}' must not hold {{variables}}")
    return rendered


def fixed_lines(node: FixedNode) -> list[str]:
    """The N-Triples of a layout's fixed node."""
    n = nt.iri(expand_node_iri(node.iri))
    lines = [f"{n} {RDF_TYPE} {nt.iri(expand(kind))} .\n" for kind in node.types]
    for lang in ("id", "en"):
        text = getattr(node.label, lang)
        if text:
            lines.append(f"{n} {_LABEL} {nt.literal(text, None, lang)} .\n")
    lines += [f"{n} {p} {o} .\n" for p, o in map(constant_terms, node.constants)]
    return lines


def head(types: list[str], constants: list[Constant]) -> list[str]:
    """The fixed lines of a node, as the separators of ``node.join(head)``: "" first, then
    each line without its subject (so the join writes the subject before every line)."""
    return [
        "",
        *(f" {RDF_TYPE} {nt.iri(expand(t))} .\n" for t in types),
        *(f" {p} {o} .\n" for p, o in (constant_terms(c) for c in constants)),
    ]


def correction_lines(
    subject: str, reader: ColumnReader, corrected: RegionCorrected, written: str, layout: str
) -> list[str]:
    """A ``umkm:Correction`` node: the region ``reader`` linked elsewhere than the row wrote
    (``written``: the row's scope and region cells)."""
    node = nt.iri(f"{subject}/correction/{slug(reader.name)}")
    source = f"loaders/{layout}.toml, column {reader.name}: also_within"
    return [
        f"{nt.iri(subject)} {_CORRECTION} {node} .\n",
        f"{node} {RDF_TYPE} {_CORRECTION_CLASS} .\n",
        f"{node} {_WRITTEN} {nt.literal(written)} .\n",
        f"{node} {_COMMENT} {nt.literal(corrected.reason, None, 'en')} .\n",
        f"{node} {_SOURCE} {nt.literal(source)} .\n",
    ]


class ObjectWriter:
    """The IRIs code and region values of one table point to, and the nodes they bring (a
    region and its parents, a KBLI class, a fixed node of the layout), each written once."""

    def __init__(self, run: LoadState, readers: list[ColumnReader]) -> None:
        self.run = run
        # code and region columns: "<p> <object> .\n" made once per distinct value
        self.tails: dict[ColumnReader, dict] = {
            r: {} for r in readers if r.mode == OBJECT and r.property and not r.inverse
        }

    def tail(self, reader: ColumnReader, text: str, texts: dict, refs: dict, lines: list) -> str:
        """``" <property> <object> .\n"`` of a code or region value (see :meth:`iri`)."""
        key = (text, *[texts.get(name) for name in reader.object_variables])
        known = self.tails[reader]
        hit = known.get(key)
        if hit is None:
            rendered = self.iri(reader, text, texts, refs, lines)
            hit = rendered, f" {reader.property} {nt.iri(rendered)} .\n"
            if len(known) < CACHE_SIZE:
                known[key] = hit
        elif reader.vocabulary and hit[0] not in self.run.emitted_nodes:
            self._vocabulary(reader, hit[0], lines)  # as iri() does
        return hit[1]

    def iri(self, reader: ColumnReader, text: str, texts: dict, refs: dict, lines: list) -> str:
        """The IRI a code or region value points to (cached: the same codes recur)."""
        key = (text, *[texts.get(name) for name in reader.object_variables])
        rendered = reader.object_cache.get(key)
        if rendered is None:
            local = {**texts, "value": text}
            rendered = first_rendered(reader.objects, local, refs)
            if rendered is None:
                empty = reader.objects[0].missing(local, refs)
                raise RowProblem(
                    reader.name,
                    f"{reader.name} '{excerpt(text)}' needs {', '.join(empty)}: "
                    f"column '{empty[0]}' "
                    f"is empty and layout '{self.run.layout.name}' gives no default",
                    f"fill '{empty[0]}'",
                )
            if len(reader.object_cache) < CACHE_SIZE:
                reader.object_cache[key] = rendered
        if reader.vocabulary and rendered not in self.run.emitted_nodes:
            self._vocabulary(reader, rendered, lines)
        return rendered

    def fixed_node(self, term: str, lines: list[str]) -> None:
        """Write the layout's description of the node ``term`` the first time it is used."""
        run = self.run
        iri = term[1:-1]
        if iri in run.fixed_nodes and iri not in run.emitted_nodes | run.pending_nodes:
            run.pending_nodes.add(iri)
            lines.extend(run.fixed_nodes[iri])

    def _vocabulary(self, reader: ColumnReader, rendered: str, lines: list[str]) -> None:
        run = self.run
        if rendered in run.emitted_nodes or rendered in run.pending_nodes:
            return
        local = rendered.removeprefix(str(ID))
        try:
            if reader.vocabulary == "region":
                code = local.removeprefix("region/")
                nodes = region_nodes(code)
                if not nodes:
                    raise ValueProblem(
                        f"unknown region code '{code}'",
                        "use a Kemendagri 2025 code (umkm-kg region NAME finds it)",
                    )
            else:
                version, code = local.removeprefix("kbli/").split("/", 1)
                check_kbli(version, code)
                nodes = kbli_nodes(version, code)
        except ValueProblem as problem:
            raise RowProblem(reader.name, problem.reason, problem.hint) from None
        run.add_nodes(nodes, lines)


class NodeWriter:
    """Writes the child node a cell value becomes (identifier, equipment, observation)."""

    def __init__(self, reader: ColumnReader) -> None:
        spec = reader.column.node
        self.reader = reader
        self.iri = tuple(Template(t) for t in spec.iri)
        self.link = nt.iri(expand(spec.link))
        self.head = head(spec.types, spec.constants)
        self.value = nt.iri(expand(spec.value)) if spec.value else None
        self.parts = {
            group: (nt.iri(expand(part.property)), part) for group, part in spec.parts.items()
        }
        # "{subject}/observation/x" (the usual case) needs no template at all
        only = spec.iri[0] if len(spec.iri) == 1 else ""
        tail = only.removeprefix("{subject}")
        self.suffix = tail if only.startswith("{subject}") and "{" not in tail else None
        own = {"subject", "value", *self.parts}
        # The row's other columns are copied into the template's variables only when needed.
        self.needs_row = any(v not in own for t in self.iri for v in t.variables)
        # named by a fixed suffix of the row's node, no parts to split the value into
        self.plain = self.suffix is not None and not reader.item_pattern and not self.parts
        self.link_part = f" {self.link} "
        self.value_part = f" {self.value} " if self.value else ""
        self.inverse = spec.inverse

    def write_plain(self, s: str, subject: str, term: str | None, lines: list[str]) -> int:
        """:meth:`write` for a :attr:`plain` node: the same lines, built in one piece."""
        n = "<" + subject + self.suffix + ">"
        link = f"{n}{self.link_part}{s} .\n" if self.inverse else f"{s}{self.link_part}{n} .\n"
        if self.value and term:
            lines.append(f"{link}{n.join(self.head)}{n}{self.value_part}{term} .\n")
            return len(self.head)
        lines.append(f"{link}{n.join(self.head)}")
        return len(self.head) - 1

    def write(
        self,
        s: str,
        subject: str,
        value: tuple[str, str | None],
        row: tuple[dict, dict],
        lines: list[str],
    ) -> int:
        """Append the node's lines for ``value`` (text, term) of the row (``row``: its texts
        and resolved references); returns how many more triples than entries it appended."""
        text, term = value
        groups = self._groups(text)
        if self.suffix is not None:
            node = subject + self.suffix
        else:
            texts, refs = row
            local = {"value": text, "subject": subject, **groups}
            if self.needs_row:
                local = {**texts, **local}
            node = first_rendered(self.iri, local, refs)
            if node is None:
                return 0
        n = nt.iri(node)
        link = f"{n} {self.link} {s} .\n" if self.inverse else f"{s} {self.link} {n} .\n"
        lines.append(f"{link}{n.join(self.head)}")
        reader = self.reader
        if self.value and term:
            kept = reader.unresolved and term[0] == '"'  # a value kept as written
            lines.append(f"{n} {reader.unresolved if kept else self.value} {term} .\n")
        for group, (predicate, part) in self.parts.items():
            if group in groups:
                lines.append(f"{n} {predicate} {self._part(groups[group], part)} .\n")
        return len(self.head) - 1  # the link and the fixed lines are one entry

    def _groups(self, text: str) -> dict[str, str]:
        """The named parts of a value with an ``item_pattern`` (none without one)."""
        reader = self.reader
        if not reader.item_pattern:
            return {}
        match = reader.item_pattern.fullmatch(text)
        if not match:
            raise RowProblem(
                reader.name,
                f"'{excerpt(text)}' does not have the expected form",
                f"expected {reader.column.item_pattern}"
                + (f", e.g. {reader.column.example}" if reader.column.example else ""),
            )
        return {k: v.strip() for k, v in match.groupdict().items() if v}

    def _part(self, text: str, part: Part) -> str:
        datatype = expand(part.datatype) if part.datatype else DATATYPES.get(part.type)
        try:
            if part.type in ("integer", "decimal", "money"):
                style = "auto"
                value = (
                    parse_money(text, style) if part.type == "money" else parse_number(text, style)
                )
                return nt.literal(decimal_lexical(value), datatype)
            if part.type == "year":
                return nt.literal(f"{parse_year(text):04d}", datatype)
        except ValueProblem as problem:
            raise RowProblem(self.reader.name, problem.reason, problem.hint) from None
        return nt.literal(text, datatype, part.lang)
