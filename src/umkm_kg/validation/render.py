"""Verdicts for people and programs: rich table, JSON, Markdown and the raw SHACL report."""

from __future__ import annotations

import html
import json
import math
import re

from rich.table import Table
from rich.text import Text

from umkm_kg.validation.shapes import criteria
from umkm_kg.validation.verdicts import SentraVerdict, Validation

STATUS_WORDS = {
    "id": {
        "met": "terpenuhi",
        "not_met": "tidak terpenuhi",
        "unknown": "belum diketahui",
        "ready": "siap",
        "not_ready": "belum siap",
        "incomplete": "data belum lengkap",
    },
    "en": {
        "met": "met",
        "not_met": "not met",
        "unknown": "unknown",
        "ready": "ready",
        "not_ready": "not ready",
        "incomplete": "incomplete",
    },
}
STATUS_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?"}
STATUS_STYLES = {
    "met": "green",
    "not_met": "red",
    "unknown": "yellow",
    "ready": "bold green",
    "not_ready": "bold red",
    "incomplete": "bold yellow",
}
HEADINGS = {
    "id": {"sentra": "Sentra", "status": "Status", "errors": "Kesalahan data"},
    "en": {"sentra": "Sentra", "status": "Status", "errors": "Data errors"},
}


def to_json(validation: Validation) -> str:
    """The JSON contract (docs/validation.md), indented."""
    return json.dumps(validation.to_json(), ensure_ascii=False, indent=2)


def to_turtle(validation: Validation) -> str:
    """The raw SHACL validation report as Turtle."""
    return validation.report().serialize(format="turtle")


def to_table(validation: Validation, lang: str = "id") -> Table:
    """One row per sentra, one coloured column per criterion (value and mark)."""
    words = STATUS_WORDS[lang]
    legend = "; ".join(f"{c.key} = {c.label(lang)}" for c in criteria())
    table = Table(caption=legend, caption_justify="left")
    table.add_column(HEADINGS[lang]["sentra"], overflow="fold")
    table.add_column(HEADINGS[lang]["status"])
    for criterion in criteria():  # the key, one word a line: the names are in the legend below
        table.add_column(criterion.key.replace("_", "\n"), justify="right")
    for sentra in validation.sentra:
        cells = [Text(f"{sentra.key}\n{sentra.label}")]
        cells.append(Text(words[sentra.status], style=STATUS_STYLES[sentra.status]))
        for verdict in sentra.criteria:
            shown = "–" if verdict.value is None else _short_number(verdict.value)
            cells.append(
                Text(f"{STATUS_MARKS[verdict.status]} {shown}", style=STATUS_STYLES[verdict.status])
            )
        table.add_row(*cells)
    return table


def to_markdown(validation: Validation, lang: str = "id") -> str:
    """A Markdown report: the verdict table, then each sentra's findings and the data errors."""
    words = STATUS_WORDS[lang]
    head = [HEADINGS[lang]["sentra"], HEADINGS[lang]["status"]]
    head += [c.label(lang) for c in criteria()]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for sentra in validation.sentra:
        cells = [f"{_md(sentra.key)} {_md(sentra.label)}", f"**{words[sentra.status]}**"]
        cells += [
            f"{STATUS_MARKS[v.status]} {'–' if v.value is None else _short_number(v.value)}"
            for v in sentra.criteria
        ]
        lines.append("| " + " | ".join(cells) + " |")
    for sentra in validation.sentra:
        lines += ["", f"## {_md(sentra.key)}: {_md(sentra.label)} ({words[sentra.status]})", ""]
        lines += [
            f"- {STATUS_MARKS[v.status]} **{v.criterion.label(lang)}** ({words[v.status]}): "
            f"{_md(v.message[lang])}"
            for v in sentra.criteria
        ]
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


def _short_number(value: float) -> str:
    """Compact, truncated (never rounded up across a threshold): 15, 499,99 jt, 2,5 M."""
    if abs(value) >= 1_000_000_000:
        return f"{math.floor(value / 10_000_000) / 100:g} M".replace(".", ",")
    if abs(value) >= 1_000_000:
        return f"{math.floor(value / 10_000) / 100:g} jt".replace(".", ",")
    return f"{value:g}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Data as inline Markdown text: HTML characters as entities (a sentra named
    ``<script>...`` stays text, as in the HTML report), Markdown's emphasis, code, link and
    table characters escaped with a backslash, line breaks as spaces."""
    text = html.escape(" ".join(text.splitlines()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
