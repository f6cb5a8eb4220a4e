"""Quality checks of the ontology (pemeriksaan mutu ontologi), ROBOT-report style.

Each check is a SPARQL file in ``ontology/checks/`` whose comment header gives its title and
grade (ERROR, WARN or INFO) and whose rows are ``?entity ?property ?value``. An ERROR fails
the build (the tests assert the shipped ontology has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph

from umkm_kg.errors import UmkmKgError
from umkm_kg.ontology import ontology_graph
from umkm_kg.resources import resource_dir

GRADES = ("ERROR", "WARN", "INFO")
_HEADER = re.compile(r"^#\s*(title|grade|description):\s*(.*)$")


@dataclass(frozen=True)
class Check:
    """One check: its file name without ``.rq``, header and query text."""

    name: str
    title: str
    grade: str
    description: str
    query: str


@dataclass(frozen=True)
class Finding:
    """One row of a check: the term at fault, the property concerned and the offending value."""

    check: str
    title: str
    grade: str
    entity: str
    property: str | None
    value: str | None


def checks_dir() -> Path:
    """The folder holding the check queries."""
    return resource_dir("ontology") / "checks"


@cache
def load_checks() -> tuple[Check, ...]:
    """All checks of ``ontology/checks/``, sorted by name; a bad header raises UmkmKgError."""
    return tuple(read_check(path) for path in sorted(checks_dir().glob("*.rq")))


def read_check(path: Path) -> Check:
    """Read one check file and its comment header."""
    header: dict[str, str] = {}
    last = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            last = match.group(1)
            header[last] = match.group(2).strip()
        elif last == "description":
            header[last] += " " + line.lstrip("#").strip()
    if "title" not in header or header.get("grade") not in GRADES:
        raise UmkmKgError(
            f"{path}: the check's header needs '# title: ...' and '# grade: ' one of {GRADES}"
        )
    return Check(
        name=path.stem,
        title=header["title"],
        grade=header["grade"],
        description=header.get("description", ""),
        query=path.read_text(encoding="utf-8"),
    )


def run_checks(graph: Graph | None = None, names: list[str] | None = None) -> list[Finding]:
    """Run the checks (all, or those named) over ``graph`` (default: the shipped ontology)."""
    graph = ontology_graph() if graph is None else graph
    selected = [c for c in load_checks() if names is None or c.name in names]
    findings: list[Finding] = []
    for check in selected:
        for row in graph.query(check.query):
            findings.append(
                Finding(
                    check=check.name,
                    title=check.title,
                    grade=check.grade,
                    entity=str(row.entity),
                    property=None if row.property is None else str(row.property),
                    value=None if row.value is None else str(row.value),
                )
            )
    return findings


def errors(findings: list[Finding]) -> list[Finding]:
    """The findings graded ERROR."""
    return [f for f in findings if f.grade == "ERROR"]
