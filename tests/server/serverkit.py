"""Helpers shared by the server tests (a plain module: tests/ is not a package)."""
from __future__ import annotations

from html.parser import HTMLParser

HOSTILE_LABEL = '<script>alert("wbkg")</script></script><!-- <b>bold</b> & "quoted" \u2028'
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def parse_html(text: str) -> Links:
    links = Links()
    links.feed(text)
    return links


