"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, ...).

Queries go through SPARQLWrapper; a load is one SPARQL 1.1 Update request (drop the source's
graphs, insert the new triples), which servers that run a request as one transaction (Oxigraph,
Fuseki/TDB2, GraphDB) apply atomically. Queries expect the endpoint's default graph to be the
union of its named graphs (``oxigraph serve --union-default-graph``, Fuseki
``tdb2:unionDefaultGraph true``; Virtuoso does so by default).
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as sparql_errors

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import bind_prefixes
from umkm_kg.store.assessments import FigureCollector, write_assessments
from umkm_kg.store.base import LoadReport, Store, now
from umkm_kg.store.provenance import (
    SourceInfo,
    assessment_graph_iri,
    provenance_graph,
    source_graph_iri,
    vocabulary_graphs,
)
from umkm_kg.store.results import Rows
from umkm_kg.store.shared import REFERENCE_GRAPH, is_shared, split_shared
from umkm_kg.store.sources import prepared
from umkm_kg.store.terms import from_sparql_json, to_python
from umkm_kg.store.values_block import with_values

_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def update_endpoint_for(endpoint: str) -> str:
    """The update URL beside a query URL: Oxigraph ``/query`` -> ``/update``, Fuseki
    ``/sparql`` -> ``/update``; otherwise the same URL (Virtuoso, GraphDB take both)."""
    for suffix in ("/query", "/sparql"):
        if endpoint.rstrip("/").endswith(suffix):
            return endpoint.rstrip("/")[: -len(suffix)] + "/update"
    return endpoint


class RemoteStore(Store):
    """Any SPARQL 1.1 endpoint, reached over HTTP."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        timeout: float = 60.0,
        token: str | None = None,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise UmkmKgError(f"{endpoint!r} is not an http(s) URL of a SPARQL endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or update_endpoint_for(endpoint)
        self.timeout = timeout
        self._token = token

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def select(self, sparql: str, bindings: dict[str, Identifier] | None = None) -> Rows:
        """Run a SELECT or ASK query; parameters travel as a VALUES block of RDF terms."""
        result = self._request(with_values(sparql, bindings or {}), JSON).convert()
        if "boolean" in result:
            return Rows(["result"], [{"result": bool(result["boolean"])}])
        variables = result["head"]["vars"]
        rows = [
            {name: to_python(from_sparql_json(binding.get(name))) for name in variables}
            for binding in result["results"]["bindings"]
        ]
        return Rows(variables, rows)

    def load(
        self, path: str | Path, mapping: str = "template", *, name: str | None = None
    ) -> LoadReport:
        """Replace the source's graphs on the endpoint in one SPARQL Update request."""
        started = now()
        with prepared(Path(path), mapping, name) as source:
            graph = source_graph_iri(source.name)
            collector = FigureCollector()
            lines = []
            try:
                for triple in ox.parse(path=str(source.rdf_path), format=source.rdf_format):
                    collector.add(triple)
                    if not is_shared(triple.subject):  # those go to the reference graph
                        lines.append(f"{triple} .")
            except (SyntaxError, ValueError) as error:
                raise UmkmKgError(f"{path}: not valid RDF; nothing was sent ({error})") from None
            collector.check()
            reference = "".join(f"{triple} .\n" for triple in split_shared(collector.shared))
            assessments = io.StringIO()
            assessment_count = write_assessments(
                collector.figures, assessments, collector.observation_figures()
            )
            info = SourceInfo(
                source.path,
                source.sha256,
                source.mapping,
                started,
                now(),
                collector.triples,
                source.rows_loaded,
                source.rows_rejected,
            )
            data = "\n".join(lines) + "\n" + provenance_graph(graph, info).serialize(format="nt")
            replaced = bool(self.select(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["result"])
            self._update(
                {
                    graph: data,
                    assessment_graph_iri(source.name): assessments.getvalue(),
                    **{
                        iri: vocabulary.serialize(format="nt")
                        for iri, vocabulary in vocabulary_graphs().items()
                    },
                },
                added={REFERENCE_GRAPH: reference},
            )
        return LoadReport(
            source.path,
            graph,
            collector.triples,
            source.rows_loaded,
            source.rows_rejected,
            replaced,
            assessment_count,
            source.notes,
            source.coverage,
        )

    def to_graph(self) -> Graph:
        """All triples of the endpoint's named graphs as one rdflib Graph."""
        graph = self._request(_ALL_TRIPLES, N3, "CONSTRUCT").convert()
        bind_prefixes(graph)
        return graph

    def _update(self, graphs: dict[str, str], added: dict[str, str]) -> None:
        """Replace ``graphs`` and add to ``added`` (N-Triples text each) in one request."""
        operations = []
        for iri, ntriples in graphs.items():
            operations.append(f"DROP SILENT GRAPH <{iri}>")
            operations.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }}")
        for iri, ntriples in added.items():
            operations.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }}")
        body = " ;\n".join(operations).encode("utf-8")
        request = urllib.request.Request(
            self.update_endpoint,
            data=body,
            method="POST",
            headers={"Content-Type": "application/sparql-update", **self._auth()},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise UmkmKgError(
                f"the SPARQL update endpoint {self.update_endpoint} answered HTTP {error.code} "
                f"{error.reason}: {detail.strip()}"
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _unreachable(self.update_endpoint, error, self.timeout) from None

    def _request(self, query: str, return_format: str, form: str = "SELECT"):  # noqa: ANN202
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setQuery(query)
        # SPARQLWrapper guesses the form from the text and can take words in comments
        # ("loaded", "drop") for update keywords; we know what we send
        wrapper.queryType = form
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(return_format)
        wrapper.setTimeout(int(self.timeout) or 1)
        for header, value in self._auth().items():
            wrapper.addCustomHttpHeader(header, value)
        try:
            return wrapper.query()
        except sparql_errors.QueryBadFormed as error:
            raise UmkmKgError(f"{self.endpoint} refused the query as malformed: {error}") from None
        except sparql_errors.SPARQLWrapperException as error:
            raise UmkmKgError(f"the SPARQL endpoint {self.endpoint} failed: {error}") from None
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise UmkmKgError(
                f"the SPARQL endpoint {self.endpoint} answered HTTP {error.code} "
                f"{error.reason}: {detail.strip()}"
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _unreachable(self.endpoint, error, self.timeout) from None

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"


def _unreachable(url: str, error: BaseException, timeout: float) -> UmkmKgError:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError):
        return UmkmKgError(
            f"the query ran longer than {timeout:g} s: the SPARQL endpoint {url} did not answer "
            "in time (raise --timeout, or simplify the query)"
        )
    return UmkmKgError(
        f"cannot reach the SPARQL endpoint {url}: {reason} "
        "(is the server running, and is the URL right?)"
    )
