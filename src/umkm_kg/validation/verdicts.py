"""From SHACL results to verdicts: per sentra ready / not_ready / incomplete, per criterion
met / not_met / unknown with the value found, the value required and a bilingual message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from umkm_kg.namespaces import PREFIXES, SH_UMKM
from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.results import ShapeResult, report_graph
from umkm_kg.validation.shapes import (
    SEVERITY_KEYS,
    Criterion,
    criteria,
    groups,
    shapes_graph,
    verdict_shapes,
)
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
            "group": self.criterion.group.key,
            "status": self.status,
            "value": self.value,
            "required": _number(self.criterion.required),
            "message": self.message,
        }


@dataclass(frozen=True)
class PaperKlaster:
    """Whether a sentra meets the founding paper's description of a klaster (umkm:Cluster):
    ``yes``, ``no`` or ``unknown``; another question than its readiness."""

    status: str
    message: dict[str, str]

    def to_json(self) -> dict:
        """The paper_klaster object of the JSON contract."""
        return {"status": self.status, "message": self.message}


UNKNOWN_KLASTER = PaperKlaster(
    "unknown", {"id": "tidak dapat dihitung dari data", "en": "could not be computed from the data"}
)


@dataclass(frozen=True)
class SentraVerdict:
    """All criteria of one sentra."""

    iri: URIRef
    key: str
    label: str
    criteria: tuple[CriterionVerdict, ...]
    paper_klaster: PaperKlaster = UNKNOWN_KLASTER

    @property
    def status(self) -> str:
        """From the criteria of the groups that decide it (the prerequisites): ``ready`` when
        all are met, ``not_ready`` when any is not met, else ``incomplete``."""
        statuses = {c.status for c in self.criteria if c.criterion.group.decides_status}
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
            "paper_klaster": self.paper_klaster.to_json(),
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
    sources: tuple[str, ...] = ()  # what was validated (files, or a store's loaded sources)

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
        report = report_graph(self.results, conforms)
        shapes = shapes_graph()
        for shape, criterion in shapes.subject_objects(SH_UMKM.criterion):
            report.add((shape, SH_UMKM.criterion, criterion))  # verdict shape -> its criterion
        for criterion in criteria():  # each criterion -> its group, so the groups read apart
            report.add((criterion.shape, SH_UMKM.criterionKey, Literal(criterion.key)))
            report.add((criterion.shape, SH_UMKM.group, criterion.group.iri))
        for group in groups():
            report.add((group.iri, SH_UMKM.groupKey, Literal(group.key)))
            report.add((group.iri, SH_UMKM.decidesStatus, Literal(group.decides_status)))
            for lang, text in group.name.items():
                report.add((group.iri, RDFS.label, Literal(text, lang=lang)))
        return report

    def to_df(self, lang: str = "id"):  # pandas is optional
        """One row per sentra and criterion as a pandas DataFrame (needs pandas)."""
        from umkm_kg.validation.tables import to_df

        return to_df(self, lang)

    def to_json(self) -> dict:
        """The JSON contract of ``umkm-kg validate --format json`` (docs/validation.md)."""
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
    rows = source.select(query_text("paper-klaster"))
    klaster = {row["sentra"]: paper_klaster(row) for row in rows}
    sentra = []
    for row in source.select(query_text("sentra")):
        iri = row["sentra"]
        found = by_sentra.get(iri, {})
        verdicts = tuple(_criterion_verdict(c, found.get(c.key)) for c in criteria())
        key = str(row.get("id", iri))
        described = klaster.get(iri, UNKNOWN_KLASTER)
        sentra.append(SentraVerdict(iri, key, str(row.get("label", key)), verdicts, described))
    sentra.sort(key=lambda s: s.key)
    problems.sort(key=lambda p: (p.focus, p.shape, p.path or "", p.value or ""))
    return Validation(sentra, problems, results, source)


def paper_klaster(row: dict[str, Node]) -> PaperKlaster:
    """The founding paper's description of a klaster from one row of ``paper-klaster.rq``:
    yes when the sentra has internal and external cooperation and every required kind of
    infrastructure adequate, unknown while blank adequacy or data the source did not give could
    still make it one, no otherwise."""
    count = {k: int(row[k].toPython()) if k in row else 0 for k in _KLASTER_COUNTS}
    flag = {k: bool(row[k].toPython()) if k in row else False for k in _KLASTER_FLAGS}
    cooperation = count["internal"] > 0 and count["external"] > 0
    infrastructure = count["adequate"] >= count["required"]
    if cooperation and infrastructure:
        status = "yes"
    elif (cooperation or flag["noCooperation"]) and (
        infrastructure
        or flag["noInfrastructure"]
        or count["adequate"] + count["open"] >= count["required"]
    ):
        status = "unknown"
    else:
        status = "no"
    found = (count["internal"], count["external"], count["adequate"], count["required"])
    return PaperKlaster(
        status,
        {
            "id": "{} kerja sama internal, {} kerja sama eksternal, {} dari {} jenis prasarana "
            "memadai".format(*found),
            "en": "{} internal cooperation(s), {} external cooperation(s), {} of {} kinds of "
            "infrastructure adequate".format(*found),
        },
    )


_KLASTER_COUNTS = ("internal", "external", "adequate", "open", "required")
_KLASTER_FLAGS = ("noCooperation", "noInfrastructure")


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
