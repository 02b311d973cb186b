"""An article (/article/<stem>): its metadata, its text with the names linked and the quotes highlighted,
its evidence and what it reports; as RDF, its metadata and its named graph; as .txt, its text. The graph
comes from the store; the text from the corpus file the build read (the store keeps its offsets)."""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from ...errors import InputError
from ...vocab.namespaces import ARTICLE, DRAFT_GRAPH, GRAPH, SCHEMA, SPAN_VALUES, WBKG, bind_prefixes
from ...rdfio import read_text
from .. import negotiate
from ..replies import (Reply, alternates, choose_page_format, format_links, html_reply, jsonld_island,
                       not_acceptable, not_found, rdf_reply, suffix_of)
from .links import DRAFT_BADGE, drafts_switch, href, keep, link, prop_html, value_html

EXISTS = "ASK { GRAPH graph:corpus { ?article a wbkg:Article } }"
METADATA = """SELECT ?article ?g ?s ?p ?o WHERE {
  GRAPH graph:corpus { ?article ?p ?o } BIND(?article AS ?s) BIND(graph:corpus AS ?g)
} ORDER BY ?p ?o"""
GRAPH_TRIPLES = "SELECT ?graph ?g ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } BIND(?graph AS ?g) } ORDER BY ?s ?p ?o"
MENTIONS = """SELECT ?graph ?m ?b ?e ?target WHERE {
  GRAPH ?graph { ?m a wbkg:Mention ; wbkg:beginIndex ?b ; wbkg:endIndex ?e ; wbkg:denotes ?target }
} ORDER BY ?b ?e ?m"""
EVIDENCE = """SELECT ?graph ?ev ?b ?e ?node ?prop WHERE {
  GRAPH ?graph { ?ev a wbkg:Evidence ; wbkg:beginIndex ?b ; wbkg:endIndex ?e
                 OPTIONAL { ?ev wbkg:supports ?node } OPTIONAL { ?ev wbkg:supportsProperty ?prop } }
} ORDER BY ?b ?ev ?node ?prop"""
EXEMPTIONS = """SELECT ?graph ?x ?exact ?reason WHERE {
  GRAPH ?graph { ?x a wbkg:Exemption OPTIONAL { ?x wbkg:exact ?exact } OPTIONAL { ?x wbkg:reason ?reason } }
} ORDER BY ?x"""
FACTS = """SELECT ?graph ?s ?p ?o WHERE {
  GRAPH ?graph { ?s ?p ?o
    FILTER NOT EXISTS { """ + SPAN_VALUES + """ ?s a ?span } }
} ORDER BY ?s ?p ?o"""


def article_text(site, stem: str) -> str | None:
    try:
        return read_text(site.project.article_text_file(stem))
    except InputError:
        return None


def article(site, payload: dict) -> Reply:
    stem = payload["stem"]
    iri = ARTICLE[stem]
    # only the stems the corpus graph names reach the file system
    if "/" in stem or "\\" in stem or stem.startswith(".") or not site.reader.ask(EXISTS, article=iri):
        return not_found(payload.get("accept"), f"There is no article {stem}.")
    if payload.get("suffix") == ".txt":
        text = article_text(site, stem)
        if text is None:
            return not_found(payload.get("accept"), f"The text of article {stem} is missing.")
        return Reply(200, text.encode("utf-8"), "text/plain; charset=utf-8")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = f"/article/{stem}"
    metadata = site.reader.quads(METADATA, bind_prefixes(Dataset()), article=iri)
    # wbkg:Article is a schema:NewsArticle (the ontology says so): said in the document, for clients that read
    # schema.org (search engines, the JSON-LD island) and do not reason
    metadata.default_graph.add((iri, RDF.type, SCHEMA.NewsArticle))
    if choice.format is not negotiate.HTML:
        ds = metadata
        for graph in graphs_of(site, stem):
            ds = site.reader.quads(GRAPH_TRIPLES, ds, graph=graph)
        return rdf_reply(ds, choice, None if payload.get("suffix") else path + suffix_of(choice),
                         merge_into_default=True)
    return article_page(site, stem, metadata, path)


