"""An ``oxigraph`` server process: a generic SPARQL 1.1 server for the remote-store tests and
the benchmarks (``umkm-kg serve`` does not use it: see :mod:`umkm_kg.server`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from umkm_kg.errors import UmkmKgError

HOST = "127.0.0.1"


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
        if self._process:
            stop_process(self._process, grace=10)
        if self._process and self._process.stderr:
            self._process.stderr.close()
        self._process = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def stop_process(process: subprocess.Popen, grace: float) -> None:
    """Terminate ``process`` if it still runs, and kill it when it has not ended after
    ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
