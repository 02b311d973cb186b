"""What the pictures tell a reader. The timeline strip uses its width for the data: a broken axis leaves out
the years without events, events group into labelled clusters that link to their rows and show their details
on hover and keyboard focus. The article text tells its marks apart (names by what they name, quotes by what
they support) and the reader can switch each kind off."""
from __future__ import annotations

import re

import pytest

from test_browser import page  # noqa: F401  (a fresh page per test; the browser: tests/conftest.py)
from wbkg.serve.timeline_svg import TimelineItem, clusters, interval, stretches, timeline


def item(when: str, precision: str = "year", label: str = "x") -> TimelineItem:
    return TimelineItem(label, "/id/x", "event", when, precision, interval(when, precision), [], f"event-{when}")


def test_stretches_leave_out_long_gaps_and_keep_short_ones():
    items = [item("1917"), item("1990", "decade"), item("1999"), item("2000"), item("2017"), item("2019"),
             item("2025")]
    assert stretches(items) == [(1917, 1917), (1990, 2000), (2017, 2019), (2025, 2025)]


def test_a_short_stretch_clusters_by_month_a_long_one_by_year():
    autumn = [item("2025-10-21", "day"), item("2025-10", "month"), item("2025-11-02", "day")]
    assert [(c.name, len(c.items)) for c in clusters(autumn, 2025, 2025)] == [("2025-10", 2), ("2025-11", 1)]
    assert [(c.name, len(c.items)) for c in clusters(autumn, 2017, 2025)] == [("2025", 3)]
    assert [c.name for c in clusters([item("1990", "decade")], 1990, 2000)] == ["1990s"]


def test_the_strip_draws_one_link_per_cluster_and_a_break_per_gap():
    items = [item("1917")] + [item("2025-10-21", "day", f"e{i}") for i in range(28)]
    drawing = str(timeline(items))
    assert drawing.count('class="cluster"') == 2 and drawing.count('class="break"') == 1
    assert ">28<" in drawing and "2025-10 · 28 events" in drawing and "…" not in drawing
    assert 'role="img"' not in drawing


pytestmark_slow = pytest.mark.slow


@pytestmark_slow
def test_timeline_clusters_cover_every_row_and_reveal_details_on_focus(server, page):
    page.goto(server.url + "/timeline")
    rows = page.locator("table.timeline-table tr[id]").count()
    counts = page.evaluate("""() => [...document.querySelectorAll('svg.timeline a.cluster')].map(a =>
        ({href: a.getAttribute('href'), n: parseInt((a.querySelector('title').textContent.match(/: (\\d+) event/)
        || [0, 0])[1])}))""")
    assert sum(c["n"] for c in counts) == rows > 0
    for c in counts:
        assert page.locator(f'tr[id="{c["href"][1:]}"]').count() == 1
    # the strip spends its width on clusters: no run of empty axis longer than a fifth of it
    xs = sorted(page.evaluate("() => [...document.querySelectorAll('svg.timeline circle')].map(c => +c.getAttribute('cx'))"))
    assert max(b - a for a, b in zip(xs, xs[1:])) < 980 / 5
    detail = page.locator("svg.timeline a.cluster .detail").first
    assert detail.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    page.locator("svg.timeline a.cluster").first.focus()
    assert detail.evaluate("e => getComputedStyle(e).visibility") == "visible"


@pytestmark_slow
def test_article_marks_are_told_apart_and_can_be_switched_off(server, published, page):
    stem = next(a.stem for a in published.articles if a.stem.startswith("002"))
    page.goto(server.url + f"/article/{stem}")
    boxes = page.locator("fieldset.marks input[type=checkbox]")
    ids = [boxes.nth(i).get_attribute("id") for i in range(boxes.count())]
    assert {"mark-people", "mark-statement", "mark-fact"} <= set(ids)
    statement, fact = page.locator("mark.ev-statement").first, page.locator("mark.ev-fact").first
    background = "e => getComputedStyle(e).backgroundColor"
    assert statement.evaluate(background) != fact.evaluate(background)
    person = page.locator("#text a.k-people").first
    line = "e => getComputedStyle(e).borderBottomColor"
    assert person.evaluate(line) != "rgba(0, 0, 0, 0)"
    page.locator("#mark-fact").uncheck()
    assert fact.evaluate(background) == "rgba(0, 0, 0, 0)"
    assert statement.evaluate(background) != "rgba(0, 0, 0, 0)", "only the kind switched off is hidden"
    page.locator("#mark-people").uncheck()
    assert person.evaluate(line) == "rgba(0, 0, 0, 0)"
    label = page.locator('label:has(#mark-statement)').inner_text()
    assert re.search(r"\(\d+\)", label)
