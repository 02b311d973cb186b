"""The labels and classes of the nodes one page shows, asked of the store in one query per kind (VALUES over
the nodes), and what follows from them: a node's display name, its most specific class, its kind (colour)."""
from __future__ import annotations

import re
from typing import Iterable

from rdflib import BNode, Literal, URIRef

from ..vocab.namespaces import ARTICLE, ID, WBKG
from .reader import chunks, values

KINDS = ((WBKG.Person, "person"), (WBKG.State, "state"), (WBKG.Place, "place"), (WBKG.Mission, "mission"),
         (WBKG.Event, "event"), (WBKG.Agreement, "agreement"), (WBKG.Statement, "statement"),
         (WBKG.Stance, "statement"), (WBKG.Organisation, "organisation"), (WBKG.Agent, "organisation"),
         (WBKG.Article, "article"))

# rank 0: a prefLabel of the data; 2: an article's name; 4: the ontology's label (+1 when not English)
LABELS = """SELECT ?node ?label ?rank WHERE {
  %s
  { GRAPH ?g { ?node skos:prefLabel ?label } FILTER(?g NOT IN (graph:ontology, graph:schema-view, graph:entailments)) BIND(0 AS ?rank) }
  UNION { GRAPH graph:corpus { ?node schema:name ?label } BIND(2 AS ?rank) }
  UNION { GRAPH graph:ontology { ?node rdfs:label|skos:prefLabel ?label } BIND(4 AS ?rank) }
} ORDER BY ?node ?rank ?label"""
# the classes the data asserts (the ontology's own individuals and the schema.org view aside)
CLASSES = """SELECT DISTINCT ?node ?class WHERE {
  %s
  GRAPH ?g { ?node a ?class } FILTER(isIRI(?class) && ?g NOT IN (graph:ontology, graph:schema-view, graph:entailments))
} ORDER BY ?node ?class"""


def humanise(iri: str) -> str:
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return local.replace("-", " ").replace("_", " ") or iri


class Terms:
    def __init__(self, reader, vocab):
        self.reader = reader
        self.vocab = vocab
        self.labels: dict[URIRef, str] = {}
        self.types: dict[URIRef, list[URIRef]] = {}
        self.loaded: set[URIRef] = set()
        self.pending: set[URIRef] = set()

    def need(self, nodes: Iterable) -> None:
        """Nodes the page will name: fetched together at the next lookup."""
        self.pending.update(n for n in nodes if self._unknown(n))

    def _unknown(self, node) -> bool:
        # the ontology's terms are named from the vocabulary read at start-up
        return isinstance(node, URIRef) and node not in self.loaded and node not in self.vocab.labels

    def seed(self, node: URIRef, label: str, classes: list[URIRef]) -> None:
        """What the page's own query already found (no lookup then)."""
        self.loaded.add(node)
        self.labels[node] = label
        self.types[node] = list(classes)

    def _load(self) -> None:
        todo = sorted(self.pending - self.loaded)
        self.pending.clear()
        if not todo:
            return
        self.loaded.update(todo)
        ranks: dict[URIRef, tuple] = {}
        for part in chunks(todo):
            for row in self.reader.select(LABELS % values("node", part)):
                label = row["label"]
                rank = (int(row["rank"]) + (1 if isinstance(label, Literal) and label.language
                                            and not label.language.startswith("en") else 0), str(label))
                if row["node"] not in ranks or rank < ranks[row["node"]]:
                    ranks[row["node"]] = rank
                    self.labels[row["node"]] = str(label)
            for row in self.reader.select(CLASSES % values("node", part)):
                self.types.setdefault(row["node"], []).append(row["class"])

    def _ensure(self, node) -> None:
        if self._unknown(node):
            self.pending.add(node)
            self._load()

    def label(self, node) -> str:
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            return "[blank node]"
        self._ensure(node)
        label = self.labels.get(node) or self.vocab.labels.get(node)
        if label:
            return label
        value = str(node)
        if value.startswith(str(ARTICLE)) and "#char=" in value:
            return "mention " + value.rsplit("#", 1)[1]
        if value.startswith(str(WBKG)):
            return value[len(str(WBKG)):]
        return humanise(value)

    def classes(self, node) -> list[URIRef]:
        self._ensure(node)
        return self.types.get(node, [])

    def main_class(self, node) -> URIRef | None:
        return self.vocab.most_specific(self.classes(node))

    def kind(self, node) -> str:
        if str(node).startswith(str(WBKG)):
            return "term"
        classes = self.classes(node)
        closure = set(classes)
        for c in classes:
            closure |= self.vocab.ancestors(c)
        for cls_, kind in KINDS:
            if cls_ in closure:
                return kind
        return "fact" if is_entity(node) else "other"


def is_entity(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(ID))
