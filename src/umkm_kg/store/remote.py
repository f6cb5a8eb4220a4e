"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, ...).

Queries go through SPARQLWrapper; a load is one SPARQL 1.1 Update request (drop the source's
graphs, insert the new triples), which servers that run a request as one transaction (Oxigraph,
Fuseki/TDB2, GraphDB) apply atomically. Queries expect the endpoint's default graph to be the
union of its named graphs (``oxigraph serve --union-default-graph``, Fuseki
``tdb2:unionDefaultGraph true``; Virtuoso does so by default).
"""

from __future__ import annotations

import contextlib
import urllib.error
import urllib.request
from pathlib import Path

from rdflib import Graph
from rdflib.term import Identifier
from SPARQLWrapper import BASIC, DIGEST, JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as sparql_errors

from umkm_kg.errors import UmkmKgError
from umkm_kg.namespaces import bind_prefixes
from umkm_kg.progress import reporter
from umkm_kg.store.base import LoadReport, Store, now
from umkm_kg.store.results import Rows
from umkm_kg.store.sources import prepared
from umkm_kg.store.staging import (
    CHUNK,
    insert_operations,
    stage_source,
    staging_iri,
    switch_graphs,
)
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
    """Any SPARQL 1.1 endpoint, reached over HTTP; ``token`` (a bearer token) or ``user`` and
    ``password`` (HTTP Digest, or Basic with ``digest=False``) for servers that ask."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        timeout: float = 60.0,
        token: str | None = None,
        user: str | None = None,
        password: str | None = None,
        digest: bool = True,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise UmkmKgError(f"{endpoint!r} is not an http(s) URL of a SPARQL endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or update_endpoint_for(endpoint)
        self.timeout = timeout
        self._token = token
        self._credentials = (user, password or "") if user else None
        self._digest = digest

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

    def select_terms(
        self, sparql: str, bindings: dict[str, Identifier] | None = None
    ) -> list[dict[str, Identifier]]:
        """A SELECT query's rows as rdflib terms (unbound variables absent from a row), e.g.
        for the validation engine running its queries on the server."""
        result = self._request(with_values(sparql, bindings or {}), JSON).convert()
        return [
            {name: from_sparql_json(term) for name, term in binding.items()}
            for binding in result["results"]["bindings"]
        ]

    def load(
        self, path: str | Path, mapping: str = "template", *, name: str | None = None
    ) -> LoadReport:
        """Replace the source's graphs on the endpoint, all or nothing (see :mod:`staging`)."""
        started, progress = now(), reporter()
        with prepared(Path(path), mapping, name) as source:
            progress.stage("check figures", total=source.triples, unit="triples")
            staged = stage_source(source, started, path)
            replaced = self.ask(f"ASK {{ GRAPH <{staged.graph}> {{ ?s ?p ?o }} }}")
            moves: dict[str, str] = {}
            total = sum(map(len, staged.graphs.values()))
            progress.stage("endpoint: insert", total=total, unit="triples")
            sent = 0
            try:
                for target, ntriples in staged.graphs.items():
                    staging = staging_iri()
                    moves[staging] = target
                    for number, operation in enumerate(insert_operations(staging, ntriples), 1):
                        self.update(operation)
                        progress.advance(sent + min(number * CHUNK, len(ntriples)))
                    sent += len(ntriples)
            except BaseException:
                self.drop_silently(list(moves))
                raise
            progress.stage("endpoint: switch graphs", unit="")
            switch_graphs(self, moves)
            for graph, triples in staged.added.items():  # the reference graph only grows
                for operation in insert_operations(graph, triples):
                    self.update(operation)
        return staged.report(replaced)

    def ask(self, sparql: str) -> bool:
        """The answer to an ASK query (a clear error when the endpoint gives none)."""
        result = self._request(sparql, JSON, "ASK").convert()
        if not isinstance(result, dict) or not isinstance(result.get("boolean"), bool):
            raise UmkmKgError(
                f"the SPARQL endpoint {self.endpoint} did not answer the ASK query with a "
                f"boolean result: {str(result)[:200]}"
            )
        return result["boolean"]

    def update(self, operation: str) -> None:
        """Send one SPARQL 1.1 Update request."""
        request = urllib.request.Request(
            self.update_endpoint,
            data=operation.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-update", **self._auth()},
        )
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise _http_error(f"the SPARQL update endpoint {self.update_endpoint}", error) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _unreachable(self.update_endpoint, error, self.timeout) from None

    def drop_silently(self, graphs: list[str]) -> None:
        """Drop ``graphs`` (staging graphs of a failed load), ignoring failures."""
        if not graphs:
            return
        with contextlib.suppress(UmkmKgError):
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in graphs))

    def triples_in(self, graph: str) -> int:
        """How many triples named graph ``graph`` holds."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"])

    def to_graph(self) -> Graph:
        """All triples of the endpoint's named graphs as one rdflib Graph."""
        graph = self._request(_ALL_TRIPLES, N3, "CONSTRUCT").convert()
        bind_prefixes(graph)
        return graph

    def _request(self, query: str, return_format: str, form: str = "SELECT"):
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
        if self._credentials:
            wrapper.setHTTPAuth(DIGEST if self._digest else BASIC)
            wrapper.setCredentials(*self._credentials)
        try:
            return wrapper.query()
        except sparql_errors.QueryBadFormed as error:
            raise UmkmKgError(f"{self.endpoint} refused the query as malformed: {error}") from None
        except sparql_errors.SPARQLWrapperException as error:
            raise UmkmKgError(f"the SPARQL endpoint {self.endpoint} failed: {error}") from None
        except urllib.error.HTTPError as error:
            raise _http_error(f"the SPARQL endpoint {self.endpoint}", error) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _unreachable(self.endpoint, error, self.timeout) from None

    def _opener(self) -> urllib.request.OpenerDirector:
        """urllib's opener, answering the server's Digest or Basic challenge with the user's
        credentials (Virtuoso's ``/sparql-auth`` asks for Digest)."""
        if not self._credentials:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.update_endpoint, *self._credentials)
        passwords.add_password(None, self.endpoint, *self._credentials)
        return urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        )

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"


def _http_error(who: str, error: urllib.error.HTTPError) -> UmkmKgError:
    """``who`` answered with an HTTP error: its status and the start of what it said."""
    detail = error.read().decode("utf-8", "replace")[:500]
    return UmkmKgError(f"{who} answered HTTP {error.code} {error.reason}: {detail.strip()}")


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
