"""Run the server: uvicorn (h11) on 127.0.0.1 only, stopped cleanly by Ctrl-C, SIGTERM or SIGHUP.

There is no other process listening anywhere: the SPARQL protocol, the pages and (with the
token) the writes are all served by this process; queries run in its child processes, which
the kernel ends with it.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from collections.abc import Generator, Iterator
from pathlib import Path

import uvicorn

from umkm_kg.errors import UmkmKgError
from umkm_kg.server.app import create_app

HOST = "127.0.0.1"
MIN_TOKEN_LENGTH = 16
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Server(uvicorn.Server):
    """uvicorn's server, stopping on SIGINT, SIGTERM and SIGHUP alike, without re-raising."""

    stopped_by: str | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        originals = {sig: signal.signal(sig, self._stop) for sig in _STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)

    def _stop(self, number: int, frame: object) -> None:
        self.stopped_by = signal.Signals(number).name
        self.should_exit = True


def check_options(location: Path, allow_writes: bool, token: str | None) -> None:
    """Refuse a missing store and inconsistent write options with a clear message."""
    if not Path(location).is_dir():
        raise UmkmKgError(f"no store at {location} (load data first: umkm-kg load DATA)")
    if not allow_writes:
        if token:
            raise UmkmKgError("--token only makes sense with --allow-writes")
        return
    if not token:
        raise UmkmKgError("--allow-writes needs --token (or $UMKM_KG_SERVE_TOKEN)")
    if len(token) < MIN_TOKEN_LENGTH:
        raise UmkmKgError(
            f"a write token needs at least {MIN_TOKEN_LENGTH} characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')"
        )


def _bind(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((HOST, port))
    except OSError as error:
        listener.close()
        raise UmkmKgError(f"cannot listen on {HOST}:{port}: {error.strerror}") from None
    listener.listen(128)
    return listener


def _server(
    location: Path,
    port: int,
    *,
    allow_writes: bool,
    token: str | None,
    timeout: float,
    workers: int,
) -> tuple[_Server, socket.socket]:
    check_options(location, allow_writes, token)
    if timeout <= 0 or workers < 1:
        raise UmkmKgError("--timeout must be positive and --workers at least 1")
    app = create_app(
        Path(location), token=token if allow_writes else None, timeout=timeout, workers=workers
    )
    config = uvicorn.Config(
        app,
        http="h11",
        ws="none",
        lifespan="on",
        proxy_headers=False,
        server_header=False,
        access_log=False,
        log_level="error",
        timeout_graceful_shutdown=5,
        limit_concurrency=64,
    )
    return _Server(config), _bind(port)


def serve(
    location: Path,
    *,
    port: int = 7878,
    allow_writes: bool = False,
    token: str | None = None,
    timeout: float = 60.0,
    workers: int = 2,
    on_ready=None,
) -> str | None:
    """Serve until a stop signal; returns the signal's name. ``on_ready(url)`` is called once
    the socket listens."""
    server, listener = _server(
        location, port, allow_writes=allow_writes, token=token, timeout=timeout, workers=workers
    )
    if on_ready:
        on_ready(f"http://{HOST}:{listener.getsockname()[1]}")
    server.run(sockets=[listener])
    return server.stopped_by


@contextlib.contextmanager
def serving(
    location: Path,
    *,
    port: int = 0,
    allow_writes: bool = False,
    token: str | None = None,
    timeout: float = 60.0,
    workers: int = 1,
) -> Iterator[str]:
    """The server in a thread of this process (for tests and notebooks); yields its URL."""
    server, listener = _server(
        location, port, allow_writes=allow_writes, token=token, timeout=timeout, workers=workers
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise UmkmKgError("the server did not start")
            thread.join(0.05)
        yield f"http://{HOST}:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(30)
        listener.close()
