"""Compiling a shapes graph: the shapes with targets, each into the checks of its constraints
(SPARQL constraints, and property shapes through the registry of components)."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from umkm_kg.validation.fast.checks import Check, Shape, Target, UnsupportedShape
from umkm_kg.validation.fast.components import COMPILERS, Property, compile_property
from umkm_kg.validation.fast.queries import TARGETS
from umkm_kg.validation.fast.sparql import sparql_check

# The SHACL terms each kind of shape may use here; any other sh: term is refused.
_ANNOTATIONS = {
    RDF.type,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    *TARGETS,
}
_NODE_HANDLED = {*_ANNOTATIONS, SH.property, SH.sparql}
_PROPERTY_HANDLED = {*_ANNOTATIONS, SH.path, SH.flags, *COMPILERS}


def shapes_with_targets(graph: Graph) -> list[Node]:
    """The shapes with a target, explicit or implicit (a shape that is an rdfs:Class)."""
    nodes = {s for p in TARGETS for s in graph.subjects(p, None)}
    nodes |= {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in graph.subjects(RDF.type, kind)
        if (s, RDF.type, RDFS.Class) in graph
    }
    return sorted(nodes, key=str)


def compile_shape(graph: Graph, node: Node, prebinding: bool) -> Shape:
    """The checks of one shape with targets (``prebinding``: see ``sparql_check``)."""
    targets = _shape_targets(graph, node)
    if graph.value(node, SH.deactivated) == Literal(True):
        return Shape(node, targets, [])
    if graph.value(node, SH.path) is not None:  # a property shape with targets of its own
        return Shape(node, targets, _property_checks(graph, node, targets))
    _check_known(graph, node, _NODE_HANDLED)
    checks = []
    severity = graph.value(node, SH.severity) or SH.Violation
    for constraint in graph.objects(node, SH.sparql):
        checks.append(sparql_check(graph, node, constraint, severity, prebinding))
    for prop in graph.objects(node, SH.property):
        checks.extend(_property_checks(graph, prop, targets))
    return Shape(node, targets, checks)


def _shape_targets(graph: Graph, node: Node) -> list[Target]:
    """The shape's targets, with its implicit class target (a shape that is an rdfs:Class)."""
    targets = [(p, o) for p in TARGETS for o in graph.objects(node, p)]
    if (node, RDF.type, RDFS.Class) in graph and (
        (node, RDF.type, SH.NodeShape) in graph or (node, RDF.type, SH.PropertyShape) in graph
    ):
        targets.append((SH.targetClass, node))
    return targets


def _property_checks(graph: Graph, shape: Node, targets: list[Target]) -> list[Check]:
    """The checks of a property shape, for each target (see ``components``)."""
    _check_known(graph, shape, _PROPERTY_HANDLED)
    path = graph.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{shape}: only IRI paths are supported by the fast engine")
    if graph.value(shape, SH.deactivated) == Literal(True):
        return []
    base = {
        "shape": shape,
        "severity": graph.value(shape, SH.severity) or SH.Violation,
        "messages": tuple(graph.objects(shape, SH.message)),
        "path": path,
        "targeted": True,
    }
    return [
        check
        for target in targets
        for check in compile_property(Property(graph, shape, path, target, base))
    ]


def _check_known(graph: Graph, node: Node, handled: set) -> None:
    """Refuse a shape that uses a SHACL term, or a declared component, not compiled here."""
    parameters = {  # of any constraint component declared, whatever its class
        path
        for parameter in graph.objects(None, SH.parameter)
        for path in graph.objects(parameter, SH.path)
    }
    used = parameters & set(graph.predicates(node, None))
    if used:
        raise UnsupportedShape(
            f"{node}: SPARQL-based constraint components ({', '.join(sorted(used))}) are not "
            "supported by the fast engine"
        )
    for prop in set(graph.predicates(node, None)):
        if str(prop).startswith(str(SH)) and prop not in handled:
            raise UnsupportedShape(f"{node}: {prop} is not supported by the fast engine here")
