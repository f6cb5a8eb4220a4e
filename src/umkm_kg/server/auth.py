"""Who may do what, decided after routing, by the route and the method.

Only :class:`PublicRead` routes called with one of their methods pass without the token:
the pages and the SPARQL query endpoint, which read. Every other request needs
``Authorization: Bearer <token>`` (compared in constant time): the update endpoint, any other
method, any path that matches no route. A server started without a token (read-only) answers
403 to what needs it, and 404 to a path that matches nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac

from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from umkm_kg.server.guard import refuse

DRAIN_LIMIT = 64 << 20


class PublicRead(Route):
    """A route anyone on this machine may call with its methods, because it only reads."""


def reading_page(path: str, endpoint, name: str | None = None) -> PublicRead:
    """A page (GET and HEAD) that anyone may read: the route of every analyst's page."""
    return PublicRead(path, endpoint, methods=["GET"], name=name)


class Authorisation:
    """ASGI middleware in front of the router: public reads pass, everything else needs the
    token."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute], token: str | None) -> None:
        self.app = app
        self.routes = routes
        self._expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, match = self._route(scope)
        public = isinstance(route, PublicRead) and match == Match.FULL
        if public or self._authorised(scope):
            await self.app(scope, receive, send)
            return
        await _drain(scope, receive)  # so that the client reads the refusal, not a broken pipe
        if self._expected is None:
            if route is None:
                await refuse(send, 404, "no such page")
            else:
                await refuse(send, 403, "this server is read-only (umkm-kg serve --allow-writes)")
        else:
            await refuse(
                send,
                401,
                "this request needs 'Authorization: Bearer <token>'",
                {"WWW-Authenticate": 'Bearer realm="umkm-kg"'},
            )

    def _route(self, scope: Scope) -> tuple[BaseRoute | None, Match]:
        partial = None
        for route in self.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return route, match
            if match == Match.PARTIAL and partial is None:
                partial = route
        return partial, Match.PARTIAL if partial else Match.NONE

    def _authorised(self, scope: Scope) -> bool:
        if self._expected is None:
            return False
        given = [v for k, v in scope["headers"] if k.lower() == b"authorization"]
        return len(given) == 1 and hmac.compare_digest(given[0], self._expected)


async def _drain(scope: Scope, receive: Receive) -> None:
    """Read and drop a refused request's body (up to :data:`DRAIN_LIMIT` bytes, 10 s)."""
    lengths = [v for k, v in scope["headers"] if k.lower() == b"content-length"]
    remaining = int(lengths[0]) if lengths else 0
    if not 0 < remaining <= DRAIN_LIMIT:
        return
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            while remaining > 0:
                message = await receive()
                if message["type"] != "http.request":
                    return
                remaining -= len(message.get("body", b""))
                if not message.get("more_body"):
                    return
