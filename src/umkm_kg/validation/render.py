"""Verdicts for people and programs: rich table, JSON, Markdown and the raw SHACL report."""

from __future__ import annotations

import html
import json
import re

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.console import Group as Lines
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from umkm_kg.console_layout import fits, stacked_block
from umkm_kg.validation.gaps import GAP_WORDS, gap_lines, member_gaps
from umkm_kg.validation.numbers import amount
from umkm_kg.validation.shapes import Criterion, Group, criteria
from umkm_kg.validation.verdicts import CriterionVerdict, SentraVerdict, Validation

STATUS_WORDS = {
    "id": {
        "met": "terpenuhi",
        "not_met": "tidak terpenuhi",
        "unknown": "belum diketahui",
        "ready": "siap",
        "not_ready": "belum siap",
        "incomplete": "data belum lengkap",
        "yes": "ya",
        "no": "tidak",
    },
    "en": {
        "met": "met",
        "not_met": "not met",
        "unknown": "unknown",
        "ready": "ready",
        "not_ready": "not ready",
        "incomplete": "incomplete",
        "yes": "yes",
        "no": "no",
    },
}
SEVERITY_WORDS = {
    "id": {"violation": "pelanggaran", "warning": "peringatan", "info": "keterangan"},
    "en": {"violation": "violation", "warning": "warning", "info": "info"},
}
STATUS_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?", "yes": "✓", "no": "✗"}
STATUS_STYLES = {
    "met": "green",
    "not_met": "red",
    "unknown": "yellow",
    "ready": "bold green",
    "not_ready": "bold red",
    "incomplete": "bold yellow",
    "yes": "green",
    "no": "red",
}
HEADINGS = {
    "id": {
        "sentra": "Sentra",
        "status": "Status kesiapan",
        "errors": "Kesalahan data",
        "klaster": "Memenuhi uraian klaster makalah dasar",
        "klaster_short": "klaster\n(makalah)",
        "status_note": "status diputus oleh persyaratan dasar saja",
    },
    "en": {
        "sentra": "Sentra",
        "status": "Readiness status",
        "errors": "Data errors",
        "klaster": "Meets the founding paper's description of a klaster",
        "klaster_short": "klaster\n(paper)",
        "status_note": "the status is decided by the prerequisites alone",
    },
}


def to_json(validation: Validation) -> str:
    """The JSON contract (docs/validation.md), indented."""
    return json.dumps(validation.to_json(), ensure_ascii=False, indent=2)


def to_turtle(validation: Validation) -> str:
    """The raw SHACL validation report as Turtle."""
    return validation.report().serialize(format="turtle")


def to_table(validation: Validation, lang: str = "id") -> Table:
    """One row per sentra: its status, whether it meets the paper's description of a klaster,
    then one coloured column per criterion (value and mark), the columns of each group headed
    by the group's name."""
    words, head = STATUS_WORDS[lang], HEADINGS[lang]
    legend = "\n".join(
        f"[{number}] {group.label(lang)}: "
        + "; ".join(f"{c.key} = {c.label(lang)}" for c in members)
        for number, (group, members) in enumerate(grouped(criteria()), start=1)
    )
    klaster = head["klaster_short"].replace("\n", " ")
    caption = f"{legend}\n{klaster} = {head['klaster']}\n({head['status_note']})"
    table = Table(caption=caption, caption_justify="left")
    table.add_column(head["sentra"], no_wrap=True)  # a name is never broken
    table.add_column(head["status"])
    table.add_column(head["klaster_short"])
    # the key, one word a line, after the number of its group (named in the legend below)
    for number, (_group, members) in enumerate(grouped(criteria()), start=1):
        for criterion in members:
            table.add_column(f"[{number}]\n" + criterion.key.replace("_", "\n"), justify="right")
    for sentra in validation.sentra:
        cells = [Text(f"{sentra.key}\n{sentra.label}")]
        cells.append(Text(words[sentra.status], style=STATUS_STYLES[sentra.status]))
        cells.append(_klaster_mark(sentra, lang))
        cells += [_verdict_mark(verdict, lang) for verdict in sentra.criteria]
        table.add_row(*cells)
    return table


class VerdictView:
    """The verdicts for a console: :func:`to_table` where it fits the width without breaking
    a sentra's name, else :func:`to_blocks`."""

    def __init__(self, validation: Validation, lang: str = "id") -> None:
        self.validation, self.lang = validation, lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = to_table(self.validation, self.lang)
        yield table if fits(console, options, table) else to_blocks(self.validation, self.lang)


