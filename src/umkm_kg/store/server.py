"""``umkm-kg serve``: a SPARQL endpoint with a browser query UI over the user's store.

Read-only (the default) runs ``oxigraph serve-read-only`` on the store: the binary itself refuses
every update, and its home page is the YASGUI query editor. With writes allowed, ``oxigraph
serve`` listens on a private loopback port and a small proxy listens on the public one: reads and
the UI pass through, and updates (``/update``, ``PUT``/``POST``/``DELETE`` on ``/store``) pass
only with ``Authorization: Bearer <token>``. Everything binds 127.0.0.1 only.
"""

from __future__ import annotations

import hmac
import http.client
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.generations import ReaderLock, StoreFolder, WriterLock
from umkm_kg.store.writing import FLUSHED

HOST = "127.0.0.1"
MIN_TOKEN_LENGTH = 16
_WRITE_PATHS = ("/update", "/store")


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server binary: beside this Python (the PyPI package) or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise UmkmKgError(
        "the oxigraph server binary was not found (install it with: pip install oxigraph)"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class OxigraphServer:
    """An ``oxigraph`` server process on 127.0.0.1, stopped when the context ends."""

    def __init__(
        self,
        location: Path | None = None,
        *,
        port: int | None = None,
        read_only: bool = False,
        timeout_s: int | None = None,
    ) -> None:
        self.location = location
        self.port = port or free_port()
        self.read_only = read_only
        self.timeout_s = timeout_s
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The server's base URL (the query endpoint is ``{url}/query``)."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> OxigraphServer:
        """Start the process and wait until it answers (at most 20 s)."""
        command = [str(oxigraph_binary()), "serve-read-only" if self.read_only else "serve"]
        if self.location is not None:
            command += ["--location", str(self.location)]
        elif self.read_only:
            raise UmkmKgError("a read-only server needs a store location")
        command += ["--bind", f"{HOST}:{self.port}", "--union-default-graph"]
        if self.timeout_s:
            command += ["--timeout-s", str(self.timeout_s)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                error = self._process.stderr.read().strip() if self._process.stderr else ""
                raise UmkmKgError(f"the oxigraph server did not start: {error or 'it exited'}")
            try:
                with urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        self.stop()
        raise UmkmKgError(f"the oxigraph server did not answer on {self.url} within 20 s")

    def stop(self) -> None:
        """Stop the process (terminate, then kill after 10 s)."""
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process and self._process.stderr:
            self._process.stderr.close()
        self._process = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class TokenProxy:
    """A loopback HTTP proxy that lets writes through only with the bearer token."""

    def __init__(self, upstream_port: int, token: str, *, port: int | None = None) -> None:
        if len(token) < MIN_TOKEN_LENGTH:
            raise UmkmKgError(
                f"a write token needs at least {MIN_TOKEN_LENGTH} characters "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')"
            )
        self.port = port or free_port()
        self.upstream_port = upstream_port
        handler = _proxy_handler(upstream_port, token)
        self._server = http.server.ThreadingHTTPServer((HOST, self.port), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> TokenProxy:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


def _proxy_handler(upstream_port: int, token: str) -> type[http.server.BaseHTTPRequestHandler]:
    expected = f"Bearer {token}".encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._forward()

        def do_HEAD(self) -> None:  # noqa: N802
            self._forward()

        def do_POST(self) -> None:  # noqa: N802
            self._forward()

        def do_PUT(self) -> None:  # noqa: N802
            self._forward()

        def do_DELETE(self) -> None:  # noqa: N802
            self._forward()

        def _is_write(self) -> bool:
            path = self.path.split("?", 1)[0]
            if path.startswith("/update"):
                return True
            return path.startswith("/store") and self.command in ("PUT", "POST", "DELETE")

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            if self._is_write():
                given = (self.headers.get("Authorization") or "").encode()
                if not hmac.compare_digest(given, expected):
                    self._reply(401, b"writes need 'Authorization: Bearer <token>'\n")
                    return
            headers = {
                k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")
            }
            connection = http.client.HTTPConnection(HOST, upstream_port, timeout=300)
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            except OSError as error:
                self._reply(502, f"the SPARQL server did not answer: {error}\n".encode())
            finally:
                connection.close()

        def _reply(self, status: int, text: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet: the CLI prints what matters."""

    return Handler


@contextmanager
def serving(
    location: Path,
    *,
    port: int = 7878,
    allow_writes: bool = False,
    token: str | None = None,
) -> Iterator[str]:
    """Serve the store at ``location`` on 127.0.0.1:``port``; yields the URL, stops on exit.

    The server reads the store's current generation, held with a reader lock so that loads
    meanwhile do not remove it; with writes allowed it holds the store's write lock instead (a
    ``load`` meanwhile is refused, naming this process)."""
    if not Path(location).is_dir():
        raise UmkmKgError(f"no store at {location} (load data first: umkm-kg load DATA)")
    if not allow_writes and token:
        raise UmkmKgError("--token only makes sense with --allow-writes")
    if allow_writes and not token:
        raise UmkmKgError("--allow-writes needs --token (or $UMKM_KG_SERVE_TOKEN)")
    folder = StoreFolder(Path(location))
    generation, lease = ReaderLock.shared(folder)
    try:
        if generation is None:
            raise UmkmKgError(f"no store at {location} (load data first: umkm-kg load DATA)")
        served = folder.location(generation)
        if not allow_writes:
            with OxigraphServer(served, port=port, read_only=True) as server:
                yield server.url
            return
        with WriterLock(folder, wait=0):
            (served / FLUSHED).unlink(missing_ok=True)  # written in place: never checkpointed
            upstream = free_port()
            with (
                TokenProxy(upstream, token, port=port) as proxy,
                OxigraphServer(served, port=upstream),
            ):
                yield proxy.url
    finally:
        lease.release()
