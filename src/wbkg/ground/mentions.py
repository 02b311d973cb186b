"""Mentions: where an article names an entity, found from the entity's labels (instance vs mention), and
where its graph's mention rules say a generic phrase refers to one ("the Prime Minister": docs/MODEL.md)."""
from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..corpus import Article
from .quotes import span_triples
from ..vocab.namespaces import ARTICLE, QUOTED_SPAN_CLASSES, WBKG
from ..problems import INPUT, WARNING, Problem

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
    span_nodes = {n for cls in (*QUOTED_SPAN_CLASSES, WBKG.MentionRule) for n in authored.subjects(RDF.type, cls)}
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


def rule_mentions(article: Article, authored: Graph, found: list[tuple]) -> tuple[list[tuple], list[Problem]]:
    """Triples of the mentions the graph's mention rules make: each occurrence of a rule's wbkg:surfaceForm
    (on word boundaries; only after its wbkg:precededBy when given) that no label mention in ``found``
    overlaps, denoting the rule's wbkg:refersTo, with wbkg:byRule naming the rule. A rule that matches
    nothing is an input error, as a quote not in the article is."""
    begins = {s: int(o) for s, p, o in found if p == WBKG.beginIndex}
    taken = [(begins[s], int(o)) for s, p, o in found if p == WBKG.endIndex]
    triples, problems = [], []
    rules = authored.subjects(RDF.type, WBKG.MentionRule)
    for rule in sorted(rules, key=lambda r: (-len(str(authored.value(r, WBKG.surfaceForm) or "")), str(r))):
        form, entity = authored.value(rule, WBKG.surfaceForm), authored.value(rule, WBKG.refersTo)
        if form is None or not str(form).strip() or not isinstance(entity, URIRef):
            problems.append(Problem(INPUT, "mention", f"{rule.n3()} needs a wbkg:surfaceForm and a wbkg:refersTo",
                                    article.graph_path, focus=str(rule)))
            continue
        before = authored.value(rule, WBKG.precededBy)
        spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(str(form))}(?!\w)", article.text)
                 if before is None or article.text[:m.start()].endswith(str(before))]
        if not spans:
            problems.append(Problem(INPUT, "mention", f"{rule.n3()}: {str(form)!r} does not occur in "
                                    f"{article.text_path.name}" + (" after its wbkg:precededBy" if before else ""),
                                    article.graph_path, focus=str(rule)))
            continue
        for begin, end in spans:
            if any(b < end and begin < e for b, e in taken):
                continue  # a label names something here already: the longer, specific name wins
            taken.append((begin, end))
            node = mention_iri(article, begin, end)
            triples += [(node, RDF.type, WBKG.Mention), (node, WBKG.denotes, entity), (node, WBKG.byRule, rule)]
            triples.extend(span_triples(node, article, begin, end))
    return triples, problems
