"""Pictures drawn on the server as inline SVG (no script, no external resources): an entity's neighbourhood
as a small graph, and the timeline of dated events. Every piece of data is escaped."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

KIND_COLOURS = {
    "person": "#d9822b", "state": "#2f6fb3", "place": "#2f6fb3", "organisation": "#6f52b5",
    "mission": "#1f8a5b", "event": "#c23b3b", "agreement": "#a86b12", "statement": "#5f6b7a",
    "fact": "#7d8894", "article": "#3d4852", "other": "#7d8894", "term": "#3d4852",
}


def _fit(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str, size: float = 12.0) -> float:
    return len(text) * size * 0.6 + 16


@dataclass
class Neighbour:
    label: str
    href: str | None
    kind: str
    relations: list[tuple[str, str]] = field(default_factory=list)   # (direction "out" | "in", property label)


def _node(x: float, y: float, label: str, full: str, href: str | None, kind: str, centre: bool = False) -> str:
    colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
    w = _width(label, 13 if centre else 12)
    h = 30 if centre else 24
    rect = (f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h}" rx="{h / 2}" '
            f'fill="{"#fff" if not centre else colour}" stroke="{colour}" stroke-width="{2.5 if centre else 1.5}"/>')
    weight = ' font-weight="bold"' if centre else ""
    text = (f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="{13 if centre else 12}" '
            f'fill="{"#fff" if centre else "#1d2329"}"{weight}>{escape(label)}</text>')
    body = f"<title>{escape(full)}</title>{rect}{text}"
    if href and not centre:
        return f'<a href="{escape(href)}" class="node {escape(kind)}">{body}</a>'
    return f'<g class="node {escape(kind)}">{body}</g>'


def neighbourhood(centre_label: str, centre_kind: str, neighbours: list[Neighbour], more: int = 0) -> Markup:
    """The entity in the middle; what points at it on the left, what it points at on the right (a neighbour
    linked both ways sits on the right); each edge labelled with its properties."""
    left = [nb for nb in neighbours if not any(d == "out" for d, _p in nb.relations)]
    right = [nb for nb in neighbours if any(d == "out" for d, _p in nb.relations)]
    width, row = 980, 34
    rows = max(len(left), len(right), 1)
    height = rows * row + 40 + (22 if more else 0)
    cx, cy = width / 2, 20 + rows * row / 2
    lx, rx = 150, width - 150
    edges, nodes = [], []
    for side, items, x in (("left", left, lx), ("right", right, rx)):
        top = 20 + (rows - len(items)) * row / 2 + row / 2
        for i, nb in enumerate(items):
            y = top + i * row
            label = _fit(nb.label, 36)
            half = _width(label) / 2
            outs = [p for d, p in nb.relations if d == "out"]
            ins = [p for d, p in nb.relations if d == "in"]
            if side == "left":
                x1, y1, x2, y2 = x + half + 2, y, cx - 60, cy
                markers = ' marker-end="url(#arrow)"'
            else:
                x1, y1, x2, y2 = cx + 60, cy, x - half - 2, y
                markers = ' marker-end="url(#arrow)"' + (' marker-start="url(#arrow-in)"' if ins else "")
            edges.append(f'<path d="M{x1:.1f},{y1:.1f} C{(x1 + x2) / 2:.1f},{y1:.1f} {(x1 + x2) / 2:.1f},{y2:.1f} '
                         f'{x2:.1f},{y2:.1f}" fill="none" stroke="#9aa5b1" stroke-width="1.2"{markers}/>')
            words = ", ".join(outs + ([f"{p} (of)" for p in ins] if side == "right" else ins))
            tx = x1 + 8 if side == "left" else x2 - 8
            anchor = "start" if side == "left" else "end"
            edges.append(f'<text x="{tx:.1f}" y="{y - 6:.1f}" text-anchor="{anchor}" font-size="10.5" fill="#4a5560" '
                         f'class="edge-label" paint-order="stroke" stroke="#fbfcfd" stroke-width="3">'
                         f"{escape(_fit(words, 44))}</text>")
            nodes.append(_node(x, y, label, nb.label, nb.href, nb.kind))
    nodes.append(_node(cx, cy, _fit(centre_label, 34), centre_label, None, centre_kind, centre=True))
    extra = ""
    if more:
        extra = (f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" font-size="11" fill="#4a5560">'
                 f"and {more} more, listed below</text>")
    if not neighbours:
        extra += (f'<text x="{cx:.1f}" y="{cy + 34:.1f}" text-anchor="middle" font-size="11" fill="#4a5560">'
                  "no links to other nodes</text>")
        height += 30
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#9aa5b1"/></marker>'
            '<marker id="arrow-in" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#9aa5b1"/></marker></defs>')
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" viewBox="0 0 {width} {height:.0f}" '
                  f'width="100%" role="img" aria-label="{escape("Neighbourhood of " + centre_label)}">'
                  f"{defs}{''.join(edges)}{''.join(nodes)}{extra}</svg>")


# ------------------------------------------------------------------------------------------------------
# timeline

DATE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def interval(value: str, precision: str) -> tuple[float, float] | None:
    """A date literal as a span of fractional years, as wide as its precision."""
    match = DATE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if precision == "decade":
        start = year - year % 10
        return float(start), float(start + 10)
    if month is None:
        return float(year), year + 1.0
    if day is None:
        return year + (month - 1) / 12, year + month / 12
    start = year + (month - 1) / 12 + (day - 1) / 365
    return start, start + 1 / 365


@dataclass
class TimelineItem:
    label: str
    href: str | None
    kind: str
    when: str                     # the date as shown
    precision: str
    span: tuple[float, float]
    articles: list[tuple[str, str, str]]   # (short name, full title, href)


def timeline(items: list[TimelineItem]) -> Markup:
    """An overview strip on a linear time axis, then one row per event in date order with its articles."""
    width, left, right = 980, 30, 30
    if not items:
        return Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 980 40" width="100%" class="timeline">'
                      '<text x="20" y="25" font-size="13">No dated events.</text></svg>')
    lo = math.floor(min(i.span[0] for i in items))
    hi = math.ceil(max(i.span[1] for i in items))
    hi = max(hi, lo + 1)
    years = hi - lo
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 16)

    def x_of(t: float) -> float:
        return left + (t - lo) / years * (width - left - right)
    # lanes for the overview strip
    lanes: list[float] = []
    placed = []
    for item in items:
        x0, x1 = x_of(item.span[0]), max(x_of(item.span[1]), x_of(item.span[0]) + 7)
        for lane, end in enumerate(lanes):
            if end + 3 < x0:
                lanes[lane] = x1
                break
        else:
            lanes.append(x1)
            lane = len(lanes) - 1
        placed.append((item, x0, x1, lane))
    top = 16
    strip = top + 12 * len(lanes) + 8
    out = []
    axis_y = strip
    out.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#3d4852" '
               f'stroke-width="1.2"/>')
    first_tick = lo + (-lo) % step
    for year in range(first_tick, hi + 1, step):
        x = x_of(year)
        out.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#3d4852"/>'
                   f'<text x="{x:.1f}" y="{axis_y + 17}" font-size="11" text-anchor="middle" fill="#3d4852">'
                   f"{year}</text>")
    for item, x0, x1, lane in placed:
        colour = KIND_COLOURS.get(item.kind, KIND_COLOURS["event"])
        y = top + lane * 12
        title = f"{item.label} — {item.when} ({item.precision or 'date'})"
        shape = (f'<rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="8" rx="4" fill="{colour}" '
                 f'fill-opacity="0.75"/>')
        body = f"<title>{escape(title)}</title>{shape}"
        out.append(f'<a href="{escape(item.href)}">{body}</a>' if item.href else f"<g>{body}</g>")
    # rows: the ordinal axis with every event, its date, and its articles
    row0 = axis_y + 40
    row_h = 26
    out.append(f'<line x1="150" y1="{row0 - 14}" x2="150" y2="{row0 + row_h * (len(items) - 1) + 8}" '
               f'stroke="#c5ccd3" stroke-width="2"/>')
    for n, item in enumerate(items):
        y = row0 + n * row_h
        colour = KIND_COLOURS.get(item.kind, KIND_COLOURS["event"])
        out.append(f'<text x="140" y="{y + 4}" font-size="12" text-anchor="end" fill="#1d2329" class="when">'
                   f"{escape(item.when)}</text>")
        out.append(f'<text x="140" y="{y + 15}" font-size="9" text-anchor="end" fill="#7d8894">'
                   f"{escape(item.precision)}</text>")
        out.append(f'<circle cx="150" cy="{y}" r="5" fill="{colour}"/>')
        label = _fit(item.label, 64)
        text = (f'<text x="164" y="{y + 4}" font-size="12.5" fill="#1d4f91" class="event">{escape(label)}'
                f"<title>{escape(item.label)}</title></text>")
        out.append(f'<a href="{escape(item.href)}">{text}</a>' if item.href else text)
        ax = 640
        for short, title, href in item.articles:
            out.append(f'<a href="{escape(href)}" class="article-link"><text x="{ax}" y="{y + 4}" font-size="11" '
                       f'fill="#3d4852" text-decoration="underline"><title>{escape(title)}</title>'
                       f"{escape(short)}</text></a>")
            ax += _width(short, 11) + 4
    height = row0 + row_h * len(items)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
                  f'width="100%" role="img" aria-label="Timeline of dated events">{"".join(out)}</svg>')
