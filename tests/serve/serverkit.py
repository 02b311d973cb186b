"""Helpers shared by the server tests (a plain module: tests/ is not a package)."""
from __future__ import annotations

import socket
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

import wbkg
from wbkg.vocab.namespaces import GRAPH, bind_prefixes
from wbkg.corpus import Article
from wbkg.project import Project

SRC = Path(wbkg.__file__).resolve().parents[1]
HOSTILE_LABEL = '<script>alert("wbkg")</script></script><!-- <b>bold</b> & "quoted" \u2028'
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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




class Published:
    """What a build published, read back from its N-Quads export: the reference the server's answers are
    compared with (rdflib evaluates the tests' own queries on it; the server answers from the store)."""

    def __init__(self, project: Project, nquads: Path):
        self.project = project
        self.dataset = bind_prefixes(Dataset(default_union=True))
        self.dataset.parse(nquads, format="nquads")
        self.articles = [Article(p.stem, project.article_text_file(p.stem), p)
                         for p in sorted(project.articles_graph_dir.glob("*.ttl"))]

    def graph(self, iri) -> Graph:
        return self.dataset.graph(URIRef(str(iri)))

    @cached_property
    def entities(self) -> Graph:
        return self.graph(GRAPH["entities"])

    @cached_property
    def ontology(self) -> Graph:
        return self.graph(GRAPH["ontology"])