def to_blocks(validation: Validation, lang: str = "id") -> Lines:
    """One block per sentra for a narrow terminal: its key and name, its status, then each
    criterion group with one line per criterion (mark, value, the criterion's label)."""
    words, head = STATUS_WORDS[lang], HEADINGS[lang]
    parts: list[RenderableType] = []
    marks = [
        _verdict_mark(v, lang).cell_len for sentra in validation.sentra for v in sentra.criteria
    ]
    width = max(marks, default=0) + 2  # the criteria's labels in one column
    for sentra in validation.sentra:
        status = Text(words[sentra.status], style=STATUS_STYLES[sentra.status])
        fields = [(head["status"], status)]
        fields.append((head["klaster_short"].replace("\n", " "), _klaster_mark(sentra, lang)))
        block: list[RenderableType] = [
            stacked_block(Text(sentra.key) + Text("\n") + Text(sentra.label), fields)
        ]
        for group, _members in grouped(criteria()):
            block.append(
                Padding(Text(f"{group.label(lang)}:", style="dim"), (0, 0, 0, 2), expand=False)
            )
            for verdict in (v for v in sentra.criteria if v.criterion.group == group):
                mark = _verdict_mark(verdict, lang)
                mark.pad_right(width - mark.cell_len)
                line = mark + Text(verdict.criterion.label(lang))
                block.append(Padding(line, (0, 0, 0, 4), expand=False))
        parts += [Lines(*block), Text("")]
    klaster = head["klaster_short"].replace("\n", " ")
    parts.append(Text(f"{klaster} = {head['klaster']}\n({head['status_note']})"))
    return Lines(*parts)


def _klaster_mark(sentra: SentraVerdict, lang: str) -> Text:
    status = sentra.paper_klaster.status
    return Text(f"{STATUS_MARKS[status]} {STATUS_WORDS[lang][status]}", style=STATUS_STYLES[status])


def _verdict_mark(verdict: CriterionVerdict, lang: str) -> Text:
    shown = "–" if verdict.value is None else amount(verdict.value, lang)
    return Text(f"{STATUS_MARKS[verdict.status]} {shown}", style=STATUS_STYLES[verdict.status])


def to_markdown(validation: Validation, lang: str = "id") -> str:
    """A Markdown report: the status table, one verdict table per criterion group, then each
    sentra's findings by group with the members lacking figures, and the data errors."""
    words, heading = STATUS_WORDS[lang], HEADINGS[lang]
    gaps = member_gaps(validation.source)
    head = [heading["sentra"], heading["status"], heading["klaster"]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for sentra in validation.sentra:
        klaster = sentra.paper_klaster.status
        cells = [f"{_md(sentra.key)} {_md(sentra.label)}", f"**{words[sentra.status]}**"]
        cells.append(f"{STATUS_MARKS[klaster]} {words[klaster]}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"_{heading['status_note']}_"]
    for group, members in grouped(criteria()):
        head = [heading["sentra"]] + [c.label(lang) for c in members]
        lines += ["", f"### {group.label(lang)}", ""]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for sentra in validation.sentra:
            cells = [_md(sentra.key)] + [
                f"{STATUS_MARKS[v.status]} {'–' if v.value is None else amount(v.value, lang)}"
                for v in sentra.criteria
                if v.criterion.group == group
            ]
            lines.append("| " + " | ".join(cells) + " |")
    for sentra in validation.sentra:
        lines += ["", f"## {_md(sentra.key)}: {_md(sentra.label)} ({words[sentra.status]})", ""]
        klaster = sentra.paper_klaster
        lines.append(
            f"- {heading['klaster']}: **{words[klaster.status]}** ({_md(klaster.message[lang])})"
        )
        for group, _members in grouped(criteria()):
            lines += ["", f"### {group.label(lang)}", ""]
            lines += [
                f"- {STATUS_MARKS[v.status]} **{v.criterion.label(lang)}** ({words[v.status]}): "
                f"{_md(v.message[lang])}"
                for v in sentra.criteria
                if v.criterion.group == group
            ]
        if sentra.iri in gaps:
            lines += ["", f"### {GAP_WORDS[lang]['heading']}", ""]
            lines += [f"- {_md(line)}" for line in gap_lines(gaps[sentra.iri], lang)]
    if validation.data_errors:
        lines += ["", f"## {HEADINGS[lang]['errors']}", ""]
        lines += [
            f"- {_md(p.focus)} {_md(p.path or '')} {_md(p.value or '')}: {_md(p.message[lang])}"
            for p in validation.data_errors
        ]
    return "\n".join(lines) + "\n"


def summary(sentra: list[SentraVerdict], lang: str = "id") -> str:
    """E.g. "3 sentra: 1 siap, 1 belum siap, 1 data belum lengkap"."""
    words = STATUS_WORDS[lang]
    counts = {
        s: sum(1 for v in sentra if v.status == s) for s in ("ready", "not_ready", "incomplete")
    }
    parts = ", ".join(f"{n} {words[s]}" for s, n in counts.items() if n)
    return f"{len(sentra)} sentra: {parts}" if parts else "0 sentra"


def grouped(items: tuple[Criterion, ...]) -> list[tuple[Group, list[Criterion]]]:
    """The criteria by group, groups and criteria in their order."""
    found: dict[Group, list[Criterion]] = {}
    for criterion in items:
        found.setdefault(criterion.group, []).append(criterion)
    return list(found.items())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Data as inline Markdown text: HTML characters as entities (a sentra named
    ``<script>...`` stays text, as in the HTML report), Markdown's emphasis, code, link and
    table characters escaped with a backslash, line breaks as spaces."""
    text = html.escape(" ".join(text.splitlines()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
