"""The cooperation network of one sentra as an inline SVG, laid out here (no library, no script).

The sentra sits in the centre, its members as dots inside it; every actor of a cooperation (an
institution, an enterprise, a named partner) sits on an ellipse around it, joined by a line as
thick as the number of cooperation, labelled with their kinds. Labels sit at alternating
distances along the lines, so neighbouring labels do not overlap; a long name is cut to two lines,
and the whole name is the node's tooltip (``<title>``). Every text is escaped.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from html import escape

WIDTH, HEIGHT = 900, 560
_CX, _CY, _RX, _RY = WIDTH / 2, HEIGHT / 2, 330, 205
_CORE = 70
_MAX_DOTS = 60
_LINE = 24  # characters per line of a name


@dataclass
class Actor:
    """One actor of the sentra's cooperation: name, page (if any), kinds, how many."""

    name: str
    href: str | None = None
    kinds: set[str] = field(default_factory=set)
    count: int = 0


def _lines(text: str, width: int = _LINE, most: int = 3) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = [
            *lines[: most - 1],
            textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder="…"),
        ]
    return lines


def _text(
    x: float, y: float, lines: list[str], size: int, *, colour: str, weight: str = "normal"
) -> str:
    spans = "".join(
        f'<tspan x="{x:.0f}" dy="{0 if i == 0 else size + 2}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (  # a halo of the background's colour keeps a text readable over a line
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" fill="{colour}" font-weight="{weight}" '
        f'text-anchor="middle" stroke="#fcfdfe" stroke-width="3" paint-order="stroke">'
        f"{spans}</text>"
    )


def network_svg(
    sentra: str, members: int, actors: list[Actor], internal: int, words: dict[str, str]
) -> str:
    """The SVG of a sentra named ``sentra`` with ``members`` members, its ``actors`` and
    ``internal`` cooperation among members only; ``words`` gives ``members`` and ``internal``
    in the page's language."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="network" aria-label="{escape(sentra)}">'
    ]
    ordered = sorted(actors, key=lambda a: (-a.count, a.name.casefold()))
    for i, actor in enumerate(ordered):
        angle = 2 * math.pi * i / max(len(ordered), 1) - math.pi / 2
        x, y = _CX + _RX * math.cos(angle), _CY + _RY * math.sin(angle)
        out.append(
            f'<line x1="{_CX:.0f}" y1="{_CY:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="#4a6fa5" '
            f'stroke-width="{min(1 + actor.count, 7)}" stroke-opacity="0.7"/>'
        )
        share = 0.42 if i % 2 == 0 else 0.62  # alternate label distances along the lines
        lx, ly = _CX + (x - _CX) * share, _CY + (y - _CY) * share
        kinds = _lines(", ".join(sorted(actor.kinds)) or "–", 26)
        out.append(_text(lx, ly, kinds, 10, colour="#2b4f7e"))
        node = [f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="#4a6fa5"/>']
        node.append(
            _text(
                x,
                y + (18 if y >= _CY else -26),
                _lines(actor.name),
                11,
                colour="#1d2733",
                weight="600",
            )
        )
        body = f"<title>{escape(actor.name)}</title>{''.join(node)}"
        if actor.href:
            body = f'<a href="{escape(actor.href)}">{body}</a>'
        out.append(f"<g>{body}</g>")
    out.append(
        f'<circle cx="{_CX:.0f}" cy="{_CY:.0f}" r="{_CORE}" fill="#fff8e7" stroke="#c9a227"/>'
    )
    dots = min(members, _MAX_DOTS)
    for k in range(dots):
        a = 2 * math.pi * k / max(dots, 1)
        out.append(
            f'<circle cx="{_CX + (_CORE - 12) * math.cos(a):.0f}" '
            f'cy="{_CY + (_CORE - 12) * math.sin(a):.0f}" r="3" fill="#c9a227"/>'
        )
    centre = _lines(sentra, 18)
    out.append(
        _text(_CX, _CY + 4 - 7 * (len(centre) - 1), centre, 11, colour="#1d2733", weight="700")
    )
    summary = f"{members} {words['members']}"
    if internal:
        summary += f" · {internal} {words['internal']}"
        out.append(
            f'<circle cx="{_CX:.0f}" cy="{_CY:.0f}" r="{_CORE - 24}" fill="none" '
            'stroke="#c9a227" stroke-dasharray="4 3"/>'
        )
    out.append(
        f'<text x="12" y="{HEIGHT - 12}" font-size="12" fill="#5b6875">{escape(summary)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
