"""A diagram of the ontology's main classes as an SVG, drawn from the ontology itself: each
class with its Indonesian and English labels, its subclass links (hollow arrows) and the
object properties whose domain and range are both among the classes (labelled arrows).

Which classes are "main" is the one editorial choice here (:data:`MAIN_CLASSES`); names,
labels and links are all read from ``ontology/*.ttl``, so the picture follows the ontology.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from html import escape

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

from umkm_kg.namespaces import ORG, UMKM
from umkm_kg.picture_layout import Box, place_on_segment

MAIN_CLASSES = {  # each main class and its place (column, row): the editorial choice
    UMKM.Region: (1, 0), ORG.Organization: (3, 0), UMKM.Equipment: (5, 0),
    UMKM.Infrastructure: (0, 1), UMKM.Sentra: (2, 1), UMKM.Institution: (6, 1),
    UMKM.InfrastructureKind: (0, 2), UMKM.Cluster: (1, 2), UMKM.Cooperation: (3, 2),
    UMKM.Enterprise: (4.75, 2), UMKM.Observation: (6, 2), UMKM.CooperationKind: (3, 3),
    UMKM.SizeAssessment: (5, 3), UMKM.SizeRuleSet: (5, 4),
}  # fmt: skip
WIDTH, COLUMN, ROW, BOX_WIDTH, LABEL_SIZE = 1170, 165, 135, 150, 10
Edge = tuple[URIRef, URIRef, str]  # from, to, property name ("" for a subclass link)


def class_edges(graph: Graph) -> list[Edge]:
    """Subclass links among the main classes, then object properties between them."""
    main = set(MAIN_CLASSES)
    edges: list[Edge] = [
        (sub, sup, "")
        for sub in MAIN_CLASSES
        for sup in sorted(set(_superclasses(graph, sub)))
        if sup in main
    ]
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        for domain in graph.objects(prop, RDFS.domain):
            for range_ in graph.objects(prop, RDFS.range):
                if domain in main and range_ in main and domain != range_:
                    edges.append((domain, range_, graph.qname(prop)))
    return edges


def _superclasses(graph: Graph, term: URIRef) -> list[URIRef]:
    """Named direct superclasses: rdfs:subClassOf, and the named classes of an
    owl:equivalentClass intersection (``umkm:Cluster ≡ umkm:Sentra ⊓ ...``)."""
    found = [c for c in graph.objects(term, RDFS.subClassOf) if isinstance(c, URIRef)]
    for definition in graph.objects(term, OWL.equivalentClass):
        for members in graph.objects(definition, OWL.intersectionOf):
            found += [c for c in Collection(graph, members) if isinstance(c, URIRef)]
    return [c for c in found if c != term]


def _node(graph: Graph, term: URIRef, x: float, y: float) -> tuple[Box, list[tuple[str, str]]]:
    """A class's box and its lines: the prefixed name, then the Indonesian and English labels."""
    lines = [(graph.qname(term), "name")]
    for lang in ("id", "en"):
        label = _label(graph, term, lang)
        if label:
            lines += [(part, lang) for part in textwrap.wrap(label, 24)[:2]]
    return Box(x, y, BOX_WIDTH, 14 * len(lines) + 10), lines


def _label(graph: Graph, term: URIRef, lang: str) -> str:
    for predicate in (RDFS.label, SKOS.prefLabel):
        for value in graph.objects(term, predicate):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return ""


def class_diagram_svg(graph: Graph) -> str:
    """The diagram as a standalone SVG document (no script, font or link)."""
    edges = class_edges(graph)
    nodes = {
        term: _node(graph, term, 90 + COLUMN * column, 50 + ROW * row)
        for term, (column, row) in MAIN_CLASSES.items()
    }
    height = int(max(box.top + box.height for box, _ in nodes.values()) + 30)
    canvas = Box(WIDTH / 2, height / 2, WIDTH, height)
    taken = [box for box, _ in nodes.values()]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="sans-serif" class="class-diagram" role="img">'
        "<title>umkm-kg: main classes / kelas utama</title>" + _MARKERS
    ]
    labels = []
    names: dict[tuple[URIRef, URIRef], list[str]] = defaultdict(list)
    for a, b, name in edges:
        names[(a, b)].append(name)
    for (a, b), found in names.items():
        start, end = _clip(nodes[a][0], nodes[b][0]), _clip(nodes[b][0], nodes[a][0])
        subclass = found == [""]
        style = (
            'stroke="#888" marker-end="url(#sub)"'
            if subclass
            else ('stroke="#4a6fa5" marker-end="url(#prop)"')
        )
        out.append(
            f'<line class="{"subclass" if subclass else "property"}" x1="{start[0]:.0f}" '
            f'y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" {style}/>'
        )
        text = [n for n in found if n]
        box = (
            place_on_segment(text, start, end, taken, size=LABEL_SIZE, canvas=canvas)
            if text
            else None
        )
        if box is not None:
            taken.append(box)
            labels.append(_edge_label(text, box))
    out += labels
    out += [_node_svg(box, lines) for box, lines in nodes.values()]
    out.append("</svg>")
    return "".join(out)


_MARKERS = (
    '<defs><marker id="sub" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
    'markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="white" stroke="#888"/>'
    '</marker><marker id="prop" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#4a6fa5"/></marker></defs>'
)
_STYLE = {"name": 'font-weight="bold"', "id": 'font-style="italic" fill="#555"', "en": ""}


def _node_svg(box: Box, lines: list[tuple[str, str]]) -> str:
    spans = "".join(
        f'<tspan x="{box.x:.0f}" dy="{0 if i == 0 else 14}" {_STYLE[kind]}>{escape(text)}</tspan>'
        for i, (text, kind) in enumerate(lines)
    )
    return (
        f'<g class="class"><rect x="{box.left:.0f}" y="{box.top:.0f}" width="{box.width:.0f}" '
        f'height="{box.height:.0f}" rx="5" fill="#fff8e7" stroke="#c9a227"/>'
        f'<text x="{box.x:.0f}" y="{box.top + 16:.0f}" font-size="11" text-anchor="middle">'
        f"{spans}</text></g>"
    )


def _edge_label(lines: list[str], box: Box) -> str:
    spans = "".join(
        f'<tspan x="{box.x:.0f}" dy="{0 if i == 0 else LABEL_SIZE * 1.25:.1f}">{escape(t)}</tspan>'
        for i, t in enumerate(lines)
    )
    return (
        f'<g class="edge-label"><rect x="{box.left:.0f}" y="{box.top:.0f}" '
        f'width="{box.width:.0f}" height="{box.height:.0f}" fill="white" opacity="0.9"/>'
        f'<text x="{box.x:.0f}" y="{box.top + 1 + LABEL_SIZE:.1f}" font-size="{LABEL_SIZE}" '
        f'fill="#34507a" text-anchor="middle">{spans}</text></g>'
    )


def _clip(box: Box, towards: Box) -> tuple[float, float]:
    """Where the line from ``box``'s centre to ``towards``'s centre leaves ``box``."""
    dx, dy = towards.x - box.x, towards.y - box.y
    scale = min(
        box.width / 2 / abs(dx) if dx else float("inf"),
        box.height / 2 / abs(dy) if dy else float("inf"),
    )
    return box.x + dx * min(scale, 1), box.y + dy * min(scale, 1)
