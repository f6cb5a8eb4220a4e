"""The HTML report: one self-contained file (its style and its little script inline, nothing
fetched) with a header (when made, from which sources, by which version), a summary by
criterion, the verdict table (sortable and filterable with the script, whole without it) and,
per sentra, its findings, the members lacking figures and the picture of its cooperation
network (``umkm_kg.validation.network``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from html import escape
from pathlib import Path

from rdflib.term import Node

from umkm_kg import __version__
from umkm_kg.validation.gaps import GAP_WORDS, gap_lines, member_gaps
from umkm_kg.validation.labels import TermLabels
from umkm_kg.validation.network import Network, network_svg, networks
from umkm_kg.validation.numbers import amount
from umkm_kg.validation.places import Place, places
from umkm_kg.validation.render import HEADINGS, STATUS_MARKS, STATUS_WORDS, grouped, summary
from umkm_kg.validation.shapes import criteria
from umkm_kg.validation.verdicts import CriterionVerdict, SentraVerdict, Validation

MAX_PICTURES = 300  # a national file stays readable; the table lists every sentra
STATUS_RANK = {"met": 0, "unknown": 1, "not_met": 2}
TEXT = {
    "id": {
        "title": "Kesiapan sentra menjadi klaster",
        "made": "Dibuat {when} dengan umkm-kg {version}",
        "sources": "Sumber data",
        "no_sources": "tidak disebut",
        "summary": "Ringkasan per kriteria",
        "criterion": "Kriteria",
        "sentra": "Sentra",
        "province": "Provinsi",
        "kabkota": "Kabupaten/kota",
        "find": "Cari",
        "all": "semua",
        "shown": "sentra ditampilkan dari",
        "omitted": "Gambar jaringan hanya untuk {n} sentra pertama.",
        "internal": "Kerja sama internal",
        "partners": "Mitra dan kerja sama eksternal",
        "partner": "Mitra",
        "type": "Jenis lembaga",
        "kinds": "Kerja sama",
    },
    "en": {
        "title": "Readiness of sentra to become clusters",
        "made": "Made {when} with umkm-kg {version}",
        "sources": "Data sources",
        "no_sources": "not named",
        "summary": "Summary by criterion",
        "criterion": "Criterion",
        "sentra": "Sentra",
        "province": "Province",
        "kabkota": "Regency/city",
        "find": "Find",
        "all": "all",
        "shown": "sentra shown of",
        "omitted": "Network pictures only for the first {n} sentra.",
        "internal": "Internal cooperation",
        "partners": "Partners and cooperation",
        "partner": "Partner",
        "type": "Institution type",
        "kinds": "Cooperation",
    },
}


def to_html(validation: Validation, lang: str = "id", made: dt.datetime | None = None) -> str:
    """The whole report as one HTML string (``made``: when, by default now)."""
    text = TEXT[lang]
    where = places(validation.source)
    labels = TermLabels(validation.source)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text['title']}</title><style>{_asset('report.css')}</style></head><body>",
        _header(validation, lang, made or dt.datetime.now(dt.UTC)),
        _criterion_summary(validation, lang),
        _filters(validation, lang, where),
        _verdict_table(validation, lang, where),
        _data_errors(validation, lang),
    ]
    if len(validation.sentra) > MAX_PICTURES:
        parts.append(f"<p>{text['omitted'].format(n=MAX_PICTURES)}</p>")
    pictures = networks(validation.source)
    gaps = member_gaps(validation.source)
    for sentra in validation.sentra[:MAX_PICTURES]:
        net = pictures.get(sentra.iri, Network())
        parts.append(_section(sentra, lang, net, labels, gaps.get(sentra.iri, {})))
    parts.append(f"<script>{_asset('report.js')}</script></body></html>")
    return "\n".join(parts)


def _header(validation: Validation, lang: str, made: dt.datetime) -> str:
    text = TEXT[lang]
    when = made.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    sources = "".join(f"<li><code>{escape(s)}</code></li>" for s in validation.sources)
    listed = f"<ul>{sources}</ul>" if sources else f" {text['no_sources']}"
    return (
        f"<header><h1>{text['title']}</h1>"
        f"<p>{escape(text['made'].format(when=when, version=__version__))}</p>"
        f"<p>{text['sources']}:{listed}</p>"
        f"<p><b>{escape(summary(validation.sentra, lang))}</b></p></header>"
    )


def _criterion_summary(validation: Validation, lang: str) -> str:
    """Per criterion, how many sentra meet it, do not, or cannot be decided; one table per
    group (the prerequisites, which decide the status, apart from the other conditions)."""
    text, words = TEXT[lang], STATUS_WORDS[lang]
    statuses = ("met", "not_met", "unknown")
    head = "".join(f'<th class="{s}">{words[s]}</th>' for s in statuses)
    parts = [f"<h2>{text['summary']}</h2>"]
    for group, members in grouped(criteria()):
        rows = []
        for criterion in members:
            found = [v.status for s in validation.sentra for v in s.criteria
                     if v.criterion.key == criterion.key]  # fmt: skip
            cells = "".join(f'<td class="num">{found.count(s)}</td>' for s in statuses)
            rows.append(f"<tr><td>{escape(criterion.label(lang))}</td>{cells}</tr>")
        parts.append(
            f"<div><h3>{escape(group.label(lang))}</h3><table><thead><tr>"
            f"<th>{text['criterion']}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>"
        )
    return f'{parts[0]}<div class="summary">{"".join(parts[1:])}</div>'


def _filters(validation: Validation, lang: str, where: dict[Node, Place]) -> str:
    """The filter form, hidden until the script shows it (without it there is nothing to do)."""
    text, words = TEXT[lang], STATUS_WORDS[lang]
    statuses = "".join(
        f'<option value="{s}">{words[s]}</option>' for s in ("ready", "not_ready", "incomplete")
    )
    provinces = sorted({p.province for p in where.values() if p.province})
    options = "".join(f'<option value="{escape(p)}">{escape(p)}</option>' for p in provinces)
    every = f'<option value="">{text["all"]}</option>'
    return (
        f'<form id="filters" hidden><label>{text["find"]}<input name="text" type="search">'
        f"</label><label>{HEADINGS[lang]['status']}<select name=\"status\">{every}{statuses}"
        f'</select></label><label>{text["province"]}<select name="province">{every}{options}'
        f'</select></label><p><span id="shown">{len(validation.sentra)}</span> {text["shown"]} '
        f"{len(validation.sentra)}</p></form>"
    )


def _verdict_table(validation: Validation, lang: str, where: dict[Node, Place]) -> str:
    text, heading = TEXT[lang], HEADINGS[lang]
    by_group = grouped(criteria())
    fixed = (text["sentra"], text["province"], text["kabkota"], heading["status"],
             heading["klaster"])  # fmt: skip
    first = "".join(
        f'<th rowspan="2" data-column="{i}">{escape(name)}</th>' for i, name in enumerate(fixed)
    ) + "".join(
        f'<th colspan="{len(members)}">{escape(group.label(lang))}</th>'
        for group, members in by_group
    )
    second = "".join(
        f'<th data-column="{i}">{escape(c.label(lang))}</th>'
        for i, c in enumerate((c for _g, members in by_group for c in members), len(fixed))
    )
    rows = "".join(_verdict_row(s, lang, where.get(s.iri, Place())) for s in validation.sentra)
    return (
        f'<div class="wide"><table id="verdicts"><thead><tr>{first}</tr><tr>{second}</tr>'
        f"</thead><tbody>{rows}</tbody></table></div><p><i>{heading['status_note']}</i></p>"
    )


def _verdict_row(sentra: SentraVerdict, lang: str, place: Place) -> str:
    words, klaster = STATUS_WORDS[lang], sentra.paper_klaster
    cells = "".join(_criterion_cell(v, lang) for v in sentra.criteria)
    return (
        f'<tr data-status="{sentra.status}" data-province="{escape(place.province)}">'
        f'<td data-sort="{escape(sentra.key)}"><a href="#{_anchor(sentra)}">'
        f"{escape(sentra.key)}</a><br>{escape(sentra.label)}</td>"
        f"<td>{escape(place.province)}</td><td>{escape(place.kabkota)}</td>"
        f'<td class="{sentra.status}"><b>{words[sentra.status]}</b></td>'
        f'<td class="klaster-{klaster.status}" title="{escape(klaster.message[lang])}">'
        f"{STATUS_MARKS[klaster.status]} {words[klaster.status]}</td>{cells}</tr>"
    )


def _criterion_cell(verdict: CriterionVerdict, lang: str) -> str:
    """A verdict's cell; it sorts by status (met, unknown, not met), then by value."""
    shown = "–" if verdict.value is None else amount(verdict.value, lang)
    rank = STATUS_RANK[verdict.status] * 10**15 + (verdict.value or 0)
    return (
        f'<td class="{verdict.status}" data-sort="{rank}" '
        f'title="{escape(verdict.message[lang])}">{STATUS_MARKS[verdict.status]} {shown}</td>'
    )


