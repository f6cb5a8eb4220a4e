"""The SHACL Core constraint components of property shapes: one compiler each, in one registry.

A compiler gets a property shape compiled for one of its targets (:class:`Property`) and one
value of its parameter. It returns checks with a query of their own, or :class:`Condition`\\ s
that join the shape's single pass over its values (a SPARQL expression, true for a value
that violates): Oxigraph then reads the values once for every such constraint. Adding a
component is one function and one entry in :data:`COMPILERS`; a shape using a parameter
the registry does not name is refused (:class:`UnsupportedShape`), never skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from umkm_kg.validation.fast.checks import Check, Target, UnsupportedShape
from umkm_kg.validation.fast.queries import (
    PREFIXES,
    SUBCLASSES,
    TARGETS,
    flags_queries,
    orders,
    render,
)

_INTEGER_RANGES = {
    XSD.nonNegativeInteger: "?value >= 0",
    XSD.positiveInteger: "?value > 0",
    XSD.nonPositiveInteger: "?value <= 0",
    XSD.negativeInteger: "?value < 0",
}
_NODE_KINDS = {
    SH.IRI: "!isIRI(?value)",
    SH.Literal: "!isLITERAL(?value)",
    SH.BlankNode: "!isBLANK(?value)",
    SH.BlankNodeOrIRI: "isLITERAL(?value)",
    SH.BlankNodeOrLiteral: "isIRI(?value)",
    SH.IRIOrLiteral: "isBLANK(?value)",
}
# Datatypes whose literals Oxigraph can cast: an ill-formed one ("abc"^^xsd:integer) fails the
# cast and so violates sh:datatype, as SHACL asks. Virtuoso 7.2 casts without failing (or stops
# the whole query), so the lexical form is matched too: XSD 1.1's lexical spaces, without the
# whitespace a cast would collapse. ``None``: any lexical form.
_ZONE = "(Z|[+-][0-9]{2}:[0-9]{2})?"
_DATE = "-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
_NUMBER = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
_CASTABLE: dict[URIRef, str | None] = {
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.decimal: f"^{_NUMBER}$",
    XSD.double: f"^({_NUMBER}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
    XSD.float: f"^({_NUMBER}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
    XSD.boolean: "^(true|false|1|0)$",
    XSD.date: f"^{_DATE}{_ZONE}$",
    XSD.dateTime: f"^{_DATE}T{_TIME}{_ZONE}$",
    XSD.time: f"^{_TIME}{_ZONE}$",
    XSD.string: None,
    XSD.gYear: f"^-?[0-9]{{4,}}{_ZONE}$",
    XSD.gYearMonth: f"^-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_ZONE}$",
    XSD.duration: "^-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
    "(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?$",
}


@dataclass(frozen=True)
class Property:
    """A property shape compiled for one of its targets."""

    graph: Graph
    shape: Node
    path: URIRef
    target: Target
    base: dict  # the fields every check of the shape shares (shape, severity, messages...)

    def check(self, component: URIRef, query: str, **fields: object) -> Check:
        """A check of this shape with a query of its own."""
        return Check(component=component, query=query, **self.base, **fields)

    def value_check(self, component: URIRef, pattern: str, **fields: object) -> Check:
        """A check of the rows of ``pattern`` (it binds ?this and ?value), in both join
        orders (see :func:`orders`); counts in the store choose one at run time."""
        variants = orders(["this", "value"], pattern, *self.target)
        return self.check(
            component, variants[True], variants=variants, target=self.target, **fields
        )


@dataclass(frozen=True)
class Condition:
    """A constraint checked in the shape's single pass over its values."""

    component: URIRef
    sparql: str  # true for a value that violates the constraint
    named: bool = True  # whether the result names the value
    servers_only: bool = False  # needed on a SPARQL server only (the embedded store's cast)


Compiled = list[Check | Condition]
Compiler = Callable[[Property, Node], Compiled]


