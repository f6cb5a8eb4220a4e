"""The HTML report: one self-contained file (no scripts, fonts or links to fetch) with the
verdict table and, per sentra, a picture of its cooperation network in the spirit of the
founding paper's figure: member firms inside, partners around by institution type, internal
cooperation (dashed, between members) and external cooperation (solid, to partners).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from rdflib.term import Node

from umkm_kg.namespaces import KIND
from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.render import (
    HEADINGS,
    STATUS_MARKS,
    STATUS_WORDS,
    _short_number,
    grouped,
)
from umkm_kg.validation.shapes import criteria
from umkm_kg.validation.verdicts import SentraVerdict, Validation

MAX_PICTURES = 300  # a national file stays readable; the table lists every sentra
TYPE_COLOURS = {
    "bank": "#1f77b4",
    "microfinance": "#17becf",
    "university": "#9467bd",
    "research_institute": "#8c564b",
    "local_government": "#ff7f0e",
    "central_bank": "#d62728",
    "utility": "#7f7f7f",
    "bds_provider": "#bcbd22",
    "consultant": "#bcbd22",
    "broker": "#bcbd22",
    "other": "#2ca02c",
}
OTHER_COLOUR = "#555555"
_INTERNAL_STROKE = 'stroke="#2e8b57" stroke-dasharray="4 3"'
TEXT = {
    "id": {
        "title": "Kesiapan sentra menjadi klaster",
        "members": "unit usaha",
        "internal": "kerja sama internal",
        "external": "kerja sama eksternal",
        "omitted": "Gambar jaringan hanya untuk {n} sentra pertama.",
        "errors": "Kesalahan data",
    },
    "en": {
        "title": "Readiness of sentra to become clusters",
        "members": "member firms",
        "internal": "internal cooperation",
        "external": "external cooperation",
        "omitted": "Network pictures only for the first {n} sentra.",
        "errors": "Data errors",
    },
}
STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px}
td.met{background:#e3f5e1;color:#1b6e1b}td.not_met{background:#fbe3e3;color:#a11}
td.unknown{background:#fff5d6;color:#8a6d00}.ready{color:#1b6e1b}.not_ready{color:#a11}
.incomplete{color:#8a6d00}td.klaster-yes{color:#1b6e1b}td.klaster-no{color:#a11}
td.klaster-unknown{color:#8a6d00}section{margin-top:2.5em;border-top:1px solid #ddd}
svg{max-width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}
"""


@dataclass
class Cooperation:
    """One cooperation row of the picture."""

    kind: str
    internal: bool
    participants: int
    partner: Node | None = None


@dataclass
class Network:
    """What the picture of one sentra shows."""

    members: int = 0
    cooperation: list[Cooperation] = field(default_factory=list)
    partners: dict[Node, tuple[str, str]] = field(default_factory=dict)  # node -> (label, type)


def networks(validation: Validation) -> dict[Node, Network]:
    """The cooperation network of every sentra, read from the validated data."""
    found: dict[Node, Network] = defaultdict(Network)
    for row in validation.source.select(query_text("members")):
        found[row["sentra"]].members = int(row["members"])
    for row in validation.source.select(query_text("network")):
        net = found[row["sentra"]]
        kind = str(row["kind"]).removeprefix(str(KIND))
        partner = row.get("partner")
        net.cooperation.append(
            Cooperation(
                kind=kind,
                internal=row.get("group") == KIND.internal,
                participants=int(row.get("participants", 0)),
                partner=partner,
            )
        )
        if partner is not None:
            label = str(row.get("partnerLabel", partner))
            net.partners[partner] = (label, str(row.get("partnerType", "")))
    return found


