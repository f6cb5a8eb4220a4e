"""The web application of ``umkm-kg serve``: pages and the SPARQL protocol over one store.

``create_app(location, ...)`` gives an ASGI application. Requests pass, in order:
:class:`~umkm_kg.server.guard.RequestGuard` (HTTP version, Host, framing, canonical target),
:class:`~umkm_kg.server.auth.Authorisation` (by route and method: only public reads pass
without the token) and Starlette's router. The analyst's pages (:mod:`umkm_kg.server.web`:
home, catalogue, sentra, enterprise and institution pages, search, validation dashboard, SPARQL
editor) are mounted by default; further pages are added through
``extra_routes=``, as :func:`~umkm_kg.server.auth.reading_page` routes; a route of another
kind needs the token.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from umkm_kg.server import web
from umkm_kg.server.auth import Authorisation, PublicRead
from umkm_kg.server.guard import RequestGuard
from umkm_kg.server.pool import QueryPool
from umkm_kg.server.sparql_protocol import query_endpoint, update_endpoint
from umkm_kg.server.store_access import Views
from umkm_kg.server.writer import MAX_UPDATE_BYTES, Writer


def create_app(
    location: Path,
    *,
    token: str | None = None,
    timeout: float = 60.0,
    workers: int = 2,
    extra_routes: Sequence[BaseRoute] = (),
) -> ASGIApp:
    """The application serving the store at ``location``; writes only if ``token`` is given."""
    routes: list[BaseRoute] = [
        PublicRead("/query", query_endpoint, methods=["GET", "POST"], name="query"),
        Route("/update", update_endpoint, methods=["POST"], name="update"),
        *web.routes(),
        *extra_routes,
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        views = Views(location)
        writer = Writer(location) if token else None
        app.state.writer = writer
        app.state.location = location
        app.state.views = views
        app.state.view = views.current
        app.state.pool = pool = QueryPool(workers, timeout)
        try:
            yield
        finally:
            pool.close()
            views.close()
            if writer:
                writer.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.router.redirect_slashes = False
    return RequestGuard(Authorisation(app, routes, token), max_body=MAX_UPDATE_BYTES)