def min_count(prop: Property, value: Node) -> Compiled:
    """sh:minCount: at least one value: the focus nodes with none (no grouping of every
    node); more: focus nodes with no value count 0, so the query starts from the targets."""
    kind, target = prop.target
    terms = {"path": prop.path, "target": target}
    if int(value) == 1:
        query = render(
            f"{PREFIXES}SELECT ?this WHERE {{ {TARGETS[kind]} "
            "FILTER NOT EXISTS { ?this %(path)s ?v } }",
            **terms,
        )
    else:
        query = render(
            PREFIXES + "SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE { "
            f"{TARGETS[kind]} OPTIONAL {{ ?this %(path)s ?v }} }} GROUP BY ?this "
            "HAVING (COUNT(DISTINCT ?v) < %(limit)s)",
            limit=value,
            **terms,
        )
    return [prop.check(SH.MinCountConstraintComponent, query)]


def max_count(prop: Property, value: Node) -> Compiled:
    """sh:maxCount: a count per focus node; from 1 up, run only when some subject in the
    store holds two values of the path. Not a condition of the pass over the values: Virtuoso 7.2
    returned wrong values for an ``EXISTS`` bound in that pass (a firm with workers 3 and 4
    from two sources was no sh:maxCount 1 error on it, and was on the embedded store)."""
    kind, target = prop.target
    query = render(
        PREFIXES + "SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE { "
        f"{TARGETS[kind]} ?this %(path)s ?v }} GROUP BY ?this "
        "HAVING (COUNT(DISTINCT ?v) > %(limit)s)",
        limit=value,
        path=prop.path,
        target=target,
    )
    return [prop.check(SH.MaxCountConstraintComponent, query, multi_valued_only=int(value) >= 1)]


def _condition(component: URIRef, template: str, **terms: Node) -> Compiled:
    return [Condition(component, "(" + render(template, **terms) + ")")]


def datatype(prop: Property, value: Node) -> Compiled:
    """sh:datatype; an ill-formed literal of a castable type violates it too."""
    condition = "!isLITERAL(?value) || DATATYPE(?value) != %(p)s"
    lexical = _CASTABLE.get(value)
    if value in _CASTABLE:
        cast = "STR(?value)" if value == XSD.string else f"{value.n3()}(?value)"
        condition += f" || !COALESCE(isLITERAL({cast}), false)"
    elif value == RDF.langString:
        # SPARQL 1.1's DATATYPE of a language-tagged literal; Virtuoso 7.2 gives none (1.0)
        condition = '!isLITERAL(?value) || LANG(?value) = ""'
    elif value in _INTEGER_RANGES:
        # Oxigraph stores xsd:nonNegativeInteger & co. as xsd:integer, Virtuoso keeps the
        # datatype: either, with the range checked.
        condition = (
            "!isLITERAL(?value) || (DATATYPE(?value) != xsd:integer && DATATYPE(?value) != %(p)s)"
            f" || !({_INTEGER_RANGES[value]})"
        )
        lexical = _CASTABLE[XSD.integer]
    elif str(value).startswith(str(XSD)):
        # Oxigraph stores other derived types (xsd:byte, xsd:int ...) as xsd:integer
        raise UnsupportedShape(
            f"{prop.shape}: sh:datatype {value} is not supported by the fast engine"
        )
    compiled = _condition(SH.DatatypeConstraintComponent, condition, p=value)
    if lexical is None:
        return compiled
    # On a server only: Oxigraph's failed cast finds the same literals, at a quarter of the
    # regular expression's cost (validate of 1,000 sentra: 17 s CPU against 21 s).
    check = render("(isLITERAL(?value) && !REGEX(STR(?value), %(p)s))", p=Literal(lexical))
    return [*compiled, Condition(SH.DatatypeConstraintComponent, check, servers_only=True)]


def node_kind(prop: Property, value: Node) -> Compiled:
    """sh:nodeKind."""
    return _condition(SH.NodeKindConstraintComponent, _NODE_KINDS[value], p=value)


