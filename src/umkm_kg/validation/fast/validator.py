"""The fast engine's entry point: a shapes graph compiled once, run on any number of stores."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from rdflib import Graph

from umkm_kg.progress import counted, reporter
from umkm_kg.validation.fast.compile import compile_shape, shapes_with_targets
from umkm_kg.validation.fast.queries import Store
from umkm_kg.validation.fast.run import (
    Counts,
    FocusNodes,
    Job,
    Subclasses,
    job_label,
    run_job,
)
from umkm_kg.validation.results import ShapeResult


class FastValidator:
    """The shapes of a shapes graph, compiled once; :meth:`run` validates a store."""

    def __init__(self, shapes: Graph, *, this_bound_by_queries: bool = True) -> None:
        """Compile ``shapes``.

        ``this_bound_by_queries``: the convention of ``shapes/`` (every SPARQL constraint binds
        ``$this`` itself), so each constraint runs once for all focus nodes. With False (any
        other shapes, ``umkm-kg shacl``), SHACL's pre-binding is kept: a constraint runs once
        per focus node with ``$this`` bound, and syntax that pre-binding forbids or that this
        engine cannot pre-bind faithfully is refused.
        """
        prebinding = not this_bound_by_queries
        self._shapes = [
            compile_shape(shapes, node, prebinding) for node in shapes_with_targets(shapes)
        ]

    def run(
        self, store: Store, workers: int = 2, timings: dict[str, float] | None = None
    ) -> list[ShapeResult]:
        """Validate everything in ``store`` (its default graph); results in no set order.

        Verdict shapes that share one SPARQL constraint run it once, ``$currentShape`` left
        free (each row names its shape); the queries run on ``workers`` threads, the shared
        ones (whole-dataset aggregations, the longest) first. ``timings``, if given, receives
        the seconds of each query by the shape (and component) it checks.
        """
        subclasses = Subclasses(store)
        counts = Counts(store, subclasses)

        def run_timed(job: Job) -> list[ShapeResult]:
            start = time.perf_counter()
            results = run_job(store, job, counts)
            if timings is not None:
                label = job_label(job)  # a shape with two targets: its two queries added up
                timings[label] = timings.get(label, 0.0) + time.perf_counter() - start
            return results

        jobs = self._jobs(store, subclasses)
        reporter().stage("checks", total=len(jobs), unit="queries")
        with ThreadPoolExecutor(max_workers=workers) as pool:
            batches = counted(pool.map(run_timed, jobs), every=1)
            # a node reached by two targets of one shape is one focus node: one result
            unique = {(r.key(), r.messages): r for batch in batches for r in batch}
            return list(unique.values())

    def _jobs(self, store: Store, subclasses: Subclasses) -> list[Job]:
        """The checks grouped by the query they run, the shared ones first."""
        focus = FocusNodes(store, subclasses)
        jobs: dict[str, Job] = {}
        for shape in self._shapes:
            untargeted = any(not check.targeted for check in shape.checks)
            nodes = focus.of(shape.targets) if untargeted else None
            for check in shape.checks:
                key = check.query if check.shared else f"{check.query}\n#{id(check)}"
                jobs.setdefault(key, []).append((check, nodes))
        return sorted(jobs.values(), key=lambda job: not job[0][0].shared)
