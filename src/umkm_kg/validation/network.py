"""The cooperation network of a sentra as an inline SVG, in the spirit of the founding paper's
figure: member firms inside, partners around (coloured by institution type), internal
cooperation dashed, external cooperation solid. Every kind and type is shown by its label in
the report's language; a partner's name wraps in its box and is whole on hover; an edge label
goes where it overlaps no other label, box or the members' circle, or is left out of the
picture (the list under the picture names every cooperation).
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from rdflib.term import Node

from umkm_kg.namespaces import KIND
from umkm_kg.picture_layout import Box, place_on_segment, text_box
from umkm_kg.validation.labels import TermLabels
from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.sources import Selectable

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
INTERNAL_STROKE = 'stroke="#2e8b57" stroke-dasharray="4 3"'
EXTERNAL_STROKE = 'stroke="#4a6fa5" stroke-width="1.5"'
CENTRE_X, CENTRE_Y, MEMBERS_RADIUS = 450, 265, 70
NAME_CHARS, NAME_LINES, NAME_SIZE, LABEL_SIZE = 26, 2, 11, 10
TEXT = {
    "id": {"members": "unit usaha", "internal": "kerja sama internal",
           "external": "kerja sama eksternal"},
    "en": {"members": "member firms", "internal": "internal cooperation",
           "external": "external cooperation"},
}  # fmt: skip


@dataclass
class Cooperation:
    """One cooperation of a sentra: its kind (IRI), group and partner."""

    kind: str
    internal: bool
    participants: int
    partner: Node | None = None


@dataclass
class Network:
    """What the picture of one sentra shows."""

    members: int = 0
    cooperation: list[Cooperation] = field(default_factory=list)
    partners: dict[Node, tuple[str, str]] = field(default_factory=dict)  # node -> (name, type)


def networks(source: Selectable) -> dict[Node, Network]:
    """The cooperation network of every sentra, read from the validated data."""
    found: dict[Node, Network] = defaultdict(Network)
    for row in source.select(query_text("members")):
        found[row["sentra"]].members = int(row["members"])
    for row in source.select(query_text("network")):
        net = found[row["sentra"]]
        partner = row.get("partner")
        net.cooperation.append(
            Cooperation(
                kind=str(row["kind"]),
                internal=row.get("group") == KIND.internal,
                participants=int(row.get("participants", 0)),
                partner=partner,
            )
        )
        if partner is not None:
            name = str(row.get("partnerLabel", partner))
            net.partners[partner] = (name, str(row.get("partnerType", "other")))
    return found


def network_svg(net: Network, labels: TermLabels, lang: str = "id") -> str:
    """An inline SVG of one sentra's cooperation network (laid out here, no library)."""
    boxes = _partner_boxes(net)
    canvas = _canvas([box for box, _lines in boxes.values()])
    kinds_to: dict[Node, list[Cooperation]] = defaultdict(list)
    for coop in net.cooperation:
        if coop.partner is not None:
            kinds_to[coop.partner].append(coop)
    centre = Box(CENTRE_X, CENTRE_Y, 2 * MEMBERS_RADIUS + 8, 2 * MEMBERS_RADIUS + 8)
    taken: list[Box] = [centre, *(box for box, _lines in boxes.values())]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{canvas.left:.0f} {canvas.top:.0f} '
        f'{canvas.width:.0f} {canvas.height:.0f}" '
        f'class="network" role="img">'
    ]
    labels_out = []
    for node, (box, _lines) in boxes.items():
        external = any(not c.internal for c in kinds_to[node])
        stroke = EXTERNAL_STROKE if external else INTERNAL_STROKE
        out.append(
            f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{box.x:.0f}" y2="{box.y:.0f}" {stroke}/>'
        )
        kinds = sorted({labels.label(c.kind, lang) for c in kinds_to[node]})
        start = _towards((CENTRE_X, CENTRE_Y), (box.x, box.y), MEMBERS_RADIUS + 4)
        place = place_on_segment(
            kinds, start, (box.x, box.y), taken, size=LABEL_SIZE, canvas=canvas
        )
        if place is not None:
            taken.append(place)
            labels_out.append(_label(kinds, place))
    out.append(_members(net, TEXT[lang]["members"]))
    out.extend(labels_out)  # above the lines, on a white ground
    for node, (box, lines) in boxes.items():
        name, kind = net.partners[node]
        out.append(_partner_svg(box, lines, name, labels.label(kind, lang), kind))
    out.append(_legend(canvas, TEXT[lang]))
    out.append("</svg>")
    return "".join(out)


def _partner_boxes(net: Network) -> dict[Node, tuple[Box, list[str]]]:
    """Partners on an ellipse around the members, sorted by type then name; a box that would
    overlap one placed before it moves outwards along its ray until it overlaps none."""
    partners = sorted(net.partners.items(), key=lambda item: (item[1][1], item[1][0]))
    placed: dict[Node, tuple[Box, list[str]]] = {}
    for i, (node, partner) in enumerate(partners):
        angle = 2 * math.pi * i / max(len(partners), 1) - math.pi / 2
        for step in range(200):
            scale = 1 + 0.05 * step
            x = CENTRE_X + 330 * scale * math.cos(angle)
            y = CENTRE_Y + 190 * scale * math.sin(angle)
            box, lines = _partner_box(partner, x, y)
            if not any(box.overlaps(other, gap=8) for other, _ in placed.values()):
                break
        placed[node] = (box, lines)
    return placed