def class_(prop: Property, value: Node) -> Compiled:
    """sh:class: instances are found once for all values (a hash anti-join), not per value;
    the class and its subclasses are read from the store once per run and written in
    (Virtuoso 7.2 matched no rdfs:subClassOf* path inside MINUS)."""
    pattern = render(
        "?this %(path)s ?value MINUS { ?value rdf:type ?class_ VALUES ?class_ { "
        f"{SUBCLASSES} }} }}",
        path=prop.path,
    )
    return [prop.value_check(SH.ClassConstraintComponent, pattern, classes_of=value)]


def _comparison(component: URIRef, operator: str) -> Compiler:
    """sh:minInclusive & co.: a value not comparable with the limit violates too."""

    def compiler(prop: Property, value: Node) -> Compiled:
        return _condition(component, f"COALESCE(!(?value {operator} %(p)s), true)", p=value)

    return compiler


def pattern(prop: Property, value: Node) -> Compiled:
    """sh:pattern, with the shape's sh:flags."""
    flags = prop.graph.value(prop.shape, SH.flags) or Literal("")
    condition = "isBLANK(?value) || !REGEX(STR(?value), %(p)s, %(flags)s)"
    return _condition(SH.PatternConstraintComponent, condition, p=value, flags=flags)


def has_value(prop: Property, value: Node) -> Compiled:
    """sh:hasValue: a check per focus node, not compiled here."""
    raise UnsupportedShape(f"{prop.shape}: sh:hasValue is not supported by the fast engine")


def in_(prop: Property, value: Node) -> Compiled:
    """sh:in: the values, compared with the list in Python."""
    allowed = frozenset(Collection(prop.graph, value))
    pattern = render("?this %(path)s ?value", path=prop.path)
    return [prop.value_check(SH.InConstraintComponent, pattern, allowed=allowed)]


# Parameter -> its compiler, in the order the checks and conditions are made.
COMPILERS: dict[URIRef, Compiler] = {
    SH.minCount: min_count,
    SH.maxCount: max_count,
    SH.datatype: datatype,
    SH.nodeKind: node_kind,
    SH["class"]: class_,
    SH.minInclusive: _comparison(SH.MinInclusiveConstraintComponent, ">="),
    SH.maxInclusive: _comparison(SH.MaxInclusiveConstraintComponent, "<="),
    SH.minExclusive: _comparison(SH.MinExclusiveConstraintComponent, ">"),
    SH.maxExclusive: _comparison(SH.MaxExclusiveConstraintComponent, "<"),
    SH.pattern: pattern,
    SH.hasValue: has_value,
    SH["in"]: in_,
}


def compile_property(prop: Property) -> list[Check]:
    """The checks of a property shape for one target: each component's own queries, then one
    pass over the values for every :class:`Condition` (the values tested first, only the
    violating rows joined to the targets: Oxigraph joins in the order written, and
    violations are rare)."""
    compiled = [
        item
        for parameter, compiler in COMPILERS.items()
        for value in prop.graph.objects(prop.shape, parameter)
        for item in compiler(prop, value)
    ]
    checks = [item for item in compiled if isinstance(item, Check)]
    conditions = [item for item in compiled if isinstance(item, Condition)]
    if conditions:
        checks.append(_values_pass(prop, conditions))
    return checks


def _values_pass(prop: Property, conditions: list[Condition]) -> Check:
    """One query over the values with a variable per condition (``?f0``, ``?f1``...)."""
    flags = tuple((f"f{i}", c.component, c.named) for i, c in enumerate(conditions))
    names = [name for name, _, _ in flags]
    local = [i for i, c in enumerate(conditions) if not c.servers_only]
    variants = flags_queries(
        prop.path, [names[i] for i in local], [conditions[i].sparql for i in local], prop.target
    )
    served = {}
    if len(local) < len(conditions):
        served = flags_queries(prop.path, names, [c.sparql for c in conditions], prop.target)
    return prop.check(
        conditions[0].component,
        variants[True],
        flags=flags,
        variants=variants,
        served_variants=served,
        target=prop.target,
    )
