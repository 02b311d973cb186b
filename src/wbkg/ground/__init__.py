"""Grounding one article's graph: every quote located in the text (quotes.py: offsets, prefix, suffix),
statement texts and sentence coverage checked, mentions of known entities added from their labels and from the
graph's mention rules (mentions.py). The pipeline
runs it per article."""
from __future__ import annotations

from rdflib import Graph

from ..corpus import Article
from ..problems import Problem
from ..vocab.namespaces import WBKG
from .mentions import find_mentions, referenced_entities, rule_mentions, surface_forms
from .quotes import check_coverage, check_statement_texts, locate_spans, span_triples


def ground(article: Article, graph: Graph, entities: Graph, source: str) -> list[Problem]:
    """Check and complete one article graph in place; return the problems found."""
    spans, problems = locate_spans(article, graph, source)
    problems += check_statement_texts(article, graph, source)
    problems += check_coverage(article, graph)
    labels = [entities]  # fact nodes' labels describe facts; they are not names an article uses
    forms = surface_forms(labels, referenced_entities(graph, labels))
    mention_triples, mention_problems = find_mentions(article, forms)
    by_rule, rule_problems = rule_mentions(article, graph, mention_triples)
    mention_triples += by_rule
    problems += mention_problems + rule_problems
    for span in spans:
        graph.remove((span.node, WBKG.prefix, None))
        graph.remove((span.node, WBKG.suffix, None))
        graph.remove((span.node, WBKG.exact, None))
        for triple in span_triples(span.node, article, span.begin, span.end):
            graph.add(triple)
    for triple in mention_triples:
        graph.add(triple)
    return problems
