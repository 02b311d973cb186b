"""`wbkg show`: everything the graph says about one entity, each fact with its article and quote."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .errors import UsageError
from .load import CORPUS_GRAPH, ENTITIES_GRAPH, SCHEMA_VIEW_GRAPH, Loaded
from .namespaces import WBKG
from .queries import expand_iri

SPAN_TYPES = (WBKG.Evidence, WBKG.Mention, WBKG.Exemption)


@dataclass(frozen=True)
class Fact:
    subject: URIRef
    predicate: URIRef
    object: object
    graph: URIRef
    sources: tuple[tuple[URIRef, str], ...]   # (article, quote)


def resolve_entity(loaded: Loaded, name: str) -> URIRef:
    """An entity by IRI, prefixed name or label (prefLabel/altLabel, case-insensitive)."""
    if ":" in name:
        try:
            iri = expand_iri(name)
        except ValueError:
            iri = None
        if iri is not None:
            if (iri, None, None) in loaded.dataset or (None, None, iri) in loaded.dataset:
                return iri
            raise UsageError(f"nothing in the graph is called {iri}", parameter="ENTITY")
    wanted = name.strip().casefold()
    matches = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for s, label in loaded.entities.subject_objects(prop):
            if str(label).casefold() == wanted:
                matches.add(s)
    if len(matches) == 1:
        return matches.pop()
    if len(matches) > 1:
        raise UsageError(f"{name!r} names {len(matches)} entities: "
                         f"{', '.join(sorted(m.n3(loaded.dataset.namespace_manager) for m in matches))}; "
                         f"give the IRI", parameter="ENTITY")
    close = sorted({str(label) for label in loaded.entities.objects(None, SKOS.prefLabel)
                    if wanted in str(label).casefold()})[:5]
    hint = f"; labels containing it: {', '.join(close)}" if close else ""
    raise UsageError(f"no entity labelled {name!r}{hint}", parameter="ENTITY")


def evidence_index(loaded: Loaded, graph_iri: URIRef) -> dict:
    """(subject, predicate or None) -> [(article, quote)] for one article graph."""
    g = loaded.graph(graph_iri)
    index: dict = {}
    for evidence in g.subjects(RDF.type, WBKG.Evidence):
        article = g.value(evidence, WBKG.inArticle)
        quote = str(g.value(evidence, WBKG.exact))
        props = list(g.objects(evidence, WBKG.supportsProperty)) or [None]
        for node in g.objects(evidence, WBKG.supports):
            for prop in props:
                index.setdefault((node, prop), []).append((article, quote))
    return index


def _graph_id(context) -> URIRef:
    return context.identifier if isinstance(context, Graph) else context


def _evidence_for(loaded: Loaded, graph_iri: URIRef, subjects, supporting: dict) -> dict:
    """evidence_index(loaded, graph_iri) restricted to ``subjects``; ``supporting`` caches, per subject, the
    evidence nodes that support it in each graph (one dataset lookup per subject, not one per graph)."""
    g = loaded.graph(graph_iri)
    index: dict = {}
    for subject in subjects:
        if subject not in supporting:
            per_graph: dict = {}
            for evidence, _p, _o, context in loaded.dataset.quads((None, WBKG.supports, subject, None)):
                per_graph.setdefault(_graph_id(context), []).append(evidence)
            supporting[subject] = per_graph
        for evidence in supporting[subject].get(graph_iri, ()):
            if (evidence, RDF.type, WBKG.Evidence) not in g:
                continue
            article = g.value(evidence, WBKG.inArticle)
            quote = str(g.value(evidence, WBKG.exact))
            for prop in list(g.objects(evidence, WBKG.supportsProperty)) or [None]:
                index.setdefault((subject, prop), []).append((article, quote))
    return index


def facts_about(loaded: Loaded, entity: URIRef) -> list[Fact]:
    """Every triple with ``entity`` as subject or object (outside text spans), graph by graph, each with the
    (article, quote) pairs of the evidence that supports it. Uses dataset-wide lookups, so its cost follows
    the entity's degree, not the number of named graphs."""
    by_graph: dict = {}
    for s, p, o, context in loaded.dataset.quads((entity, None, None, None)):
        by_graph.setdefault(_graph_id(context), set()).add((s, p, o))
    for s, p, o, context in loaded.dataset.quads((None, None, entity, None)):
        graph_iri = _graph_id(context)
        graph = loaded.graph(graph_iri)
        if not any((s, RDF.type, t) in graph for t in SPAN_TYPES):
            by_graph.setdefault(graph_iri, set()).add((s, p, o))
    facts = []
    supporting: dict = {}
    for graph_iri in sorted(by_graph, key=str):
        if graph_iri == SCHEMA_VIEW_GRAPH:
            continue
        triples = by_graph[graph_iri]
        index = {} if graph_iri in (ENTITIES_GRAPH, CORPUS_GRAPH) else \
            _evidence_for(loaded, graph_iri, {s for s, _p, _o in triples}, supporting)
        for s, p, o in sorted(triples):
            sources = index.get((s, None), []) + index.get((s, p), [])
            facts.append(Fact(s, p, o, graph_iri, tuple(sorted(set(sources)))))
    return facts


def mentions_of(loaded: Loaded, entity: URIRef) -> list[tuple[URIRef, int, int, str]]:
    out = []
    for mention, _p, _o, context in loaded.dataset.quads((None, WBKG.denotes, entity, None)):
        graph = loaded.graph(_graph_id(context))
        out.append((graph.value(mention, WBKG.inArticle), int(graph.value(mention, WBKG.beginIndex)),
                    int(graph.value(mention, WBKG.endIndex)), str(graph.value(mention, WBKG.exact))))
    return sorted(set(out))


def render(loaded: Loaded, entity: URIRef) -> str:
    nm = loaded.dataset.namespace_manager

    def show(term) -> str:
        if isinstance(term, URIRef):
            label = loaded.entities.value(term, SKOS.prefLabel)
            short = term.n3(nm)
            return f"{short} ({label})" if label is not None and term != entity else short
        if isinstance(term, Literal):
            text = str(term).replace("\n", "⏎")
            return repr(text) if not term.datatype else f"{text} ({term.datatype.n3(nm)})"
        return str(term)

    label = loaded.entities.value(entity, SKOS.prefLabel)
    lines = [f"{entity.n3(nm)}" + (f"  {label}" if label else "")]
    current = None
    for fact in facts_about(loaded, entity):
        if fact.graph != current:
            current = fact.graph
            lines.append(f"\n[{fact.graph.n3(nm)}]")
        subject = "" if fact.subject == entity else f"{show(fact.subject)} "
        lines.append(f"  {subject}{fact.predicate.n3(nm)} {show(fact.object)}")
        for article, quote in fact.sources:
            lines.append(f"      ← {article.n3(nm)}: “{quote.replace(chr(10), ' ')}”")
        if fact.graph == ENTITIES_GRAPH:
            lines.append("      ← editorial (entity description)")
    mentions = mentions_of(loaded, entity)
    if mentions:
        lines.append(f"\nmentions ({len(mentions)}):")
        for article, begin, end, exact in mentions:
            lines.append(f"  {article.n3(nm)} [{begin}:{end}] {exact!r}")
    return "\n".join(lines) + "\n"
