"""Candidate links as a reviewable SSSOM mapping table, and accepted links as a graph.

The TSV follows SSSOM (https://w3id.org/sssom): a ``#``-prefixed YAML metadata block
(``curie_map``, ``mapping_set_id``, ``license``), then one row per candidate with
``subject_id``, ``predicate_id`` (``owl:sameAs`` or ``skos:exactMatch``), ``object_id``,
``mapping_justification`` (``semapv:CompositeMatching``), ``confidence`` (the score) and the
evidence in ``comment``. A reviewer rejects a row by writing ``Not`` in ``predicate_modifier``
and confirms one by writing their name or ORCID in ``reviewer_id``. A row is accepted when it
is not rejected and is either reviewed or scored at least ``min_confidence``.

Every cell is written through :func:`umkm_kg.spreadsheet_cells.neutralise` (a label such as
``=HYPERLINK(...)`` never runs in the reviewer's spreadsheet) and read back through
:func:`~umkm_kg.spreadsheet_cells.restore`. Reading checks every row before anything is
accepted: a malformed IRI, predicate or confidence is a :class:`DataErrors` naming each row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, SKOS, Graph, URIRef

from umkm_kg.errors import DataError, DataErrors, excerpt
from umkm_kg.linking.matching import ACCEPT_THRESHOLD, Candidate
from umkm_kg.namespaces import ID, bind_prefixes
from umkm_kg.output_files import atomic_output
from umkm_kg.spreadsheet_cells import delimited_row, restore

COLUMNS = (
    "subject_id", "subject_label", "predicate_id", "predicate_modifier", "object_id",
    "object_label", "mapping_justification", "confidence", "subject_source", "object_source",
    "mapping_tool", "reviewer_id", "comment",
)  # fmt: skip
PREDICATES = {"owl:sameAs": OWL.sameAs, "skos:exactMatch": SKOS.exactMatch}
CURIE_MAP = {
    "id": str(ID),
    "owl": str(OWL),
    "skos": str(SKOS),
    "semapv": "https://w3id.org/semapv/vocab/",
}
LINKS_GRAPH = ID["graph/links"]
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+")


@dataclass(frozen=True)
class MappingRow:
    """One row of an SSSOM table, as read back after review."""

    row: int
    subject_id: str
    predicate_id: str
    object_id: str
    confidence: float
    predicate_modifier: str = ""
    reviewer_id: str = ""

    @property
    def rejected(self) -> bool:
        """The reviewer said these are not the same entity."""
        return self.predicate_modifier.strip().lower() == "not"


def _curie(iri: str) -> str:
    for prefix, base in CURIE_MAP.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def _iri(curie: str) -> str:
    prefix, sep, local = curie.partition(":")
    if sep and prefix in CURIE_MAP and not local.startswith("//"):
        return CURIE_MAP[prefix] + local
    return curie


def write_sssom(
    candidates: Iterable[Candidate],
    path: str | Path,
    *,
    mapping_set_id: str,
    predicate: str = "owl:sameAs",
) -> int:
    """Write the candidates as SSSOM TSV; returns the number of rows."""
    if predicate not in PREDICATES:
        raise ValueError(f"predicate must be one of {sorted(PREDICATES)}")
    lines = ["#curie_map:"] + [f"#  {p}: {base}" for p, base in CURIE_MAP.items()]
    lines += [
        f"#mapping_set_id: {mapping_set_id}",
        "#license: https://creativecommons.org/licenses/by/4.0/",
        "#comment: review: write Not in predicate_modifier to reject a row,"
        " your name or ORCID in reviewer_id to confirm it",
    ]
    count = 0
    with atomic_output(path, encoding="utf-8", newline="") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.write(delimited_row(COLUMNS, "\t"))
        for candidate in candidates:
            left, right = candidate.left, candidate.right
            cells = (
                _curie(left.iri), left.name, predicate, "", _curie(right.iri), right.name,
                "semapv:CompositeMatching", f"{candidate.score:.4f}", left.source, right.source,
                "umkm-kg link", "", candidate.explain(),
            )  # fmt: skip
            handle.write(delimited_row(cells, "\t"))
            count += 1
    return count


def read_sssom(path: str | Path) -> list[MappingRow]:
    """Read a (reviewed) SSSOM TSV; all malformed rows are reported at once (DataErrors)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise DataError(
            "the mapping table is not UTF-8", file=path.name, hint="save it as UTF-8 text"
        ) from None
    except OSError as error:
        reason = f"cannot read the mapping table: {error.strerror}"
        raise DataError(reason, file=path.name) from None
    lines = text.splitlines(keepends=True)
    skipped = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    if skipped == len(lines):
        raise DataError("the mapping table has no header row", file=path.name)
    reader = csv.DictReader(lines[skipped:], delimiter="\t")
    missing = {"subject_id", "predicate_id", "object_id", "confidence"} - set(
        reader.fieldnames or ()
    )
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(sorted(missing))}", file=path.name, row=skipped + 1
        )
    rows: list[MappingRow] = []
    errors: list[DataError] = []
    previous = reader.line_num  # the header's last line, counted from the first after "#"
    for record in reader:
        number, previous = skipped + previous + 1, reader.line_num
        cells = {key: restore((value or "").strip()) for key, value in record.items() if key}
        try:
            rows.append(_mapping_row(path.name, number, cells))
        except DataError as error:
            errors.append(error)
    if errors:
        raise DataErrors(errors)
    return rows