def graphs_of(site, stem: str) -> list[URIRef]:
    """The article's graphs this view holds: the reviewed one, and its draft when the drafts are asked for."""
    return [g for g in (GRAPH[stem], DRAFT_GRAPH[stem]) if site.reader.holds_graph(str(g))]


def has_draft(site, stem: str) -> bool:
    """Whether a draft of the article exists (whether or not this view shows it)."""
    return site.reader.store.contains_named_graph(site.reader.ox.NamedNode(str(DRAFT_GRAPH[stem])))


def article_page(site, stem: str, metadata: Dataset, path: str) -> Reply:
    iri = ARTICLE[stem]
    terms = site.terms()
    text = article_text(site, stem)
    note = None
    if text is None:
        text, note = "", "The text file of this article is missing from the corpus folder."
    about = sorted((p, o) for _s, p, o, _g in metadata.quads((iri, None, None, None)))
    mentions, evidence_rows, facts, graphs = [], {}, [], graphs_of(site, stem)
    for graph in graphs:
        draft = graph == DRAFT_GRAPH[stem]
        mentions += [(int(r["b"]), int(r["e"]), r["target"], r["m"]) for r in site.reader.select(MENTIONS, graph=graph)]
        for r in site.reader.select(EVIDENCE, graph=graph):
            row = evidence_rows.setdefault(r["ev"], {"ev": r["ev"], "b": int(r["b"]), "e": int(r["e"]),
                                                     "nodes": [], "props": set(), "draft": draft})
            if "node" in r and r["node"] not in row["nodes"]:
                row["nodes"].append(r["node"])
            if "prop" in r:
                row["props"].add(r["prop"])
        facts += [(r["s"], r["p"], r["o"], draft) for r in site.reader.select(FACTS, graph=graph)]
    terms.need([iri, *(p for p, _o in about), *(o for _p, o in about), *(m[2] for m in mentions)])
    terms.need(n for row in evidence_rows.values() for n in row["nodes"])
    terms.need(x for t in facts for x in t)
    meta, source_note = [], None
    for p, o in sorted(about, key=lambda po: (terms.label(po[0]), str(po[1]))):
        if p == WBKG.metadataSource:
            source_note = str(o)
        elif p != RDF.type:
            meta.append((prop_html(terms, p), value_html(terms, o)))
    evidence = []
    for row in sorted(evidence_rows.values(), key=lambda r: (r["b"], str(r["ev"]))):
        props = ", ".join(sorted(terms.label(p) for p in row["props"]))
        suffix = Markup(' <span class="muted">({})</span>').format(props) if props else Markup("")
        evidence.append({"anchor": fragment(row["ev"]), "quote": text[row["b"]:row["e"]], "begin": row["b"],
                         "supports": Markup("<br>").join(link(terms, n) + suffix for n in row["nodes"]),
                         "draft": row["draft"]})
    exemptions = sorted(((str(r.get("exact", "")), str(r.get("reason", "")))
                         for graph in graphs for r in site.reader.select(EXEMPTIONS, graph=graph)),
                        key=lambda t: text.find(t[0]))
    facts.sort(key=lambda t: (terms.label(t[0]), terms.label(t[1]), str(t[2]), t[3]))
    fact_rows = [{"cells": (link(terms, s), prop_html(terms, p), value_html(terms, o)), "draft": draft}
                 for s, p, o, draft in facts]
    spans = [(r["b"], r["e"], r["ev"], evidence_kind(terms, r["nodes"])) for r in evidence_rows.values()]
    marks = mark_choices(terms, mentions, spans)
    drafted = has_draft(site, stem)
    status = "reviewed" if site.reader.holds_graph(str(GRAPH[stem])) else "draft" if drafted else "none"
    return html_reply("article.html", title=terms.label(iri), label=terms.label(iri), iri=str(iri),
                      formats=format_links(path), text_href=path + ".txt", metadata=meta, source_note=source_note,
                      text=annotate(terms, text, mentions, spans), marks=marks, evidence=evidence, exemptions=exemptions,
                      facts=fact_rows, jsonld=jsonld_island(metadata), alternates=alternates(path), note=note,
                      graph_status=status, shown=site.drafts, badge=DRAFT_BADGE,
                      switch=drafts_switch(terms, path) if drafted else None)


