"""`wbkg show` and the entity pages: everything the graph says about one entity, each fact with its article
and quote. Every function reads the build's store with SPARQL SELECTs: ``store`` is anything with
``.query(text, prepared, bindings) -> wbkg.results.Result`` that evaluates with Oxigraph (the persistent
store, store.OxigraphStore). The queries use LATERAL (SPARQL 1.2, which rdflib does not parse), so
``prepared`` is None: Oxigraph needs it only for CONSTRUCT."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from ..errors import UsageError
from ..vocab.namespaces import (CORPUS_GRAPH, DERIVED_GRAPHS, DRAFT_GRAPH, ENTITIES_GRAPH, PREFIXES, SPAN_VALUES,
                                bind_prefixes)
from .stored import expand_iri


# the prefixes are declared in the text, so that any store parses it as it is
HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(PREFIXES.items())) + \
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"

# the entity's own triples and those that point at it (text spans aside: they are the evidence), per graph
TRIPLES = """SELECT ?entity ?g ?s ?p ?o WHERE {
  { GRAPH ?g { ?entity ?p ?o } BIND(?entity AS ?s) }
  UNION
  { GRAPH ?g { ?s ?p ?entity }
    FILTER NOT EXISTS { """ + SPAN_VALUES + """ GRAPH ?g { ?s a ?span } }
    BIND(?entity AS ?o) }
  FILTER(?g NOT IN (graph:schema-view, graph:entailments))
} ORDER BY ?g ?s ?p ?o"""
# the evidence, in the same graph, for the entity and for each node that points at it; LATERAL looks the
# evidence up for each such node (a plain join lets Oxigraph start from every evidence node of the store)
SOURCES = """SELECT DISTINCT ?entity ?g ?s ?prop ?article ?quote ?ev WHERE {
  { GRAPH ?g { ?entity ?p0 ?o0 } BIND(?entity AS ?s) } UNION { GRAPH ?g { ?s ?p0 ?entity } }
  LATERAL { GRAPH ?g { ?ev wbkg:supports ?s ; a wbkg:Evidence ; wbkg:inArticle ?article ; wbkg:exact ?quote
                       OPTIONAL { ?ev wbkg:supportsProperty ?prop } } }
} ORDER BY ?g ?s ?ev"""
MENTIONS = """SELECT ?entity ?article ?begin ?end ?exact WHERE {
  GRAPH ?g { ?m wbkg:denotes ?entity ; wbkg:inArticle ?article ; wbkg:beginIndex ?begin ; wbkg:endIndex ?end ;
                wbkg:exact ?exact }
} ORDER BY ?article ?begin ?end"""
EVIDENCE = """SELECT ?graph ?ev ?node ?prop ?article ?quote WHERE {
  GRAPH ?graph { ?ev a wbkg:Evidence ; wbkg:supports ?node ; wbkg:inArticle ?article ; wbkg:exact ?quote
                 OPTIONAL { ?ev wbkg:supportsProperty ?prop } }
} ORDER BY ?ev ?node ?prop"""
EXISTS = """SELECT ?entity WHERE { { ?entity ?p ?o } UNION { ?s ?p ?entity } } LIMIT 1"""
BY_LABEL = """SELECT DISTINCT ?lower ?s ?label WHERE {
  GRAPH graph:entities { ?s skos:prefLabel|skos:altLabel ?label } FILTER(LCASE(STR(?label)) = ?lower)
} ORDER BY ?s"""
CLOSE_LABELS = """SELECT DISTINCT ?lower ?label WHERE {
  GRAPH graph:entities { ?s skos:prefLabel ?label } FILTER(CONTAINS(LCASE(STR(?label)), ?lower))
} ORDER BY STR(?label) LIMIT 5"""
LABELS = """SELECT DISTINCT ?entity ?node ?label WHERE {
  { GRAPH ?g { ?entity ?p ?node } } UNION { GRAPH ?g { ?node ?p ?entity } } UNION { BIND(?entity AS ?node) }
  GRAPH graph:entities { ?node skos:prefLabel ?label }
} ORDER BY ?node ?label"""


@dataclass(frozen=True)
class Fact:
    subject: URIRef
    predicate: URIRef
    object: object
    graph: URIRef
    sources: tuple[tuple[URIRef, str], ...]   # (article, quote)
    evidence: tuple[URIRef, ...] = ()         # the evidence node of each source (its anchor in the article)


def select(store, text: str, **bindings) -> list[dict]:
    """Rows of a SELECT on ``store`` as {variable: term}, parameters bound by the engine."""
    result = store.query(HEADER + text, None, bindings)
    return [{k: v for k, v in zip(result.variables, row) if v is not None} for row in result.rows]


def resolve_entity(store, name: str) -> URIRef:
    """An entity by IRI, prefixed name or label (prefLabel/altLabel, case-insensitive)."""
    nm = bind_prefixes(Graph()).namespace_manager
    if ":" in name:
        try:
            iri = expand_iri(name)
        except ValueError:
            iri = None
        if iri is not None:
            if select(store, EXISTS, entity=iri):
                return iri
            raise UsageError(f"nothing in the graph is called {iri}", parameter="ENTITY")
    wanted = name.strip().casefold()
    lower = Literal(name.strip().lower())
    matches = {row["s"] for row in select(store, BY_LABEL, lower=lower) if str(row["label"]).casefold() == wanted}
    if len(matches) == 1:
        return matches.pop()
    if len(matches) > 1:
        raise UsageError(f"{name!r} names {len(matches)} entities: "
                         f"{', '.join(sorted(m.n3(nm) for m in matches))}; give the IRI", parameter="ENTITY")
    close = [str(row["label"]) for row in select(store, CLOSE_LABELS, lower=lower)]
    hint = f"; labels containing it: {', '.join(close)}" if close else ""
    raise UsageError(f"no entity labelled {name!r}{hint}", parameter="ENTITY")


def evidence_index(store, graph_iri: URIRef) -> dict:
    """(subject, predicate or None) -> [(article, quote)] for one article graph."""
    index: dict = {}
    for row in select(store, EVIDENCE, graph=URIRef(graph_iri)):
        index.setdefault((row["node"], row.get("prop")), []).append((row["article"], str(row["quote"])))
    return index


def facts_about(store, entity: URIRef) -> list[Fact]:
    """Every triple with ``entity`` as subject or object (outside text spans), graph by graph, each with the
    (article, quote) pairs of the evidence that supports it. Two queries, whose cost follows the entity's
    degree, not the size of the graph."""
    by_graph: dict = {}
    for row in select(store, TRIPLES, entity=entity):
        if row["g"] not in DERIVED_GRAPHS:
            by_graph.setdefault(row["g"], set()).add((row["s"], row["p"], row["o"]))
    index: dict = {}   # (graph, subject, property or None) -> {(article, quote): evidence}
    for row in select(store, SOURCES, entity=entity):
        if row["g"] in (ENTITIES_GRAPH, CORPUS_GRAPH):
            continue
        found = index.setdefault((row["g"], row["s"], row.get("prop")), {})
        key = (row["article"], str(row["quote"]))
        found[key] = min(found.get(key, row["ev"]), row["ev"])
    facts = []
    for graph_iri in sorted(by_graph, key=str):
        for s, p, o in sorted(by_graph[graph_iri]):
            found = {**index.get((graph_iri, s, None), {}), **index.get((graph_iri, s, p), {})}
            sources = tuple(sorted(found))
            facts.append(Fact(s, p, o, graph_iri, sources, tuple(found[k] for k in sources)))
    return facts


def mentions_of(store, entity: URIRef) -> list[tuple[URIRef, int, int, str]]:
    """(article, begin, end, words) of every mention of ``entity``, by article and offset."""
    return sorted({(row["article"], int(row["begin"]), int(row["end"]), str(row["exact"]))
                   for row in select(store, MENTIONS, entity=entity)})


def render(store, entity: URIRef) -> str:
    nm = bind_prefixes(Graph()).namespace_manager
    labels: dict = {}
    english_first = sorted(select(store, LABELS, entity=entity),
                           key=lambda r: not (r["label"].language or "").startswith("en"))
    for row in english_first:
        labels.setdefault(row["node"], row["label"])

    def show(term) -> str:
        if isinstance(term, URIRef):
            label = labels.get(term)
            short = term.n3(nm)
            return f"{short} ({label})" if label is not None and term != entity else short
        if isinstance(term, Literal):
            text = str(term).replace("\n", "⏎")
            return repr(text) if not term.datatype else f"{text} ({term.datatype.n3(nm)})"
        return str(term)

    label = labels.get(entity)
    lines = [f"{entity.n3(nm)}" + (f"  {label}" if label else "")]
    current = None
    for fact in facts_about(store, entity):
        if fact.graph != current:
            current = fact.graph
            draft = str(fact.graph).startswith(str(DRAFT_GRAPH))
            lines.append(f"\n[{fact.graph.n3(nm)}]" + ("  DRAFT: not reviewed" if draft else ""))
        subject = "" if fact.subject == entity else f"{show(fact.subject)} "
        lines.append(f"  {subject}{fact.predicate.n3(nm)} {show(fact.object)}")
        for article, quote in fact.sources:
            lines.append(f"      ← {article.n3(nm)}: “{quote.replace(chr(10), ' ')}”")
        if fact.graph == ENTITIES_GRAPH:
            lines.append("      ← editorial (entity description)")
    mentions = mentions_of(store, entity)
    if mentions:
        lines.append(f"\nmentions ({len(mentions)}):")
        for article, begin, end, exact in mentions:
            lines.append(f"  {article.n3(nm)} [{begin}:{end}] {exact!r}")
    return "\n".join(lines) + "\n"
