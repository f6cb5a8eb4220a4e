"""The reference engine: pySHACL over the whole validation graph.

pySHACL hands rdflib the text of a SPARQL constraint once per focus node, and rdflib parses it
every time (0.1-0.6 s for the queries of ``shapes/criteria.ttl``). The data graph given to
pySHACL is therefore a :class:`PreparedQueryGraph`, which parses each query text once and
reuses the prepared query with the focus node bound: the same evaluation, without the
repeated parse.
"""

from __future__ import annotations

from functools import lru_cache

import pyshacl
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from umkm_kg.validation.results import ShapeResult, results_from_report
from umkm_kg.validation.shapes import shapes_graph


class PreparedQueryGraph(Graph):
    """An rdflib Graph that prepares each SPARQL query text once."""

    def query(self, query_object, *args, **kwargs):  # rdflib's signature
        """rdflib's ``Graph.query``, with string queries prepared once and reused."""
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def run_pyshacl(data: Graph) -> tuple[list[ShapeResult], Graph]:
    """Validate ``data`` (data + ontology + shapes, see ``prepare``) with pySHACL.

    Returns the results and pySHACL's own report graph. ``sh:Info`` results (criteria met)
    do not make the report non-conforming.
    """
    graph = data if isinstance(data, PreparedQueryGraph) else _as_prepared(data)
    shapes = shapes_graph()
    _conforms, report, _text = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        allow_infos=True,
        inplace=True,
    )
    return results_from_report(report, shapes), report


def _as_prepared(data: Graph) -> PreparedQueryGraph:
    graph = PreparedQueryGraph()
    graph += data
    return graph
