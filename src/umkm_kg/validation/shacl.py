"""Any data against any shapes, with the fast engine or pySHACL: a standard validation report.

This is the fast engine used as a SHACL engine in its own right (``umkm-kg shacl``), so that it
can be held to the W3C SHACL test suite beside pySHACL. The fast engine gives the expected
results or refuses a shape it does not compile with :class:`UnsupportedShape`; it never skips
one silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from umkm_kg.validation.fast import FastValidator, UnsupportedShape
from umkm_kg.validation.results import ShapeResult, report_graph, results_from_report
from umkm_kg.validation.sources import graph_to_store

ENGINES = ("fast", "pyshacl")


@dataclass(frozen=True)
class ShaclOutcome:
    """Whether the data conform, and the results of every shape."""

    conforms: bool
    results: tuple[ShapeResult, ...]

    def report(self) -> Graph:
        """The ``sh:ValidationReport`` graph."""
        return report_graph(self.results, self.conforms)


def validate_graphs(data: Graph, shapes: Graph, engine: str = "fast") -> ShaclOutcome:
    """Validate ``data`` against ``shapes``; raises :class:`UnsupportedShape` (fast engine)."""
    if engine == "fast":
        # compiled first: an unsupported shape stops here, before any data is read
        validator = FastValidator(shapes, this_bound_by_queries=False)
        results = tuple(validator.run(graph_to_store(data), workers=1))
    elif engine == "pyshacl":
        import pyshacl

        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        results = tuple(results_from_report(report, shapes, top_level_only=True))
    else:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    return ShaclOutcome(conforms=not results, results=results)


__all__ = ["ENGINES", "ShaclOutcome", "UnsupportedShape", "validate_graphs"]
