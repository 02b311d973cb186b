"""Pictures drawn on the server as inline SVG (no script, no external resources): an entity's neighbourhood
as a small graph, and the timeline of dated events. Every piece of data is escaped."""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

KIND_COLOURS = {
    "person": "#d9822b", "state": "#2f6fb3", "place": "#2f6fb3", "organisation": "#6f52b5",
    "mission": "#1f8a5b", "event": "#c23b3b", "agreement": "#a86b12", "statement": "#5f6b7a",
    "fact": "#7d8894", "article": "#3d4852", "other": "#7d8894", "term": "#3d4852",
}


KIND_NAMES = {
    "person": "person", "state": "state or place", "place": "state or place", "organisation": "organisation",
    "mission": "mission", "event": "event", "agreement": "agreement", "statement": "statement", "fact": "fact",
    "article": "article", "other": "other", "term": "term",
}


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(text: str, limit: int) -> list[str]:
    """The text broken at spaces into lines of about ``limit`` characters: nothing is cut off (a word longer
    than the limit keeps a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _width(text: str, size: float = 12.0) -> float:
    return len(text) * size * 0.6 + 16


def _tspans(lines: list[str], x: float, y: float, step: float) -> str:
    return "".join(f'<tspan x="{x:.1f}" y="{y + i * step:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines))


@dataclass
class Neighbour:
    label: str
    href: str | None
    kind: str
    relations: list[tuple[str, str]] = field(default_factory=list)   # (direction "out" | "in", property label)


NODE_CHARS, EDGE_CHARS, LINE = 26, 46, 15


def _node(x: float, y: float, label: str, href: str | None, kind: str, centre: bool = False) -> str:
    """A rounded box with the whole label (wrapped); a neighbour is a link, named by its label."""
    colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
    size = 14 if centre else 13
    lines = _lines(label, NODE_CHARS)
    w = max(_width(line, size) for line in lines)
    h = (30 if centre else 24) + (len(lines) - 1) * LINE
    rect = (f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h}" rx="12" '
            f'fill="{"#fff" if not centre else colour}" stroke="{colour}" stroke-width="{3 if centre else 2.5}"/>')
    weight = ' font-weight="bold"' if centre else ""
    first = y + 5 - (len(lines) - 1) * LINE / 2
    text = (f'<text text-anchor="middle" font-size="{size}" fill="{"#fff" if centre else "#1d2329"}"{weight}>'
            f"{_tspans(lines, x, first, LINE)}</text>")
    body = f"<title>{escape(label)} ({escape(KIND_NAMES.get(kind, kind))})</title>{rect}{text}"
    if href and not centre:
        return f'<a href="{escape(href)}" class="node {escape(kind)}">{body}</a>'
    return f'<g class="node {escape(kind)}">{body}</g>'


def legend(kinds) -> Markup:
    """What the box colours mean, for the kinds in the drawing (in words: the colour is never the only cue,
    the box's title names the kind too)."""
    names: dict[str, str] = {}
    for kind in kinds:
        names.setdefault(KIND_NAMES.get(kind, kind), KIND_COLOURS.get(kind, KIND_COLOURS["other"]))
    items = "".join(f'<li><span class="swatch" style="border-color: {colour}"></span>{escape(name)}</li>'
                    for name, colour in sorted(names.items()))
    return Markup(f'<ul class="legend" aria-label="Colours of the boxes">{items}</ul>')


def neighbourhood(centre_label: str, centre_kind: str, neighbours: list[Neighbour], more: int = 0) -> Markup:
    """The entity in the middle; what points at it on the left, what it points at on the right (a neighbour
    linked both ways sits on the right); each edge labelled with its properties. Drawn at 980 units wide and
    shown at least that many pixels wide (the page scrolls it sideways on a phone), so text stays readable."""
    left = [nb for nb in neighbours if not any(d == "out" for d, _p in nb.relations)]
    right = [nb for nb in neighbours if any(d == "out" for d, _p in nb.relations)]
    width = 980

    def words(nb: Neighbour, side: str) -> str:
        outs = [p for d, p in nb.relations if d == "out"]
        ins = [p for d, p in nb.relations if d == "in"]
        return ", ".join(outs + ([f"{p} (of)" for p in ins] if side == "right" else ins))
    # a row holds the tallest box, and the tallest edge label above its edge
    row = max([max(len(_lines(nb.label, NODE_CHARS)) * LINE + 24, len(_lines(words(nb, "right"), EDGE_CHARS)) * 13 + 16)
               for nb in neighbours] + [34])
    rows = max(len(left), len(right), 1)
    centre_lines = len(_lines(centre_label, NODE_CHARS))
    height = max(rows * row, centre_lines * LINE + 40) + 40 + (22 if more else 0)
    cx, cy = width / 2, 20 + max(rows * row, centre_lines * LINE + 40) / 2
    lx, rx = 150, width - 150
    edges, nodes = [], []
    for side, items, x in (("left", left, lx), ("right", right, rx)):
        top = 20 + (rows - len(items)) * row / 2 + row / 2
        for i, nb in enumerate(items):
            y = top + i * row
            half = max(_width(line, 13) for line in _lines(nb.label, NODE_CHARS)) / 2
            ins = [p for d, p in nb.relations if d == "in"]
            if side == "left":
                x1, y1, x2, y2 = x + half + 2, y, cx - 60, cy
                markers = ' marker-end="url(#arrow)"'
            else:
                x1, y1, x2, y2 = cx + 60, cy, x - half - 2, y
                markers = ' marker-end="url(#arrow)"' + (' marker-start="url(#arrow-in)"' if ins else "")
            edges.append(f'<path d="M{x1:.1f},{y1:.1f} C{(x1 + x2) / 2:.1f},{y1:.1f} {(x1 + x2) / 2:.1f},{y2:.1f} '
                         f'{x2:.1f},{y2:.1f}" fill="none" stroke="#9aa5b1" stroke-width="1.2"{markers}/>')
            lines = _lines(words(nb, side), EDGE_CHARS)
            tx = x1 + 8 if side == "left" else x2 - 8
            anchor = "start" if side == "left" else "end"
            edges.append(f'<text text-anchor="{anchor}" font-size="12" fill="#3d4852" class="edge-label" '
                         f'paint-order="stroke" stroke="#fbfcfd" stroke-width="3">'
                         f"{_tspans(lines, tx, y - 8 - (len(lines) - 1) * 13, 13)}</text>")
            nodes.append(_node(x, y, nb.label, nb.href, nb.kind))
    nodes.append(_node(cx, cy, centre_label, None, centre_kind, centre=True))
    extra = ""
    if more:
        extra = (f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" font-size="12" fill="#3d4852">'
                 f"and {more} more, listed below</text>")
    if not neighbours:
        extra += (f'<text x="{cx:.1f}" y="{cy + 34:.1f}" text-anchor="middle" font-size="12" fill="#3d4852">'
                  "no links to other nodes</text>")
        height += 30
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#9aa5b1"/></marker>'
            '<marker id="arrow-in" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#9aa5b1"/></marker></defs>')
    # role=group, not img: an img's children are presentational, and the links inside must stay reachable
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" viewBox="0 0 {width} {height:.0f}" '
                  f'width="100%" role="group" aria-label="{escape("Neighbourhood of " + centre_label)}">'
                  f"{defs}{''.join(edges)}{''.join(nodes)}{extra}</svg>")
