"""The timeline strip, drawn on the server as inline SVG: a broken (piecewise) time axis, so that decades
without events take a break mark instead of most of the width, and events grouped into labelled clusters
(by month where a stretch of the axis spans a year or two, else by year), each a link to its first row in
the table of events, with its details in a tooltip and, on hover or keyboard focus, written above it."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .svg import KIND_COLOURS

DATE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
WIDTH, MARGIN, BREAK = 980, 24, 30
AXIS_Y, HEIGHT = 70, 124
FINE_YEARS = 2          # a stretch of at most this many years is clustered by month
JOIN_GAP = 2            # years with events at most this far apart share a stretch of the axis


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
    anchor: str = ""              # the id of its row in the table of events


@dataclass
class Cluster:
    name: str                     # "2025-10", "2017", "1990s"
    start: float                  # fractional year where its month, year or decade begins
    length: float                 # in years: 1/12, 1 or 10
    items: list[TimelineItem] = field(default_factory=list)

    @property
    def middle(self) -> float:
        return self.start + self.length / 2


def stretches(items: list[TimelineItem]) -> list[tuple[int, int]]:
    """The runs of years (first, last) that events cover (a decade covers ten), joined across gaps of at most
    JOIN_GAP years; an event belongs to the run its first year is in."""
    covered = sorted((math.floor(i.span[0]), max(math.floor(i.span[0]), math.ceil(i.span[1]) - 1)) for i in items)
    runs = [list(covered[0])]
    for first, last in covered[1:]:
        if first - runs[-1][1] <= JOIN_GAP:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [(a, b) for a, b in runs]


def clusters(items: list[TimelineItem], first: int, last: int) -> list[Cluster]:
    fine = last - first + 1 <= FINE_YEARS
    out: dict[str, Cluster] = {}
    for item in items:
        start = item.span[0]
        year = math.floor(start)
        if item.precision == "decade":
            name, at, length = f"{year}s", float(year), 10.0
        elif fine and item.precision in ("month", "day"):
            month = min(12, int((start - year) * 12 + 1e-9) + 1)
            name, at, length = f"{year}-{month:02d}", year + (month - 1) / 12, 1 / 12
        else:
            name, at, length = str(year), float(year), 1.0
        out.setdefault(name, Cluster(name, at, length)).items.append(item)
    return sorted(out.values(), key=lambda c: (c.start, c.name))


def _radius(n: int) -> float:
    return min(20.0, 7 + 3 * math.sqrt(n - 1))


def _cluster_svg(c: Cluster, x: float, label_row: int) -> str:
    n = len(c.items)
    kinds = {i.kind for i in c.items}
    colour = KIND_COLOURS.get(kinds.pop(), KIND_COLOURS["event"]) if len(kinds) == 1 else KIND_COLOURS["event"]
    r = _radius(n)
    names = "; ".join(i.label for i in c.items[:8]) + (f"; and {n - 8} more" if n > 8 else "")
    title = f"{c.name}: {n} event{'s' if n > 1 else ''}: {names}"
    detail = f"{c.name} · {n} event{'s' if n > 1 else ''}" if n > 1 else f"{c.name} · {c.items[0].label}"
    count = (f'<text x="{x:.1f}" y="{AXIS_Y + 4}" text-anchor="middle" font-size="12" '
             f'font-weight="bold" fill="#fff">{n}</text>') if n > 1 else ""
    label_y = AXIS_Y + 26 + 15 * label_row
    body = (f"<title>{escape(title)}</title>"
            f'<circle cx="{x:.1f}" cy="{AXIS_Y}" r="{r:.1f}" fill="{colour}" stroke="#fff" stroke-width="1.5"/>{count}'
            f'<text x="{x:.1f}" y="{label_y}" text-anchor="middle" font-size="12" fill="#1d2329">{escape(c.name)}</text>'
            f'<text class="detail" x="{x:.1f}" y="{AXIS_Y - 28}" text-anchor="middle" font-size="12" '
            f'paint-order="stroke" stroke="#fbfcfd" stroke-width="4" fill="#1d2329">{escape(detail)}</text>')
    target = c.items[0].anchor
    return f'<a href="#{escape(target)}" class="cluster">{body}</a>' if target else f'<g class="cluster">{body}</g>'


def timeline(items: list[TimelineItem]) -> Markup:
    """The strip: stretches of years with events side by side, a break mark between them, clusters on each."""
    if not items:
        return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 40" width="100%" '
                      'class="timeline"><text x="20" y="25" font-size="13">No dated events.</text></svg>')
    runs = stretches(items)
    grouped = [clusters([i for i in items if a <= math.floor(i.span[0]) <= b], a, b) for a, b in runs]
    weights = [1 + len(g) for g in grouped]
    room = WIDTH - 2 * MARGIN - BREAK * (len(runs) - 1)
    out, x0 = [], float(MARGIN)
    for (first, last), group, weight in zip(runs, grouped, weights):
        width = room * weight / sum(weights)
        pad = min(22.0, width / 4)
        span_end = max(last + 1, max(c.start + c.length for c in group))

        def x_of(t: float, first=first, end=span_end, x0=x0, width=width, pad=pad) -> float:
            return x0 + pad + (t - first) / max(end - first, 1e-9) * (width - 2 * pad)
        out.append(f'<line x1="{x0:.1f}" y1="{AXIS_Y}" x2="{x0 + width:.1f}" y2="{AXIS_Y}" stroke="#3d4852" '
                   f'stroke-width="1.5"/>')
        placed, last_x, last_label = [], -1e9, [-1e9, -1e9]
        for c in group:
            r = _radius(len(c.items))
            x = max(x_of(c.middle), last_x + r + 2)   # never on top of the previous cluster
            last_x = x + r
            half = len(c.name) * 3.6 + 4
            row = 0 if x - half > last_label[0] else 1 if x - half > last_label[1] else 0
            last_label[row] = x + half
            placed.append(_cluster_svg(c, x, row))
        out.extend(placed)
        x0 += width
        if (first, last) != runs[-1]:
            mid = x0 + BREAK / 2
            out.append(f'<g class="break"><title>no events between these years</title><path d="M{mid - 6:.1f},'
                       f'{AXIS_Y + 7} l6,-14 M{mid:.1f},{AXIS_Y + 7} l6,-14" stroke="#3d4852" stroke-width="1.5" '
                       f'fill="none"/></g>')
            x0 += BREAK
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" '
                  f'width="100%" role="group" aria-label="Timeline of dated events, grouped by month or year; '
                  f'a break mark stands for years without events">{"".join(out)}</svg>')
