"""The validation verdicts of the store's current generation, computed once per generation.

:func:`~umkm_kg.validation.validate_opened` on the generation opened read-only (an in-memory
copy of its graphs, the fast engine) runs in a thread, at most one at a time; a page waits for it
up to :data:`WAIT` seconds and otherwise says that the verdicts are being computed. A later load
makes a new generation, whose verdicts are computed on the next request that needs them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from pathlib import Path

from umkm_kg.store.embedded import EmbeddedStore
from umkm_kg.validation import validate_opened
from umkm_kg.validation.verdicts import Validation

WAIT = 5.0
_LOCK = threading.Lock()
_EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="verdicts")
_RUNS: dict[tuple[str, str], concurrent.futures.Future[Validation]] = {}


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
        run = _RUNS.get(key)
        if run is None:
            for old in [k for k in _RUNS if k[0] == key[0]]:
                del _RUNS[old]
            run = _RUNS[key] = _EXECUTOR.submit(_validate, location)
    try:
        return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(run)), WAIT)
    except TimeoutError:
        return None
