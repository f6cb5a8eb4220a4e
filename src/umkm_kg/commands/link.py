"""``umkm-kg link`` and ``umkm-kg link-accept``: entity resolution across two sources.

``link A B -o candidates.sssom.tsv`` scores sentra (or enterprises) of A against those of B and
writes the candidates for review; ``link-accept candidates.sssom.tsv -o links.ttl`` turns the
reviewed table into ``owl:sameAs`` links (load them with ``umkm-kg load links.ttl``: the graph
takes the file's name, ``id:graph/links``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from umkm_kg.cli_app import app
from umkm_kg.cli_progress import QuietOption, shown_progress
from umkm_kg.linking import (
    ACCEPT_THRESHOLD,
    CANDIDATE_THRESHOLD,
    candidate_links,
    links_graph,
    read_sssom,
    records,
    write_sssom,
)
from umkm_kg.namespaces import ID
from umkm_kg.output_files import atomic_path, check_output


class EntityKind(StrEnum):
    """What to match."""

    sentra = "sentra"
    enterprise = "enterprise"


class LinkPredicate(StrEnum):
    """How an accepted link is written."""

    same_as = "owl:sameAs"
    exact_match = "skos:exactMatch"


@app.command()
def link(
    left: Annotated[Path, typer.Argument(help="First source: template folder, CSV or RDF")],
    right: Annotated[Path, typer.Argument(help="Second source")],
    output: Annotated[Path, typer.Option("-o", "--output", help="SSSOM TSV to write")],
    kind: Annotated[EntityKind, typer.Option("--kind")] = EntityKind.enterprise,
    left_mapping: Annotated[str, typer.Option("--left-mapping")] = "template",
    right_mapping: Annotated[str, typer.Option("--right-mapping")] = "template",
    threshold: Annotated[float, typer.Option("--threshold", min=0, max=1)] = CANDIDATE_THRESHOLD,
    predicate: Annotated[LinkPredicate, typer.Option("--predicate")] = LinkPredicate.same_as,
    quiet: QuietOption = False,
) -> None:
    """Cari pasangan entitas yang sama / find the same sentra or firm in two sources (SSSOM).

    Contoh / example: umkm-kg link A.csv B.csv -o links.sssom.tsv
    """
    from umkm_kg.sources import read_graph

    check_output(output)
    with shown_progress(quiet):
        sides = [
            records(read_graph([path], mapping), kind.value, path.stem)
            for path, mapping in ((left, left_mapping), (right, right_mapping))
        ]
        candidates = candidate_links(*sides, threshold=threshold)
    mapping_set = ID[f"mapping/{left.stem}--{right.stem}"]
    count = write_sssom(candidates, output, mapping_set_id=str(mapping_set), predicate=predicate)
    accepted = sum(c.score >= ACCEPT_THRESHOLD for c in candidates)
    typer.echo(
        f"{count} candidate links ({accepted} at or above {ACCEPT_THRESHOLD}) -> {output}; "
        "review it (predicate_modifier Not = reject, reviewer_id = confirm), then link-accept"
    )


@app.command("link-accept")
def link_accept(
    table: Annotated[Path, typer.Argument(help="A reviewed SSSOM TSV from umkm-kg link")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Turtle file to write")],
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0, max=1)
    ] = ACCEPT_THRESHOLD,
) -> None:
    """Tautan yang diterima sebagai RDF / accepted links as owl:sameAs (or skos:exactMatch).

    Contoh / example: umkm-kg link-accept links.sssom.tsv -o links.ttl
    """
    check_output(output)
    graph = links_graph(read_sssom(table), min_confidence)  # every row checked first
    with atomic_path(output) as temporary:
        graph.serialize(temporary, format="turtle", encoding="utf-8")
    typer.echo(f"{len(graph)} accepted links -> {output} (load it with: umkm-kg load {output})")
