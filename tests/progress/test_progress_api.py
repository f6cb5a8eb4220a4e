"""The Python API reports stages and counts to the reporter of the context, none by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from umkm_kg.discovery import discover, read_firms
from umkm_kg.linking import candidate_links
from umkm_kg.linking.records import Record
from umkm_kg.loading import load_source
from umkm_kg.progress import SILENT, counted, reporter, reporting
from umkm_kg.store import EmbeddedStore
from umkm_kg.validation import validate_sources

REPO = Path(__file__).resolve().parents[2]
KEDIRI = REPO / "examples" / "kediri-tenun-ikat"


class Recorded:
    """Every report, in order: ("stage", name, total, unit) or ("advance", done)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def stage(self, name: str, total: int | None = None, unit: str = "rows") -> None:
        self.events.append(("stage", name, total, unit))

    def advance(self, done: int) -> None:
        self.events.append(("advance", done))

    def stages(self) -> list[str]:
        return [event[1] for event in self.events if event[0] == "stage"]

    def counts(self, stage: str) -> list[int]:
        """The counts reported while ``stage`` ran."""
        found, inside = [], False
        for event in self.events:
            if event[0] == "stage":
                inside = event[1] == stage
            elif inside:
                found.append(event[1])
        return found


def test_nothing_is_reported_by_default() -> None:
    assert reporter() is SILENT
    with reporting(Recorded()) as recorded:
        assert reporter() is recorded
    assert reporter() is SILENT


def test_counted_reports_every_n_and_the_end() -> None:
    recorded = Recorded()
    with reporting(recorded):
        assert list(counted(range(10), every=4)) == list(range(10))
    assert recorded.events == [("advance", 4), ("advance", 8), ("advance", 10)]
    assert list(counted(range(3))) == [0, 1, 2]  # nobody listens: the items as they are


def test_loading_reports_each_table_with_its_rows() -> None:
    recorded = Recorded()
    with reporting(recorded), load_source(KEDIRI) as result:
        pass
    assert "read enterprises.csv" in recorded.stages()
    assert recorded.counts("read enterprises.csv")[-1] == result.rows_by_table["enterprises"]
    assert sum(recorded.counts(f"read {t}.csv")[-1] for t in result.rows_by_table) == (
        result.rows_loaded
    )


def test_the_store_reports_its_stages(tmp_path: Path) -> None:
    recorded = Recorded()
    with reporting(recorded):
        store = EmbeddedStore(tmp_path / "store")
        report = store.load(KEDIRI)
        store.close()
    stages = recorded.stages()
    assert stages.index("read sentra.csv") < stages.index("store: bulk load")
    assert stages.index("store: bulk load") < stages.index("size assessments")
    assert stages[-1] == "store: flush"
    assert recorded.counts("store: bulk load")[-1] == report.triples
    bulk = next(e for e in recorded.events if e[:2] == ("stage", "store: bulk load"))
    assert bulk[2:] == (report.triples, "triples")


def test_validation_reports_its_checks() -> None:
    recorded = Recorded()
    with reporting(recorded):
        validation = validate_sources([KEDIRI])
    assert validation.sentra
    checks = next(e for e in recorded.events if e[:2] == ("stage", "checks"))
    total = checks[2]
    assert total > 1 and checks[3] == "queries"
    assert recorded.counts("checks") == list(range(1, total + 1))
    assert recorded.stages()[-1] == "verdicts"


def test_discovery_counts_the_firms_it_reads() -> None:
    recorded = Recorded()
    with reporting(recorded):
        found = discover(read_firms(KEDIRI))
    assert recorded.stages() == ["read firms", "location quotients"]
    assert recorded.counts("read firms")[-1] == found.firms_read


@pytest.mark.parametrize("left", [0, 3, 130])
def test_linking_counts_the_records_compared(left: int) -> None:
    lefts = [Record(f"urn:l{i}", name=f"Batik {i}") for i in range(left)]
    rights = [Record("urn:r", name="Batik 1")]
    recorded = Recorded()
    with reporting(recorded):
        candidate_links(lefts, rights)
    assert recorded.events[0] == ("stage", "compare", left, "records")
    expected = [*range(64, left + 1, 64), left]
    assert recorded.counts("compare") == expected


def test_the_display_draws_stage_names_as_text() -> None:
    """A workbook sheet's label has brackets: drawn as they are, never read as Rich markup."""
    import io

    from rich.console import Console

    from umkm_kg.cli_progress import SHOWN_STAGES, RichReporter

    out = io.StringIO()
    display = RichReporter(Console(file=out, force_terminal=True, width=80))
    with display.display:
        for number in range(SHOWN_STAGES + 1):
            display.stage(f"read b{number}.xlsx [firms]")
            display.advance(2048)
    drawn = out.getvalue()
    assert f"read b{SHOWN_STAGES}.xlsx [firms]" in drawn and "2,048 rows" in drawn
    shown = [task.description for task in display.display.tasks]
    assert shown == [f"read b{n}.xlsx [firms]" for n in range(1, SHOWN_STAGES + 1)]


def test_a_stage_that_counted_nothing_stays_at_zero() -> None:
    import io

    from rich.console import Console

    from umkm_kg.cli_progress import RichReporter

    display = RichReporter(Console(file=io.StringIO(), force_terminal=True, width=80))
    display.stage("read empty.csv")
    display.stage("store: flush", unit="")
    display.stage("next")
    empty, flushed, _ = display.display.tasks
    assert empty.completed == 0 and flushed.finished
