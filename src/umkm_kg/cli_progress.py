"""Progress of a long command on stderr: a Rich display, only on a terminal and without -q.

The Python API reports to :mod:`umkm_kg.progress`; :func:`shown_progress` turns those reports
into a live display on stderr while a block runs (erased when it ends, so that what the
command prints afterwards stands alone). stdout is never touched: JSON, CSV or a table there
stays exactly what it is without progress.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column
from rich.text import Text

from umkm_kg.progress import reporting

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress display on stderr.")
]
SHOWN_STAGES = 4  # the last stages stay on screen (a template has a stage per file)
_REFRESH_PER_SECOND = 2  # each redraw costs a few ms of CPU: twice a second is plenty


_THOUSANDS_FROM = 100_000  # a rate from here on is written in thousands: "250k/s"


class _Count(ProgressColumn):
    """``12,288 rows`` (blank for a stage without a count)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        if not unit:
            return Text("")
        return Text(f"{int(task.completed):,} {unit}", style="progress.download")


class _Rate(ProgressColumn):
    """``4,096/s`` (in the unit of the count): the recent rate, the mean one once done."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed if task.finished else task.speed
        if speed is None and task.finished and task.elapsed:
            speed = task.completed / task.elapsed
        if not task.fields.get("unit") or not speed:
            return Text("")
        text = f"{speed / 1000:,.0f}k/s" if speed >= _THOUSANDS_FROM else f"{speed:,.0f}/s"
        return Text(text, style="progress.data.speed")


class RichReporter:
    """A :class:`umkm_kg.progress.Reporter` drawing each stage as a line of a Rich display."""

    def __init__(self, console: Console) -> None:
        self.display = Progress(
            TextColumn(
                "{task.description}",
                markup=False,  # a sheet's label "book.xlsx [enterprises]" is text
                table_column=Column(width=30, no_wrap=True, overflow="ellipsis"),
            ),
            BarColumn(bar_width=10),
            _Count(table_column=Column(width=18, justify="right", no_wrap=True)),
            _Rate(table_column=Column(width=10, justify="right", no_wrap=True)),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,  # stdout carries the command's data, never the display
            refresh_per_second=_REFRESH_PER_SECOND,
        )
        self._tasks: list[TaskID] = []

    def stage(self, name: str, total: int | None = None, unit: str = "rows") -> None:
        """A new line for the stage; the previous one is shown as done."""
        if self._tasks:
            last, task = self._tasks[-1], self.display.tasks[-1]
            done = task.completed if task.fields.get("unit") else 1  # an uncounted stage: full
            self.display.update(last, total=task.completed or 1, completed=done)
            self.display.stop_task(last)
        if len(self._tasks) >= SHOWN_STAGES:
            self.display.remove_task(self._tasks.pop(0))
        self._tasks.append(self.display.add_task(name, total=total, unit=unit))

    def advance(self, done: int) -> None:
        """The count of the current stage."""
        if self._tasks:
            self.display.update(self._tasks[-1], completed=done)


def shown_progress(quiet: bool) -> AbstractContextManager[object]:
    """While the block runs, the API's progress on stderr: only when stderr is a terminal and
    ``quiet`` is not set (otherwise nothing is shown and nothing is printed)."""
    if quiet or not sys.stderr.isatty():
        return nullcontext()
    stack = ExitStack()
    reporter = RichReporter(Console(stderr=True))
    stack.enter_context(reporter.display)
    stack.enter_context(reporting(reporter))
    return stack
