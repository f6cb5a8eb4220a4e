"""What the fast engine compiles shapes into: checks (one query each and how its rows become
results), and the refusal of a shape it cannot compile."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from umkm_kg.errors import UmkmKgError
from umkm_kg.validation.fast.queries import Variants

Target = tuple[URIRef, Node]  # (sh:targetClass & co., its object)


class UnsupportedShape(UmkmKgError):
    """A shape uses a SHACL feature the fast engine does not compile; use the reference."""


@dataclass
class Check:
    """One compiled query and how its rows become results."""

    shape: Node
    severity: URIRef
    component: URIRef
    query: str
    substitutions: dict[str, Node] = field(default_factory=dict)
    messages: tuple[Literal, ...] = ()
    path: Node | None = None
    constraint: Node | None = None
    allowed: frozenset | None = None  # sh:in: the allowed values
    targeted: bool = False  # the query itself keeps ?this to the shape's targets
    # Several constraints of one property shape in one query: (variable, component, whether
    # the result names the value); a row yields a result per variable that is true.
    flags: tuple[tuple[str, URIRef, bool], ...] = ()
    # Value checks of a property shape: the query for each join order (values first or
    # not), chosen at run time from counts in the store (see run.Counts.query).
    variants: Variants = field(default_factory=dict)
    served_variants: Variants = field(default_factory=dict)  # on a server, where they differ
    multi_valued_only: bool = False  # sh:maxCount: no result unless a subject has 2 values
    target: Target | None = None
    per_focus: bool = False  # SHACL pre-binding: run once per focus node with $this bound
    classes_of: Node | None = None  # sh:class: its subclasses are written in at run time

    @property
    def shared(self) -> bool:
        """One query serves every shape that shares the constraint ($currentShape free)."""
        return "currentShape" in self.substitutions and not self.per_focus


@dataclass
class Shape:
    """A shape with targets, and its checks."""

    node: Node
    targets: list[Target]
    checks: list[Check]
