"""The validation verdicts of the store's current generation, computed once per generation.

:func:`~umkm_kg.validation.validate_opened` on the generation opened read-only (an in-memory
copy of its graphs, the fast engine) runs in a thread, at most one at a time; a page waits for it
until :data:`WAIT` seconds after the run started, and otherwise says that the verdicts are being
computed: on a small store the first page shows them, on a large one (minutes at 10,000 sentra)
the pages asked meanwhile do not each wait. A later load makes a new generation, whose verdicts
are computed on the next request that needs them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from pathlib import Path

from umkm_kg.store.embedded import EmbeddedStore
from umkm_kg.validation import validate_opened
from umkm_kg.validation.verdicts import Validation

WAIT = 5.0
_LOCK = threading.Lock()
_EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="verdicts")
_RUNS: dict[tuple[str, str], tuple[float, concurrent.futures.Future[Validation]]] = {}
_LEAST_WAIT = 0.05


def _validate(location: Path) -> Validation:
    store = EmbeddedStore.open_read_only(location)
    try:
        return validate_opened(store)
    finally:
        store.close()


async def verdicts(location: Path, generation: Path) -> Validation | None:
    """The verdicts of ``generation`` of the store at ``location``, or ``None`` while they are
    still being computed (a failure is raised)."""
    key = (str(location), str(generation))
    with _LOCK:
        if key not in _RUNS:
            for old in [k for k in _RUNS if k[0] == key[0]]:
                del _RUNS[old]
            _RUNS[key] = (time.monotonic(), _EXECUTOR.submit(_validate, location))
        started, run = _RUNS[key]
    wait = remaining_wait(started, time.monotonic())
    try:
        return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(run)), wait)
    except TimeoutError:
        return None


def remaining_wait(started: float, now: float) -> float:
    """How long a page waits for a run that started at ``started``: until :data:`WAIT` seconds
    after its start (at least a moment, so that a finished run is taken)."""
    return max(_LEAST_WAIT, WAIT - (now - started))
