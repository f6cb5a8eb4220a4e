"""What a load produced: :class:`LoadResult` (an N-Triples file and what went into it), the
rows left out (:class:`Rejection`) and where the data came from (:class:`SourceInfo`)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rdflib import Graph

from umkm_kg.namespaces import bind_prefixes


@dataclass(frozen=True)
class Rejection:
    """A row left out under policy ``reject_row``, and why."""

    file: str
    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        column = f", column '{self.column}'" if self.column else ""
        return f"{self.file}, row {self.row}{column}: {self.reason}"


@dataclass(frozen=True)
class SourceInfo:
    """Where a load came from: path, checksum of what was read, layout, time."""

    path: Path
    sha256: str
    mapping: str
    loaded_at: datetime
    files: tuple[str, ...]


@dataclass
class LoadResult:
    """The outcome of :func:`load_source`: an N-Triples file and what went into it."""

    ntriples_path: Path
    rows_loaded: int
    rejected: list[Rejection]
    source: SourceInfo
    warnings: list[str] = field(default_factory=list)
    rows_by_table: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    unresolved: list[Rejection] = field(default_factory=list)  # names kept as written
    dropped: list[Rejection] = field(default_factory=list)  # bad optional cells left out
    corrections: list[Rejection] = field(default_factory=list)  # regions linked elsewhere
    # table -> {"rows": n, "region_kecamatan": n, "activity_concept": n} (rows.COVERAGE)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)
    activity_candidates: int = 0  # rows whose free-text activity got a KBLI 2020 candidate
    temporary: bool = False
    _graph: Graph | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # A temporary file lives as long as its result: deleted by close(), or when the result
        # is garbage-collected, or at exit; never left behind in the temp folder.
        self._cleanup = (
            weakref.finalize(self, _delete, self.ntriples_path) if self.temporary else None
        )

    def graph(self) -> Graph:
        """The loaded triples as an rdflib Graph (parsed once; for small data)."""
        if self._graph is None:
            graph = Graph()
            bind_prefixes(graph)
            from umkm_kg.store.terms import parse_ntriples  # linear in the length of a literal

            parse_ntriples(graph, self.ntriples_path)
            self._graph = graph
        return self._graph

    def close(self) -> None:
        """Delete the N-Triples file when it is a temporary one (an ``output`` file stays)."""
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> LoadResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _delete(path: Path) -> None:
    path.unlink(missing_ok=True)
