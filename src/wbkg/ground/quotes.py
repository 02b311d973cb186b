"""Grounding: every quote is verbatim in its article, offsets are computed, every fact is covered.

For each article graph this module
- locates each wbkg:Evidence / wbkg:Exemption quote (wbkg:exact, disambiguated by an authored wbkg:prefix)
  and adds wbkg:inArticle, wbkg:beginIndex, wbkg:endIndex and 32-character wbkg:prefix / wbkg:suffix;
- checks that every statement's wbkg:text occurs verbatim in the article;
- checks that every triple whose subject is not a text span is covered by an evidence
  (wbkg:supports the subject, and wbkg:supportsProperty the predicate when restricted);
- computes wbkg:Mention nodes for every labelled entity the graph references (mentions.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..corpus import Article
from .closest import not_found_hint
from ..vocab.namespaces import QUOTED_SPAN_CLASSES, WBKG
from ..problems import CHECK, INPUT, Problem

CONTEXT = 32


@dataclass(frozen=True)
class Span:
    node: URIRef
    begin: int
    end: int


def span_triples(node: URIRef, article: Article, begin: int, end: int) -> list[tuple]:
    """The selector triples of a span: article, offsets, exact, prefix and suffix."""
    text = article.text
    return [
        (node, WBKG.inArticle, article.iri),
        (node, WBKG.exact, Literal(text[begin:end])),
        (node, WBKG.prefix, Literal(text[max(0, begin - CONTEXT):begin])),
        (node, WBKG.suffix, Literal(text[end:end + CONTEXT])),
        (node, WBKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
        (node, WBKG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)),
    ]


def find_occurrences(text: str, needle: str) -> list[int]:
    found, start = [], 0
    while needle:
        index = text.find(needle, start)
        if index < 0:
            break
        found.append(index)
        start = index + 1
    return found


def line_of(source: str, literal: str) -> int | None:
    """The 1-based line of ``source`` (a Turtle file) where ``literal`` is written, as far as it can be found."""
    first = literal.split("\n", 1)[0][:60].replace("\\", "\\\\").replace('"', '\\"')
    for needle in (first, first[:25]):
        if needle:
            index = source.find(needle)
            if index >= 0:
                return source.count("\n", 0, index) + 1
    return None


def locate_spans(article: Article, authored: Graph, source: str) -> tuple[list[Span], list[Problem]]:
    """Locate every authored evidence and exemption quote in the article text."""
    spans, problems = [], []
    text = article.text
    nodes = sorted({n for cls in QUOTED_SPAN_CLASSES for n in authored.subjects(RDF.type, cls)}, key=str)
    for node in nodes:
        exacts = list(authored.objects(node, WBKG.exact))
        if len(exacts) != 1:
            problems.append(Problem(INPUT, "quote", f"{node.n3()} needs exactly one wbkg:exact, has {len(exacts)}",
                                    article.graph_path, focus=str(node)))
            continue
        exact = str(exacts[0])
        line = line_of(source, exact)
        if not exact.strip():
            problems.append(Problem(INPUT, "quote", f"{node.n3()}: empty quote", article.graph_path, line, str(node)))
            continue
        positions = find_occurrences(text, exact)
        if not positions:
            problems.append(Problem(INPUT, "quote",
                                    f"{node.n3()}: quote not found in {article.text_path.name}: {exact[:80]!r}"
                                    + not_found_hint(text, exact),
                                    article.graph_path, line, str(node)))
            continue
        prefix = next((str(p) for p in authored.objects(node, WBKG.prefix)), None)
        suffix = next((str(s) for s in authored.objects(node, WBKG.suffix)), None)
        if prefix is not None:
            positions = [p for p in positions if text[:p].endswith(prefix)]
        if suffix is not None:
            positions = [p for p in positions if text[p + len(exact):].startswith(suffix)]
        if len(positions) != 1:
            how = "none of its occurrences" if not positions else f"{len(positions)} occurrences"
            problems.append(Problem(INPUT, "quote",
                                    f"{node.n3()}: quote {exact[:60]!r} matches {how} given its prefix/suffix; "
                                    f"add or fix wbkg:prefix (the text just before the intended occurrence)",
                                    article.graph_path, line, str(node)))
            continue
        spans.append(Span(node, positions[0], positions[0] + len(exact)))
    return spans, problems


def check_statement_texts(article: Article, authored: Graph, source: str) -> list[Problem]:
    problems = []
    for statement, text in sorted(authored.subject_objects(WBKG.text)):
        if str(text) not in article.text:
            problems.append(Problem(INPUT, "quote",
                                    f"{statement.n3()}: statement text not found verbatim in "
                                    f"{article.text_path.name}: {str(text)[:80]!r}" + not_found_hint(article.text, str(text)),
                                    article.graph_path, line_of(source, str(text)), str(statement)))
    return problems


def check_coverage(article: Article, authored: Graph) -> list[Problem]:
    """Every fact (triple whose subject is not a text span) is supported by an evidence in the same graph,
    and every evidence supports some fact."""
    # text spans and mention rules say where the article says something, not what: they need no evidence
    span_nodes = {n for cls in (*QUOTED_SPAN_CLASSES, WBKG.MentionRule) for n in authored.subjects(RDF.type, cls)}
    claims: dict[tuple, list] = {}  # (node, predicate or None) -> evidences claiming to support it
    for evidence in authored.subjects(RDF.type, WBKG.Evidence):
        properties = sorted(authored.objects(evidence, WBKG.supportsProperty)) or [None]
        for node in authored.objects(evidence, WBKG.supports):
            for prop in properties:
                claims.setdefault((node, prop), []).append(evidence)
    hit: set[tuple] = set()
    problems = []
    for s, p, o in sorted(authored):
        if s in span_nodes:
            continue
        keys = [k for k in ((s, None), (s, p)) if k in claims]
        if keys:
            hit.update(keys)
            continue
        problems.append(Problem(CHECK, "coverage",
                                f"fact without evidence: {s.n3()} {p.n3()} {o.n3()[:80]}",
                                article.graph_path, focus=str(s)))
    for (node, prop), evidences in sorted(claims.items(), key=str):
        if (node, prop) in hit:
            continue
        what = f"{node.n3()} {prop.n3()}" if prop is not None else node.n3()
        for evidence in sorted(evidences):
            problems.append(Problem(CHECK, "coverage",
                                    f"{evidence.n3()} supports {what}, but this graph states no such fact",
                                    article.graph_path, focus=str(evidence)))
    return problems
