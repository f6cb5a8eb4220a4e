"""The state of one load: the ids read so far, errors and notes, counts, the output buffer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TextIO

from umkm_kg.activity.statements import CandidateWriter
from umkm_kg.errors import DataError
from umkm_kg.loading.layout import Layout
from umkm_kg.loading.nodes import expand_node_iri, fixed_lines
from umkm_kg.loading.result import Rejection
from umkm_kg.loading.vocabularies import kbli_nodes


class LoadState:
    """State of one load: id maps, errors, counts, the output buffer."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.reject = layout.policy == "reject_row"
        self.out: TextIO | None = None
        self.buffer: list[str] = []
        self.errors: list[DataError] = []
        self.rejected: list[Rejection] = []
        self.unresolved: list[Rejection] = []
        self.dropped: list[Rejection] = []
        self.corrections: list[Rejection] = []
        self.coverage: dict[str, dict[str, int]] = {}
        self.fixed_nodes = {expand_node_iri(n.iri): fixed_lines(n) for n in layout.nodes}
        self.warnings: list[str] = []
        self.files: set[str] = set()
        self.rows_loaded = 0
        self.rows_by_table: dict[str, int] = {}
        self.triples = 0
        self.ids: dict[str, dict[str, tuple[str, int]]] = {}
        self.failed: dict[str, dict[str, int]] = {}
        self.unreadable: set[str] = set()  # tables whose file could not be read to its end
        self.emitted_nodes: set[str] = set()
        self.pending_nodes: set[str] = set()
        self.present: set[str] = set()  # the tables the source holds
        self.activity = CandidateWriter(datetime.now(UTC))

    def add_nodes(self, nodes: dict[str, list[str]], lines: list[str]) -> None:
        """Append the lines of each vocabulary node not yet written (or pending in this row)."""
        for iri, node_lines in nodes.items():
            if iri not in self.emitted_nodes and iri not in self.pending_nodes:
                self.pending_nodes.add(iri)
                lines.extend(node_lines)

    def activity_lines(self, subject: str, text: str) -> list[str]:
        """The activity candidate of a row's free text, with its KBLI node the first time."""
        code, lines = self.activity.lines(subject, text)
        if code:
            self.add_nodes(kbli_nodes("2020", code), lines)
        return lines

    def flush(self) -> None:
        """Write the buffered lines (none once an error is known: the load fails)."""
        if self.buffer and not self.errors:
            self.out.write("".join(self.buffer))
        self.buffer.clear()

    def problem(
        self, label: str, row: int, column: str | None, reason: str, hint: str | None = None
    ) -> None:
        """A row's problem: rejected under ``reject_row``, an error under ``fail``."""
        if self.reject:
            text = reason + (f" ({hint})" if hint else "")
            self.rejected.append(Rejection(label, row, column, text))
        else:
            self.errors.append(DataError(reason, file=label, row=row, column=column, hint=hint))