def _mapping_row(file: str, number: int, cells: dict[str, str]) -> MappingRow:
    """One row of the table, checked: predicate, confidence and both IRIs."""
    predicate = cells.get("predicate_id", "")
    if predicate not in PREDICATES:
        raise DataError(
            f"predicate_id '{excerpt(predicate)}' is not one of {', '.join(PREDICATES)}",
            file=file, row=number, column="predicate_id",
        )  # fmt: skip
    try:
        confidence = float(cells.get("confidence") or "nan")
    except ValueError:
        confidence = float("nan")
    if not 0.0 <= confidence <= 1.0:
        raise DataError(
            f"confidence '{excerpt(cells.get('confidence', ''))}' is not a number between 0 and 1",
            file=file, row=number, column="confidence",
        )  # fmt: skip
    iris = {}
    for column in ("subject_id", "object_id"):
        iris[column] = _iri(cells.get(column, ""))
        if not _IRI.fullmatch(iris[column]):
            raise DataError(
                f"'{excerpt(cells.get(column, ''))}' is not an IRI (a space, '<', '>', '\"' or "
                "another character that an IRI cannot hold)",
                file=file,
                row=number,
                column=column,
                hint="write the identifier as umkm-kg link wrote it, e.g. id:enterprise/KDR-01",
            )
    return MappingRow(
        number,
        iris["subject_id"],
        predicate,
        iris["object_id"],
        confidence,
        cells.get("predicate_modifier", ""),
        cells.get("reviewer_id", ""),
    )


def accepted(
    rows: Iterable[MappingRow], min_confidence: float = ACCEPT_THRESHOLD
) -> list[MappingRow]:
    """Rows not rejected and either reviewed or scored at least ``min_confidence``."""
    return [r for r in rows if not r.rejected and (r.reviewer_id or r.confidence >= min_confidence)]


def links_graph(rows: Iterable[MappingRow], min_confidence: float = ACCEPT_THRESHOLD) -> Graph:
    """The accepted links as triples (``owl:sameAs`` / ``skos:exactMatch``), for the links graph."""
    graph = Graph()
    bind_prefixes(graph)
    for row in accepted(rows, min_confidence):
        graph.add((URIRef(row.subject_id), PREDICATES[row.predicate_id], URIRef(row.object_id)))
    return graph
