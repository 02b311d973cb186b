"""The Jinja2 environment of the pages: templates/*.html, autoescaped (the stylesheet is included raw), and
JSON for <script type="application/ld+json"> islands."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(enabled_extensions=("html",), disabled_extensions=("css",),
                                                    default=True, default_for_string=True),
                       auto_reload=False)


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def json_script(data) -> Markup:
    """JSON for a JSON-LD island: nothing in it can end the script element or open a comment (``</script>``,
    ``<!--``), because every <, > and & is written as a JSON \\u escape."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)