def to_html(validation: Validation, lang: str = "id") -> str:
    """The whole report as one HTML string."""
    text, words, heading = TEXT[lang], STATUS_WORDS[lang], HEADINGS[lang]
    pictures = networks(validation)
    by_group = grouped(criteria())
    groups_row = "".join(
        f'<th colspan="{len(members)}">{escape(group.label(lang))}</th>'
        for group, members in by_group
    )
    head = "".join(
        f"<th>{escape(c.label(lang))}</th>" for _group, members in by_group for c in members
    )
    rows = []
    for sentra in validation.sentra:
        cells = "".join(
            f'<td class="{v.status}" title="{escape(v.message[lang])}">'
            f"{STATUS_MARKS[v.status]} {'–' if v.value is None else _short_number(v.value)}</td>"
            for v in sentra.criteria
        )
        klaster = sentra.paper_klaster
        rows.append(
            f'<tr><td><a href="#{_anchor(sentra)}">{escape(sentra.key)}</a><br>'
            f"{escape(sentra.label)}</td>"
            f'<td class="{sentra.status}"><b>{words[sentra.status]}</b></td>'
            f'<td class="klaster-{klaster.status}" title="{escape(klaster.message[lang])}">'
            f"{STATUS_MARKS[klaster.status]} {words[klaster.status]}</td>{cells}</tr>"
        )
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{text['title']}</title><style>{STYLE}</style></head><body>",
        f"<h1>{text['title']}</h1>",
        f'<table><tr><th rowspan="2">Sentra</th><th rowspan="2">{heading["status"]}</th>'
        f'<th rowspan="2">{heading["klaster"]}</th>{groups_row}</tr><tr>{head}</tr>'
        f"{''.join(rows)}</table><p><i>{heading['status_note']}</i></p>",
    ]
    if validation.data_errors:
        items = "".join(
            f"<li>{escape(p.focus)} <code>{escape(p.path or '')}</code> "
            f"{escape(p.value or '')}: {escape(p.message[lang])}</li>"
            for p in validation.data_errors
        )
        parts.append(f"<h2>{text['errors']}</h2><ul>{items}</ul>")
    if len(validation.sentra) > MAX_PICTURES:
        parts.append(f"<p>{text['omitted'].format(n=MAX_PICTURES)}</p>")
    for sentra in validation.sentra[:MAX_PICTURES]:
        klaster = sentra.paper_klaster
        findings = [
            f"<p>{heading['klaster']}: <b>{words[klaster.status]}</b> "
            f"({escape(klaster.message[lang])})</p>"
        ]
        for group, _members in by_group:
            items = "".join(
                f'<li class="{v.status}">{STATUS_MARKS[v.status]} '
                f"<b>{escape(v.criterion.label(lang))}</b>: {escape(v.message[lang])}</li>"
                for v in sentra.criteria
                if v.criterion.group == group
            )
            findings.append(f"<h3>{escape(group.label(lang))}</h3><ul>{items}</ul>")
        parts.append(
            f'<section id="{_anchor(sentra)}"><h2>{escape(sentra.key)}: {escape(sentra.label)} '
            f'<span class="{sentra.status}">({words[sentra.status]})</span></h2>'
            f"{''.join(findings)}{network_svg(pictures.get(sentra.iri, Network()), lang)}</section>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def network_svg(net: Network, lang: str = "id") -> str:
    """An inline SVG of one sentra's cooperation network (laid out here, no library)."""
    text = TEXT[lang]
    width, height, cx, cy = 760, 470, 380, 215
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">']
    partners = sorted(net.partners.items(), key=lambda item: (item[1][1], item[1][0]))
    position = {}
    for i, (node, _) in enumerate(partners):
        angle = 2 * math.pi * i / max(len(partners), 1) - math.pi / 2
        position[node] = (cx + 290 * math.cos(angle), cy + 165 * math.sin(angle))
    kinds_to: dict[Node, list[Cooperation]] = defaultdict(list)
    internal: list[Cooperation] = []
    for coop in net.cooperation:
        if coop.partner is not None:
            kinds_to[coop.partner].append(coop)
        if coop.internal:
            internal.append(coop)
    for node, (x, y) in position.items():  # to partners: solid if external, dashed if internal
        external = any(not c.internal for c in kinds_to[node])
        stroke = 'stroke="#4a6fa5" stroke-width="1.5"' if external else _INTERNAL_STROKE
        out.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.0f}" y2="{y:.0f}" {stroke}/>')
        mx, my = (cx + x) / 2, (cy + y) / 2
        label = escape(", ".join(sorted({c.kind for c in kinds_to[node]})) or "–")
        out.append(
            f'<text x="{mx:.0f}" y="{my:.0f}" font-size="10" fill="#4a6fa5" '
            f'text-anchor="middle">{label}</text>'
        )
    out.append(f'<circle cx="{cx}" cy="{cy}" r="78" fill="#fff8e7" stroke="#c9a227"/>')
    dots = min(net.members, 48)
    points = [
        (
            cx + 60 * math.cos(2 * math.pi * k / max(dots, 1)),
            cy + 60 * math.sin(2 * math.pi * k / max(dots, 1)),
        )
        for k in range(dots)
    ]
    for n in range(len(internal)):  # internal cooperation: dashed chords among members
        if len(points) >= 2:
            a, b = points[(n * 7) % len(points)], points[(n * 7 + len(points) // 2) % len(points)]
            out.append(
                f'<line x1="{a[0]:.0f}" y1="{a[1]:.0f}" x2="{b[0]:.0f}" y2="{b[1]:.0f}" '
                f"{_INTERNAL_STROKE}/>"
            )
    for x, y in points:
        out.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4" fill="#c9a227"/>')
    out.append(
        f'<text x="{cx}" y="{cy - 4}" font-size="13" text-anchor="middle" font-weight="bold">'
        f"{net.members} {text['members']}</text>"
    )
    kinds = sorted({c.kind for c in internal})
    out.append(
        f'<text x="{cx}" y="{cy + 14}" font-size="10" text-anchor="middle" fill="#2e8b57">'
        f"{escape(', '.join(kinds) or '–')}</text>"
    )
    for node, (x, y) in position.items():
        label, kind = net.partners[node]
        colour = TYPE_COLOURS.get(kind, OTHER_COLOUR)
        short = label if len(label) <= 26 else label[:25] + "…"
        out.append(
            f'<rect x="{x - 85:.0f}" y="{y - 16:.0f}" width="170" height="32" rx="6" '
            f'fill="white" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{x:.0f}" y="{y - 2:.0f}" font-size="10" text-anchor="middle">'
            f"{escape(short)}</text>"
            f'<text x="{x:.0f}" y="{y + 11:.0f}" font-size="9" text-anchor="middle" '
            f'fill="{colour}">{escape(kind)}</text>'
        )
    legend_y = height - 22
    out.append(
        f'<line x1="20" y1="{legend_y}" x2="50" y2="{legend_y}" stroke="#2e8b57" '
        f'stroke-dasharray="4 3"/><text x="56" y="{legend_y + 4}" font-size="11">'
        f"{text['internal']}</text>"
        f'<line x1="220" y1="{legend_y}" x2="250" y2="{legend_y}" stroke="#4a6fa5" '
        f'stroke-width="1.5"/><text x="256" y="{legend_y + 4}" font-size="11">'
        f"{text['external']}</text>"
    )
    out.append("</svg>")
    return "".join(out)


def _anchor(sentra: SentraVerdict) -> str:
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in sentra.key)