def _canvas(boxes: list[Box]) -> Box:
    """The picture's area: the members' circle, every box, a margin and the legend below."""
    left = min([CENTRE_X - 400, *(b.left - 10 for b in boxes)])
    right = max([CENTRE_X + 400, *(b.left + b.width + 10 for b in boxes)])
    top = min([CENTRE_Y - MEMBERS_RADIUS - 40, *(b.top - 10 for b in boxes)])
    bottom = max([CENTRE_Y + MEMBERS_RADIUS + 40, *(b.top + b.height for b in boxes)]) + 50
    return Box((left + right) / 2, (top + bottom) / 2, right - left, bottom - top)


def _partner_box(partner: tuple[str, str], x: float, y: float) -> tuple[Box, list[str]]:
    """The box of a partner with its name wrapped (the last line cut with "…" if too long)."""
    lines = textwrap.wrap(partner[0], NAME_CHARS) or ["–"]
    if len(lines) > NAME_LINES:
        lines = lines[: NAME_LINES - 1] + [lines[NAME_LINES - 1][: NAME_CHARS - 1] + "…"]
    width = max(150, text_box(lines, x, y, NAME_SIZE).width + 12)
    return Box(x, y, width, 14 * len(lines) + 20), lines


def _partner_svg(box: Box, lines: list[str], name: str, type_label: str, kind: str) -> str:
    colour = TYPE_COLOURS.get(kind, OTHER_COLOUR)
    texts = "".join(
        f'<tspan x="{box.x:.0f}" dy="{0 if i == 0 else 14}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="partner"><title>{escape(name)} ({escape(type_label)})</title>'
        f'<rect x="{box.left:.0f}" y="{box.top:.0f}" width="{box.width:.0f}" '
        f'height="{box.height:.0f}" rx="6" fill="white" stroke="{colour}" stroke-width="2"/>'
        f'<text x="{box.x:.0f}" y="{box.top + 15:.0f}" font-size="{NAME_SIZE}" '
        'text-anchor="middle">'
        f"{texts}</text>"
        f'<text x="{box.x:.0f}" y="{box.top + box.height - 6:.0f}" font-size="9" '
        f'text-anchor="middle" fill="{colour}">{escape(type_label)}</text></g>'
    )


def _label(lines: list[str], box: Box) -> str:
    """An edge label: its lines on a white ground, centred in ``box``."""
    first = box.top + 1 + LABEL_SIZE
    spans = "".join(
        f'<tspan x="{box.x:.0f}" dy="{0 if i == 0 else LABEL_SIZE * 1.25:.1f}">{escape(line)}'
        "</tspan>"
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="edge-label"><rect x="{box.left:.0f}" y="{box.top:.0f}" '
        f'width="{box.width:.0f}" height="{box.height:.0f}" fill="white" opacity="0.9"/>'
        f'<text x="{box.x:.0f}" y="{first:.1f}" font-size="{LABEL_SIZE}" fill="#34507a" '
        f'text-anchor="middle">{spans}</text></g>'
    )


def _members(net: Network, word: str) -> str:
    """The members' circle: a dot per member (up to 48), dashed chords for internal
    cooperation, and their number."""
    out = [
        f'<circle cx="{CENTRE_X}" cy="{CENTRE_Y}" r="{MEMBERS_RADIUS}" fill="#fff8e7" '
        'stroke="#c9a227"/>'
    ]
    dots = min(net.members, 48)
    points = [
        (CENTRE_X + 54 * math.cos(2 * math.pi * k / dots),
         CENTRE_Y + 54 * math.sin(2 * math.pi * k / dots))
        for k in range(dots)
    ]  # fmt: skip
    internal = [c for c in net.cooperation if c.internal]
    for n in range(len(internal) if len(points) > 1 else 0):
        a, b = points[(n * 7) % len(points)], points[(n * 7 + len(points) // 2) % len(points)]
        out.append(
            f'<line x1="{a[0]:.0f}" y1="{a[1]:.0f}" x2="{b[0]:.0f}" y2="{b[1]:.0f}" '
            f"{INTERNAL_STROKE}/>"
        )
    out += [f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4" fill="#c9a227"/>' for x, y in points]
    number = text_box([f"{net.members} {word}"], CENTRE_X, CENTRE_Y, 13)
    out.append(
        f'<rect x="{number.left:.0f}" y="{number.top:.0f}" width="{number.width:.0f}" '
        f'height="{number.height:.0f}" fill="#fff8e7" opacity="0.9"/>'
        f'<text x="{CENTRE_X}" y="{CENTRE_Y + 5}" font-size="13" text-anchor="middle" '
        f'font-weight="bold">{net.members} {escape(word)}</text>'
    )
    return "".join(out)


def _legend(canvas: Box, text: dict[str, str]) -> str:
    x, y = canvas.left + 20, canvas.top + canvas.height - 22
    return (
        f'<line x1="{x:.0f}" y1="{y:.0f}" x2="{x + 30:.0f}" y2="{y:.0f}" {INTERNAL_STROKE}/>'
        f'<text x="{x + 36:.0f}" y="{y + 4:.0f}" font-size="11">{escape(text["internal"])}</text>'
        f'<line x1="{x + 220:.0f}" y1="{y:.0f}" x2="{x + 250:.0f}" y2="{y:.0f}" '
        f'{EXTERNAL_STROKE}/><text x="{x + 256:.0f}" y="{y + 4:.0f}" font-size="11">'
        f"{escape(text['external'])}</text>"
    )


def _towards(start: tuple[float, float], end: tuple[float, float], distance: float):
    """The point ``distance`` from ``start`` on the way to ``end``."""
    (x1, y1), (x2, y2) = start, end
    length = max(math.hypot(x2 - x1, y2 - y1), 1)
    return x1 + (x2 - x1) * distance / length, y1 + (y2 - y1) * distance / length
