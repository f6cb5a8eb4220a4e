"""The server's query processes: a few killable children, each answering one query at a time.

A query that passes the time limit, or whose client disconnects, has its process killed (the
CPU is freed at once) and a fresh one takes its place.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path

from umkm_kg.server.evaluate import Answer, QueryJob
from umkm_kg.store.worker import QueryTimeout, Worker

_ANSWER = "umkm_kg.server.evaluate:answer_queries"


class ClientGone(Exception):
    """The HTTP client disconnected before its answer was ready."""


class QueryPool:
    """At most ``size`` queries at once, each limited to ``timeout`` seconds.

    Create it inside the server's event loop (the app's lifespan): the processes are started
    from that thread, and the kernel ends them if the server process dies.
    """

    def __init__(self, size: int, timeout: float) -> None:
        self.timeout = timeout
        self._slots = asyncio.Semaphore(size)
        self._idle: list[Worker] = []
        self._busy: dict[Worker, Path] = {}
        for _ in range(size):
            self._idle.append(Worker(_ANSWER))

    def views_in_use(self) -> set[Path]:
        """The store views that a running query reads."""
        return set(self._busy.values())

    async def run(self, job: QueryJob, client_gone: Callable[[], Awaitable[None]]) -> Answer:
        """Answer ``job`` in a process; :class:`~umkm_kg.store.worker.QueryTimeout` past the
        limit, :class:`ClientGone` if ``client_gone()`` returns first (the process is killed)."""
        async with self._slots:
            worker = self._take()
            self._busy[worker] = Path(job.view)
            answered = False
            try:
                worker.send(job)
                answer = await self._wait(worker, client_gone)
                answered = True
                return answer
            finally:
                del self._busy[worker]
                if answered:
                    self._idle.append(worker)

    def _take(self) -> Worker:
        while self._idle:
            worker = self._idle.pop()
            if worker.alive():
                return worker
            worker.kill()
        return Worker(_ANSWER)

    async def _wait(self, worker: Worker, client_gone: Callable[[], Awaitable[None]]) -> Answer:
        reply = asyncio.ensure_future(asyncio.to_thread(worker.recv))
        gone = asyncio.ensure_future(client_gone())
        done: set[asyncio.Future] = set()
        try:
            done, _ = await asyncio.wait(
                {reply, gone}, timeout=self.timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:  # also when cancelled (the server stops)
            if reply not in done:
                worker.stop()
                with contextlib.suppress(Exception):
                    await asyncio.shield(reply)
                worker.kill()
                self._idle.append(Worker(_ANSWER))  # ready for the next query
            gone.cancel()
        if reply in done:
            return reply.result()
        if gone in done:
            raise ClientGone
        raise QueryTimeout(self.timeout)

    def close(self) -> None:
        """End every process, idle or busy."""
        for worker in [*self._idle, *self._busy]:
            worker.kill()
        self._idle.clear()
