"""The fast engine: the same shapes, each constraint run ONCE for all focus nodes, in Oxigraph.

pySHACL runs every SPARQL constraint once per focus node in rdflib. Here each SHACL-SPARQL
constraint of ``shapes/`` runs once over a pyoxigraph store with ``$this`` left free (every
query of ``shapes/`` binds ``$this`` itself, see ``shapes/criteria.ttl``) and ``$currentShape``
bound by substitution; the rows are kept for the shape's focus nodes. The SHACL Core
constraints of property shapes are compiled to SPARQL (all value constraints of a property
shape in one query), in two join orders among which counts in the store choose at run time:
the values tested first or the focus nodes first. A
shape using a feature this compiler does not know raises :class:`UnsupportedShape` rather
than being skipped. The shapes stay the only statement of the
rules; ``tests/validation`` holds this engine to pySHACL's results on the same fixtures.

Modules: ``compile`` (shapes -> checks), ``components`` (the registry of per-component
compilers of property shapes), ``sparql`` (SHACL-SPARQL constraints), ``queries`` (query
templates, running a query), ``run`` (checks -> results), ``validator`` (:class:`FastValidator`).
"""

from umkm_kg.validation.fast.checks import UnsupportedShape
from umkm_kg.validation.fast.validator import FastValidator

__all__ = ["FastValidator", "UnsupportedShape"]
