"""Mentions: where an article names an entity, found from the entity's labels (instance vs mention)."""
from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..corpus import Article
from .quotes import span_triples
from ..vocab.namespaces import ARTICLE, QUOTED_SPAN_CLASSES, WBKG
from ..problems import WARNING, Problem

LABEL_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


def surface_forms(labels: list[Graph], entities) -> dict[str, set[URIRef]]:
    """Each label string (any language) in the ``labels`` graphs -> the entities among ``entities`` that carry it."""
    forms: dict[str, set[URIRef]] = defaultdict(set)
    for entity in entities:
        for prop in LABEL_PROPERTIES:
            for label in (o for g in labels for o in g.objects(entity, prop)):
                value = str(label).strip()
                if value:
                    forms[value].add(entity)
    return forms


def referenced_entities(authored: Graph, labels: list[Graph]) -> set[URIRef]:
    """IRIs used in an article graph (outside text spans) that have labels."""
    span_nodes = {n for cls in QUOTED_SPAN_CLASSES for n in authored.subjects(RDF.type, cls)}
    nodes = set()
    for s, p, o in authored:
        if s in span_nodes or p == RDF.type:
            continue
        nodes.add(s)
        if isinstance(o, URIRef):
            nodes.add(o)
    return {n for n in nodes
            if isinstance(n, URIRef) and any(g.value(n, SKOS.prefLabel) is not None for g in labels)}


def mention_iri(article: Article, begin: int, end: int) -> URIRef:
    return URIRef(f"{ARTICLE[article.stem]}#char={begin},{end}")


def find_mentions(article: Article, forms: dict[str, set[URIRef]]) -> tuple[list[tuple], list[Problem]]:
    """Triples of the mentions of ``forms`` in the article: longest match first, on word boundaries."""
    problems = []
    usable = {}
    for form, entities in forms.items():
        if len(entities) > 1:
            names = ", ".join(sorted(e.n3() for e in entities))
            problems.append(Problem(WARNING, "mention",
                                    f"label {form!r} is shared by {names}, all referenced in this article; "
                                    f"it is not used for mentions here",
                                    article.graph_path))
            continue
        usable[form] = next(iter(entities))
    if not usable:
        return [], problems
    alternatives = "|".join(re.escape(f) for f in sorted(usable, key=lambda f: (-len(f), f)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    triples = []
    for match in pattern.finditer(article.text):
        begin, end = match.span()
        node = mention_iri(article, begin, end)
        triples.append((node, RDF.type, WBKG.Mention))
        triples.append((node, WBKG.denotes, usable[match.group(0)]))
        triples.extend(span_triples(node, article, begin, end))
    return triples, problems
