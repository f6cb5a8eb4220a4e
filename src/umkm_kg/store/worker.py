"""A killable child process for SPARQL evaluation.

pyoxigraph evaluates a query in Rust and cannot be interrupted from Python (no signal handler
runs until it returns), so a query that must stop (its time limit passed, Ctrl-C, the HTTP
client left) runs in a child process that is killed. The child is started with ``spawn`` (a
fresh interpreter: nothing of the parent's open store or threads is copied), ignores Ctrl-C
(the parent decides), and dies with its parent: on Linux the kernel sends it SIGKILL when the
parent ends in any way (``PR_SET_PDEATHSIG``), including ``kill -9`` of the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
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


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent ended before the line above
        os._exit(1)


def _boot(connection: Connection, parent_pid: int, main: Callable[..., None], args: tuple) -> None:
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    with contextlib.suppress(EOFError, BrokenPipeError, KeyboardInterrupt):
        main(connection, *args)  # ends when the parent goes away or stops us


class Worker:
    """One child process running ``main(connection, *args)``; jobs and replies are pickled.

    Start it from a thread that lives as long as the worker is needed (the main thread, or
    the server's event loop): Linux ties the parent-death signal to the starting thread.
    """

    def __init__(self, main: Callable[..., None], *args: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe()
        self.process = context.Process(
            target=_boot, args=(child_end, os.getpid(), main, args), daemon=True
        )
        self.process.start()
        child_end.close()

    @property
    def connection(self) -> Connection:
        """The parent's end of the pipe."""
        return self._connection

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.is_alive()

    def stop(self) -> None:
        """End the process at once (SIGKILL) and reap it; the pipe stays open (a thread may
        still be reading from it: it gets EOFError)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)

    def kill(self) -> None:
        """End the process at once and close the pipe."""
        self.stop()
        self._connection.close()

    def call(self, job: object, timeout: float | None) -> Any:
        """Send ``job`` and wait for the reply; past ``timeout`` seconds the process is killed
        and :class:`QueryTimeout` raised. Ctrl-C kills it too (and propagates)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            self._connection.send(job)
            while not self._connection.poll(0.1):
                if not self.process.is_alive():
                    raise UmkmKgError("the query process ended unexpectedly")
                if deadline is not None and time.monotonic() > deadline:
                    self.kill()
                    raise QueryTimeout(timeout)
            return self._connection.recv()
        except BaseException:
            self.kill()
            raise
