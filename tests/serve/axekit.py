"""axe-core in the headless-Chromium tests: the pinned copy the PyPI package axe-playwright-python ships
(axe.min.js, read from disk: nothing is fetched at test time), injected into a page and run on it."""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
#: what must never be reported (axe's impact levels; "moderate" and "minor" are listed, not failed)
BLOCKING = ("serious", "critical")


def axe_version() -> str:
    head = AXE_JS.read_text(encoding="utf-8")[:200]
    return head.split("axe v", 1)[1].split()[0]


def run_axe(page) -> list[dict]:
    """Every violation on the page as axe reports it (id, impact, count of nodes, the first five). Injected with evaluate, which the
    page's Content-Security-Policy does not govern (the page itself loads no script)."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       count: v.nodes.length,
                                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")
    return result


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]
