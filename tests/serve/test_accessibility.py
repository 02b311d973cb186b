"""Every kind of page, checked by axe-core in headless Chromium at a desktop and a phone width: no serious or
critical violation. Also what axe cannot see: the entity page fits a 390 px phone, its drawing's text is
readable there, node labels are not cut, and the drawing's colours have a legend."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from axekit import axe_version, blocking, run_axe
from test_serve_drafts import drafted  # noqa: F401  (the built copy with a draft, served)

pytestmark = pytest.mark.slow  # not in `make test-fast`

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def page_kinds(published) -> dict[str, str]:
    article = published.articles[0].stem
    return {"home": "/", "search": "/search?q=kosovo", "entity": "/id/kfor", "person": "/id/albin-kurti",
            "article": f"/article/{article}", "graph": "/graph/entities", "timeline": "/timeline",
            "queries": "/queries", "query form": "/sparql", "void": "/.well-known/void",
            "class": "/browse/Person", "ontology": "/ontology", "articles": "/articles", "not found": "/nothing-here",
            "query answer": "/sparql?query=SELECT+%3Fs+WHERE+%7B+%3Fs+a+wbkg%3APerson+%7D+LIMIT+5"}


@pytest.fixture(scope="module")
def output(checkout) -> Path:
    """The checkout's build/ (git-ignored), never the seed copy the tests share (it must stay as copied)."""
    folder = checkout.root / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder.parent


@pytest.fixture(scope="module")
def report(output):
    """Counts per page and width, written to build/axe-report.json for the record."""
    counts: dict = {"axe": axe_version()}
    yield counts
    (output / "axe-report.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")


def check(browser, url: str, width: str, report: dict, key: str) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    try:
        page = context.new_page()
        page.goto(url)
        violations = run_axe(page)
        report[f"{key} @{width}"] = {f'{v["id"]} ({v["impact"]})': v["count"] for v in violations} or 0
        assert blocking(violations) == [], json.dumps(blocking(violations), indent=1)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_violation_on_any_page(server, published, browser, report, width):
    failures = {}
    for kind, path in page_kinds(published).items():
        try:
            check(browser, server.url + path, width, report, kind)
        except AssertionError as exc:
            failures[kind] = str(exc)[:2000]
    assert not failures, json.dumps(failures, indent=1)


def open_page(browser, url: str, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(server, published, browser, width):
    wide = {}
    for kind, path in page_kinds(published).items():
        context, page = open_page(browser, server.url + path, width)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > WIDTHS[width][0]:
            wide[kind] = scroll
        context.close()
    assert wide == {}, wide


@pytest.mark.parametrize("path", ["/id/kfor", "/id/albin-kurti", "/timeline"])
def test_drawings_are_readable_on_a_phone(server, browser, output, path):
    """Every text of a drawing is drawn at 11 px or more on a 390 px screen (the drawing scrolls sideways in a
    region the keyboard can reach instead of shrinking)."""
    context, page = open_page(browser, server.url + path, "phone")
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg text')].filter(t => t.textContent.trim()
        && getComputedStyle(t).visibility !== 'hidden').map(t => parseFloat(t.getAttribute('font-size'))
        * t.getScreenCTM().a)""")
    region = page.locator(".drawing")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    page.screenshot(path=str(output / "screenshots" / f"phone{path.replace('/', '-')}.png"))
    context.close()
    assert sizes and min(sizes) >= 11, sorted(sizes)[:5]


def test_node_labels_are_whole_and_colours_have_a_legend(server, browser, published):
    context, page = open_page(browser, server.url + "/id/kfor", "desktop")
    nodes = page.evaluate("""() => [...document.querySelectorAll('svg.neighbourhood .node')].map(n => ({
        shown: [...n.querySelectorAll('tspan')].map(t => t.textContent).join(' '),
        title: n.querySelector('title').textContent, colour: n.querySelector('rect').getAttribute('stroke')}))""")
    legend = page.evaluate("""() => [...document.querySelectorAll('ul.legend li')].map(li => ({
        name: li.textContent.trim(), colour: li.querySelector('.swatch').style.borderColor}))""")
    context.close()
    assert len(nodes) > 5
    for node in nodes:
        assert "…" not in node["shown"] and node["title"].startswith(node["shown"] + " ("), node
    hex_colours = {n["colour"] for n in nodes}
    as_rgb = {"rgb(%d, %d, %d)" % tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in hex_colours}
    assert as_rgb <= {item["colour"] for item in legend}, (as_rgb, legend)
    assert all(item["name"] for item in legend)


def test_search_landmarks_have_distinct_names(server, browser):
    context, page = open_page(browser, server.url + "/", "desktop")
    names = page.evaluate("() => [...document.querySelectorAll('[role=search]')].map(e => e.getAttribute('aria-label'))")
    context.close()
    assert len(names) == 2 and all(names) and len(set(names)) == 2


DRAFT_PAGES = {"entity with drafts": "/id/kfor?include-drafts=true", "entity, switch": "/id/kfor",
               "draft article": "/article/zz_draft?include-drafts=true", "draft article hidden": "/article/zz_draft",
               "draft graph": "/graph/draft/zz_draft?include-drafts=true", "void with drafts": "/.well-known/void",
               "timeline with drafts": "/timeline?include-drafts=true"}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_violation_on_pages_that_mark_drafts(drafted, browser, report, width):
    failures = {}
    for kind, path in DRAFT_PAGES.items():
        try:
            check(browser, drafted.url + path, width, report, kind)
        except AssertionError as exc:
            failures[kind] = str(exc)[:2000]
    assert not failures, json.dumps(failures, indent=1)
