"""The first check of every request, before routing: HTTP version, Host, framing, target.

- Only HTTP/1.0 and HTTP/1.1 (505 otherwise).
- Host must be 127.0.0.1, localhost or [::1], with or without a port (421 for another name,
  400 for a missing or malformed one): a web page on another site cannot reach this server
  through a name it points at 127.0.0.1 (DNS rebinding).
- A body must come with Content-Length: ``Transfer-Encoding`` gets 411 at once (h11 itself
  answers 400 to ``Content-Length: -1``, ``abc`` or two different lengths), a length above the
  largest accepted body 413.
- The target is reduced to one canonical path, or refused with 400: an absolute-form target
  (``http://127.0.0.1:7878/update``) is read as its path, and its authority must pass the Host
  check; percent-escapes are decoded (``/%75pdate`` is ``/update``); an encoded ``/``, a
  control character, an empty, ``.`` or ``..`` segment, a fragment, an invalid escape or
  character, ``*`` or anything not starting with ``/`` is refused.

Routing and authorisation (:mod:`umkm_kg.server.auth`) then see only the canonical path.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

_CONTROL = frozenset(map(chr, [*range(0x20), 0x7F]))  # C0 control characters and DEL

_HOST = re.compile(r"(?:127\.0\.0\.1|localhost|\[::1\])(?::[0-9]{1,5})?", re.IGNORECASE)
_ABSOLUTE = re.compile(r"(?i:https?)://([^/?#]*)(.*)", re.DOTALL)
# RFC 3986 path characters: unreserved, sub-delims, ':', '@', '/', and escapes
_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")
# a query string as browsers send it: printable ASCII but '#' (``{`` and ``|`` stay raw there)
_QUERY = re.compile(r"[\x21\x22\x24-\x7e]*")


class Refusal(Exception):
    """A request refused before routing: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def refuse(
    send: Send, status: int, message: str, headers: dict[str, str] | None = None
) -> None:
    """Answer with a short text and close the connection."""
    body = (message + "\n").encode("utf-8")
    fields = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": fields})
    await send({"type": "http.response.body", "body": body})


def check_host(value: str | None) -> None:
    """Refuse a Host (or absolute-form authority) other than this machine's loopback names."""
    if value is None:
        raise Refusal(400, "the request has no Host header")
    if not _HOST.fullmatch(value):
        if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", value):
            raise Refusal(400, "the Host header is malformed")
        raise Refusal(421, "this server answers only for 127.0.0.1, localhost or [::1]")


def canonical_path(raw: str) -> str:
    """The decoded path of an origin-form ``raw`` path, or :class:`Refusal` (400)."""
    if not raw.startswith("/") or not _PATH.fullmatch(raw):
        raise Refusal(
            400, "malformed request target: a path from '/', of URL characters and %XX escapes"
        )
    segments = raw.split("/")[1:]
    decoded = []
    for position, segment in enumerate(segments):
        try:
            text = unquote_to_bytes(segment).decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(400, "malformed request target: escapes that are not UTF-8") from None
        last = position == len(segments) - 1
        if (text == "" and not last) or text in (".", ".."):
            raise Refusal(400, "malformed request target: empty, '.' or '..' path segment")
        if "/" in text or "\\" in text or any(c in _CONTROL for c in text):
            raise Refusal(400, "malformed request target: encoded '/' or control character")
        decoded.append(text)
    return "/" + "/".join(decoded)


def _target(scope: Scope, host: str | None) -> tuple[str, str, str]:
    """(host to check, raw path, query) of the request's target."""
    raw = scope.get("raw_path", b"").decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    if "#" in raw or not _QUERY.fullmatch(query):
        raise Refusal(400, "malformed request target: a fragment or a character not allowed")
    absolute = _ABSOLUTE.fullmatch(raw)
    if absolute:
        authority, path = absolute.groups()
        return authority, path or "/", query
    return host, raw, query


class RequestGuard:
    """ASGI middleware: refuse what must not reach routing (see the module's text)."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        try:
            scope = self._checked(scope)
        except Refusal as refusal:
            await refuse(send, refusal.status, str(refusal))
            return
        await self.app(scope, receive, send)

    def _checked(self, scope: Scope) -> Scope:
        if scope.get("http_version") not in ("1.0", "1.1"):
            raise Refusal(505, "only HTTP/1.0 and HTTP/1.1 are served")
        headers: dict[bytes, list[bytes]] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name.lower(), []).append(value)
        hosts = headers.get(b"host", [])
        if len(hosts) > 1:
            raise Refusal(400, "more than one Host header")
        host = hosts[0].decode("latin-1") if hosts else None
        authority, raw, query = _target(scope, host)
        check_host(host)
        if authority != host:
            check_host(authority)
        if b"transfer-encoding" in headers:
            raise Refusal(411, "send the body with a Content-Length, not Transfer-Encoding")
        lengths = headers.get(b"content-length", [b"0"])
        if int(lengths[0]) > self.max_body:
            raise Refusal(413, f"the body is larger than {self.max_body} bytes")
        path = canonical_path(raw)
        return {
            **scope,
            "path": path,
            "raw_path": raw.encode("latin-1"),
            "query_string": query.encode("latin-1"),
        }
