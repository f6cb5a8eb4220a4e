"""A killable child process for SPARQL evaluation.

pyoxigraph evaluates a query in Rust and cannot be interrupted from Python (no signal handler
runs until it returns), so a query that must stop (its time limit passed, Ctrl-C, the HTTP
client left) runs in a child process that is killed. The child is a fresh interpreter
(``python -m umkm_kg.store.worker``: nothing of the parent's open store, threads or main
script is copied or run again), ignores Ctrl-C (the parent decides), and dies with its
parent: on Linux the kernel sends it SIGKILL when the parent ends in any way
(``PR_SET_PDEATHSIG``), including ``kill -9`` of the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import os
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import Any

from umkm_kg.errors import UmkmKgError

_PR_SET_PDEATHSIG = 1


class QueryTimeout(UmkmKgError):
    """The query ran longer than its limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than {seconds:g} s and was stopped "
            "(raise --timeout, or narrow the query)"
        )


class Channel:
    """Pickled messages both ways over two pipes."""

    def __init__(self, reading: int, writing: int) -> None:
        self._in = Connection(reading, writable=False)
        self._out = Connection(writing, readable=False)

    def send(self, message: object) -> None:
        """Send one message."""
        self._out.send(message)

    def recv(self) -> Any:
        """Wait for the next message (EOFError once the other side is gone)."""
        return self._in.recv()

    def poll(self, timeout: float) -> bool:
        """Whether a message is waiting (within ``timeout`` seconds)."""
        return self._in.poll(timeout)

    def close(self) -> None:
        """Close both pipes."""
        self._in.close()
        self._out.close()


class Worker:
    """A child process running ``main(channel, *args)`` (``main`` as ``"module:function"``,
    ``args`` strings); jobs and replies are pickled.

    Start it from a thread that lives as long as the worker is needed (the main thread, or
    the server's event loop): Linux ties the parent-death signal to the starting thread.
    """

    def __init__(self, main: str, *args: str) -> None:
        jobs_read, jobs_write = os.pipe()
        replies_read, replies_write = os.pipe()
        command = [sys.executable, "-m", __name__, main, str(jobs_read), str(replies_write)]
        self.process = subprocess.Popen(
            [*command, str(os.getpid()), *args],
            pass_fds=(jobs_read, replies_write),
            stdin=subprocess.DEVNULL,
        )
        os.close(jobs_read)
        os.close(replies_write)
        self._channel = Channel(replies_read, jobs_write)

    def send(self, job: object) -> None:
        """Send a job."""
        self._channel.send(job)

    def recv(self) -> Any:
        """Wait for the reply (EOFError if the process ended)."""
        return self._channel.recv()

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def stop(self) -> None:
        """End the process at once (SIGKILL) and reap it; the pipes stay open (a thread may
        still be reading: it gets EOFError)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def kill(self) -> None:
        """End the process at once and close the pipes."""
        self.stop()
        self._channel.close()

    def call(self, job: object, timeout: float | None) -> Any:
        """Send ``job`` and wait for the reply; past ``timeout`` seconds the process is killed
        and :class:`QueryTimeout` raised. Ctrl-C kills it too (and propagates)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            self._channel.send(job)
            while not self._channel.poll(0.1):
                if not self.alive():
                    raise UmkmKgError("the query process ended unexpectedly")
                if deadline is not None and time.monotonic() > deadline:
                    raise QueryTimeout(timeout)
            return self._channel.recv()
        except BaseException:
            self.kill()
            raise


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent ended before the line above
        os._exit(1)


def _child(argv: list[str]) -> None:
    main, jobs, replies, parent, *args = argv
    _die_with_parent(int(parent))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    module, _, function = main.partition(":")
    target = getattr(importlib.import_module(module), function)
    with contextlib.suppress(EOFError, BrokenPipeError):
        target(Channel(int(jobs), int(replies)), *args)  # ends when the parent goes away


if __name__ == "__main__":
    _child(sys.argv[1:])
