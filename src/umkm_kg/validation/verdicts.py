"""From SHACL results to verdicts: per sentra ready / not_ready / incomplete, per criterion
met / not_met / unknown with the value found, the value required and a bilingual message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from umkm_kg.namespaces import PREFIXES, SH_UMKM
from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.results import ShapeResult, report_graph
from umkm_kg.validation.shapes import SEVERITY_KEYS, Criterion, criteria, verdict_shapes
from umkm_kg.validation.sources import Selectable

STATUS_ORDER = {"met": 0, "unknown": 1, "not_met": 2}


@dataclass(frozen=True)
class CriterionVerdict:
    """One criterion for one sentra."""

    criterion: Criterion
    status: str
    value: int | float | None
    message: dict[str, str]

    def to_json(self) -> dict:
        """The criterion object of the JSON contract."""
        return {
            "criterion": self.criterion.key,
            "status": self.status,
            "value": self.value,
            "required": _number(self.criterion.required),
            "message": self.message,
        }


@dataclass(frozen=True)
class SentraVerdict:
    """All criteria of one sentra."""

    iri: URIRef
    key: str
    label: str
    criteria: tuple[CriterionVerdict, ...]

    @property
    def status(self) -> str:
        """``ready`` when all are met, ``not_ready`` when any is not met, else ``incomplete``."""
        statuses = {c.status for c in self.criteria}
        if "not_met" in statuses:
            return "not_ready"
        if "unknown" in statuses:
            return "incomplete"
        return "ready"

    def to_json(self) -> dict:
        """The sentra object of the JSON contract."""
        return {
            "sentra": self.key,
            "label": self.label,
            "status": self.status,
            "criteria": [c.to_json() for c in self.criteria],
        }


@dataclass(frozen=True)
class DataProblem:
    """A result of an application-profile shape: bad data, named by its source id."""

    focus: str
    shape: str
    path: str | None
    value: str | None
    severity: str
    message: dict[str, str]

    def to_json(self) -> dict:
        """The data_errors object of the JSON contract."""
        return {
            "focus": self.focus,
            "shape": self.shape,
            "path": self.path,
            "value": self.value,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class Validation:
    """The outcome of validating a dataset: verdicts, data problems and the raw results."""

    sentra: list[SentraVerdict]
    data_errors: list[DataProblem]
    results: list[ShapeResult] = field(repr=False)
    source: Selectable = field(repr=False)

    @property
    def unusable(self) -> bool:
        """True when a profile shape found a violation: the input cannot be trusted."""
        return any(p.severity == "violation" for p in self.data_errors)

    @property
    def exit_code(self) -> int:
        """0 when every sentra is ready (or there is none: a listing of firms), 1 when any
        is not, 2 for unusable input."""
        if self.unusable:
            return 2
        return 0 if all(s.status == "ready" for s in self.sentra) else 1

    def report(self) -> Graph:
        """The raw SHACL validation report; it conforms when no result is above sh:Info."""
        conforms = all(r.severity == SH.Info for r in self.results)
        return report_graph(self.results, conforms)

    def to_df(self, lang: str = "id"):  # noqa: ANN201 - pandas is optional
        """One row per sentra and criterion as a pandas DataFrame (needs pandas)."""
        from umkm_kg.validation.tables import to_df

        return to_df(self, lang)

    def to_json(self) -> dict:
        """The JSON contract of issue 3 (docs/validation.md)."""
        return {
            "sentra": [s.to_json() for s in self.sentra],
            "data_errors": [p.to_json() for p in self.data_errors],
        }


def build_validation(source: Selectable, results: list[ShapeResult]) -> Validation:
    """Verdicts per sentra (sorted by key) and data problems, from ``results``."""
    verdict_of = verdict_shapes()
    by_sentra: dict[Node, dict[str, ShapeResult]] = {}
    problems: list[DataProblem] = []
    problem_results = []
    for result in results:
        if result.shape in verdict_of:
            key, verdict = verdict_of[result.shape]
            chosen = by_sentra.setdefault(result.focus, {})
            earlier = chosen.get(key)
            if (
                earlier is None
                or STATUS_ORDER[verdict] > STATUS_ORDER[verdict_of[earlier.shape][1]]
            ):
                chosen[key] = result
        else:
            problem_results.append(result)
    if problem_results:  # name the focus nodes by the ids they had in their source files
        names = {row["node"]: str(row["id"]) for row in source.select(query_text("identifiers"))}
        problems = [_problem(result, names) for result in problem_results]
    sentra = []
    for row in source.select(query_text("sentra")):
        iri = row["sentra"]
        found = by_sentra.get(iri, {})
        verdicts = tuple(_criterion_verdict(c, found.get(c.key)) for c in criteria())
        key = str(row.get("id", iri))
        sentra.append(SentraVerdict(iri, key, str(row.get("label", key)), verdicts))
    sentra.sort(key=lambda s: s.key)
    problems.sort(key=lambda p: (p.focus, p.shape, p.path or "", p.value or ""))
    return Validation(sentra, problems, results, source)


def _criterion_verdict(criterion: Criterion, result: ShapeResult | None) -> CriterionVerdict:
    if result is None:  # no verdict shape reported: the data did not let the query decide
        return CriterionVerdict(
            criterion,
            "unknown",
            None,
            {
                "id": "kriteria ini tidak dapat dihitung dari data",
                "en": "this criterion could not be computed from the data",
            },
        )
    _key, verdict = verdict_shapes()[result.shape]
    value = result.value.toPython() if isinstance(result.value, Literal) else None
    return CriterionVerdict(
        criterion,
        verdict,
        _number(value),
        {"id": result.message("id") or "", "en": result.message("en") or ""},
    )


def _problem(result: ShapeResult, names: dict[Node, str]) -> DataProblem:
    fallback = {
        "id": f"melanggar {_short(result.component)}",
        "en": f"violates {_short(result.component)}",
    }
    return DataProblem(
        focus=names.get(result.focus, str(result.focus)),
        shape=_short(result.shape),
        path=_short(result.path) if result.path is not None else None,
        value=str(result.value) if result.value is not None else None,
        severity=SEVERITY_KEYS.get(result.severity, str(result.severity)),
        message={lang: result.message(lang) or fallback[lang] for lang in ("id", "en")},
    )


def _number(value: object) -> int | float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        return int(value) if value == int(value) else float(value)
    return None


def _short(node: Node) -> str:
    text = str(node)
    for prefix, namespace in {**PREFIXES, "sh": SH, "umkmsh": SH_UMKM}.items():
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text