def fragment(node) -> str:
    return str(node).split("#", 1)[1] if "#" in str(node) else str(node)


#: what a name in the text can stand for, grouped for the reader's switches: (group, words, kinds of terms.kind)
NAME_GROUPS = (("people", "names of people", ("person",)),
               ("places", "names of states and places", ("state", "place")),
               ("organisations", "names of organisations and missions", ("organisation", "mission")),
               ("others", "other names (events, agreements...)", ()))
#: what a highlighted quote supports: a statement someone made, or another fact
QUOTE_GROUPS = (("statement", "quotes of statements"), ("fact", "quotes that support other facts"))


def name_group(kind: str) -> str:
    return next((g for g, _w, kinds in NAME_GROUPS if kind in kinds), "others")


def evidence_kind(terms, nodes) -> str:
    """"statement" when the quote supports something someone said (a Statement or Stance: the drawings file
    those under events, as they are), else "fact"."""
    for node in nodes:
        classes = set(terms.classes(node))
        for c in list(classes):
            classes |= terms.vocab.ancestors(c)
        if classes & {WBKG.Statement, WBKG.Stance}:
            return "statement"
    return "fact"


def mark_choices(terms, mentions: list, spans: list) -> list[dict]:
    """The switches above the text, one per kind of mark present, with how many there are."""
    names = [name_group(terms.kind(m[2])) for m in mentions]
    quotes = [s[3] for s in spans]
    return ([{"id": f"mark-{g}", "cls": f"k-{g}", "words": w, "count": names.count(g)} for g, w, _k in NAME_GROUPS
             if g in names]
            + [{"id": f"mark-{g}", "cls": f"ev-{g}", "words": w, "count": quotes.count(g)} for g, w in QUOTE_GROUPS
               if g in quotes])


def annotate(terms, text: str, mentions: list, evidences: list) -> Markup:
    """The article text with mentions as links and evidence quotes highlighted; offsets are code points.
    Each mention and evidence has an anchor named by its IRI's fragment (#char=b,e, #ev-...). A mention's
    class says what it names (k-people, k-places...), a quote's what it supports (ev-statement, ev-fact), so
    that the reader can tell them apart and switch each kind off."""
    bounds = {0, len(text)}
    for b, e, *_ in mentions + evidences:
        bounds.update((max(0, min(b, len(text))), max(0, min(e, len(text)))))
    cuts = sorted(bounds)
    starts = defaultdict(list)
    for b, _e, _t, m in mentions:
        starts[b].append(fragment(m))
    for b, _e, ev, _k in evidences:
        starts[b].append(fragment(ev))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for anchor in sorted(set(starts.get(a, ()))):
            out.append(Markup('<span id="{}"></span>').format(anchor))
        piece = Markup("{}").format(text[a:b])
        mention = next((m for m in mentions if m[0] <= a and b <= m[1]), None)
        if mention is not None:
            kind = terms.kind(mention[2])
            piece = Markup('<a class="mention k-{}" href="{}" title="{} ({})">{}</a>').format(
                name_group(kind), keep(terms, href(mention[2])) or "#", terms.label(mention[2]), kind, piece)
        covering = [ev for ev in evidences if ev[0] <= a and b <= ev[1]]
        if covering:
            kind = "statement" if any(ev[3] == "statement" for ev in covering) else "fact"
            piece = Markup('<mark class="ev-{}" title="{}">{}</mark>').format(
                kind, f"quote supporting a {kind}: " + ", ".join(sorted(fragment(ev[2]) for ev in covering)), piece)
        out.append(piece)
    return Markup("").join(out)
