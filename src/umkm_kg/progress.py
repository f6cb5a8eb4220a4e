"""Progress of long operations, for whoever wants to show it (the CLI draws a Rich bar).

Loading, converting, validating, linking and discovering report their stages and counts to
the reporter of the current context, which does nothing unless one is set::

    from umkm_kg.progress import reporting

    class Printed:
        def stage(self, name, total=None, unit="rows"):
            print("stage:", name, total, unit)

        def advance(self, done):
            print("  done:", done)

    with reporting(Printed()):
        store.load("examples/kediri-tenun-ikat")

The reporter is a context variable rather than a parameter: the operations nest (a load
converts, then writes the store, then adds size assessments) and each level reports its own
stages without every signature in between carrying the reporter. Operations report counts at
a low rate (every :data:`EVERY` rows or firms) so that reporting costs nothing measurable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TypeVar

EVERY = 1024  # rows (firms, records...) between two reports of a count
T = TypeVar("T")


class Reporter(Protocol):
    """What a long operation tells: a stage begins; so much of it is done."""

    def stage(self, name: str, total: int | None = None, unit: str = "rows") -> None:
        """Stage ``name`` begins (the previous one is over); ``total`` units, when known.
        An empty ``unit``: the stage has no count, only a duration."""

    def advance(self, done: int) -> None:
        """``done`` units of the current stage are done so far (a running total)."""


class Silent:
    """The default reporter: shows nothing."""

    def stage(self, name: str, total: int | None = None, unit: str = "rows") -> None:
        """Nothing."""

    def advance(self, done: int) -> None:
        """Nothing."""


SILENT = Silent()
_current: ContextVar[Reporter] = ContextVar("umkm_kg_progress", default=SILENT)


def reporter() -> Reporter:
    """The reporter of the current context (:data:`SILENT` unless :func:`reporting` set one)."""
    return _current.get()


@contextmanager
def reporting(target: Reporter) -> Iterator[Reporter]:
    """Operations run inside the block report to ``target``."""
    token = _current.set(target)
    try:
        yield target
    finally:
        _current.reset(token)


def counted(items: Iterable[T], every: int = EVERY) -> Iterator[T]:
    """``items`` as they are, their running count reported every ``every`` items and at the
    end, once (no counting at all when nobody listens)."""
    progress = reporter()
    if progress is SILENT:
        yield from items
        return
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        if not done % every:
            progress.advance(done)
    if done % every or not done:
        progress.advance(done)