def _data_errors(validation: Validation, lang: str) -> str:
    if not validation.data_errors:
        return ""
    items = "".join(
        f"<li>{escape(p.focus)} <code>{escape(p.path or '')}</code> "
        f"{escape(p.value or '')}: {escape(p.message[lang])}</li>"
        for p in validation.data_errors
    )
    return f"<h2>{HEADINGS[lang]['errors']}</h2><ul>{items}</ul>"


def _section(
    sentra: SentraVerdict,
    lang: str,
    net: Network,
    labels: TermLabels,
    gaps: dict[tuple[str, ...], list[str]],
) -> str:
    """One sentra: its findings by group, members lacking figures, its network."""
    words, heading, klaster = STATUS_WORDS[lang], HEADINGS[lang], sentra.paper_klaster
    parts = [
        f'<section id="{_anchor(sentra)}"><h2>{escape(sentra.key)}: {escape(sentra.label)} '
        f'<span class="{sentra.status}">({words[sentra.status]})</span></h2>'
        f"<p>{heading['klaster']}: <b>{words[klaster.status]}</b> "
        f"({escape(klaster.message[lang])})</p>"
    ]
    for group, _members in grouped(criteria()):
        items = "".join(
            f'<li class="{v.status}">{STATUS_MARKS[v.status]} '
            f"<b>{escape(v.criterion.label(lang))}</b>: {escape(v.message[lang])}</li>"
            for v in sentra.criteria
            if v.criterion.group == group
        )
        parts.append(f"<h3>{escape(group.label(lang))}</h3><ul>{items}</ul>")
    if gaps:
        items = "".join(f"<li>{escape(line)}</li>" for line in gap_lines(gaps, lang))
        parts.append(f"<h3>{GAP_WORDS[lang]['heading']}</h3><ul>{items}</ul>")
    parts += [network_svg(net, labels, lang), _cooperation_list(net, labels, lang), "</section>"]
    return "".join(parts)


def _cooperation_list(net: Network, labels: TermLabels, lang: str) -> str:
    """Every cooperation of the picture in words: internal kinds, then each partner (whole
    name, type) with the kinds of cooperation it takes part in."""
    text = TEXT[lang]
    internal = sorted({labels.label(c.kind, lang) for c in net.cooperation if c.internal})
    kinds: dict[Node, set[str]] = {}
    for coop in net.cooperation:
        if coop.partner is not None:
            kinds.setdefault(coop.partner, set()).add(labels.label(coop.kind, lang))
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(labels.label(kind, lang))}</td>"
        f"<td>{escape(', '.join(sorted(kinds.get(node, ()))))}</td></tr>"
        for node, (name, kind) in sorted(net.partners.items(), key=lambda item: item[1][0])
    )
    parts = [f"<p>{text['internal']}: {escape(', '.join(internal) or '–')}</p>"]
    if rows:
        parts.append(
            f"<table class=\"partners\"><thead><tr><th>{text['partner']}</th>"
            f"<th>{text['type']}</th><th>{text['kinds']}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return "".join(parts)


@cache
def _asset(name: str) -> str:
    """The text of this package's ``report.css`` or ``report.js``."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def _anchor(sentra: SentraVerdict) -> str:
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in sentra.key)
