"""An entity or fact node (/id/<slug>): as HTML, its labels, classes, facts with their quotes, what it is
involved in, a drawing of its neighbourhood and where the articles name it; as RDF, its description graph
by graph. Everything comes from queries on the store whose cost follows the node's degree."""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from markupsafe import Markup
from rdflib import Dataset, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from ...query.describe import facts_about, mentions_of
from ...vocab.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH, SCHEMA, SPAN_VALUES, WBKG, bind_prefixes
from .. import negotiate, svg
from ..reader import IRI_CHARS, chunks, values
from ..replies import (Reply, alternates, choose_page_format, format_links, html_reply, jsonld_island,
                       not_acceptable, not_found, rdf_reply, suffix_of)
from .links import (article_link, drafts_switch, href, is_draft, keep, link, path_of, prop_html, sources_html,
                    value_html)

ENTITY_ROWS = 300        # rows of each table on an entity page (a hub entity of a large corpus has thousands)
ENTITY_ARTICLES = 40     # articles listed under "named in the articles"
DETAILS = 12             # facts of each node in the "involved in" table
FIRST_PROPERTIES = {RDF.type: 0, SKOS.prefLabel: 1, SKOS.altLabel: 2, SKOS.hiddenLabel: 3}
LABEL_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)

KNOWN = "ASK { GRAPH ?g { { ?node ?p ?o } UNION { ?s ?p ?node } } FILTER(?g NOT IN (graph:schema-view, graph:entailments)) }"
OWN = "SELECT ?node ?g ?s ?p ?o WHERE { GRAPH ?g { ?node ?p ?o } BIND(?node AS ?s) } ORDER BY ?g ?p ?o"
# the node's triples, those that point at it with the text spans that do (whole), and its neighbours' labels
DESCRIPTION = """SELECT DISTINCT ?node ?g ?s ?p ?o WHERE {
  { GRAPH ?g { ?node ?p ?o } BIND(?node AS ?s) }
  UNION { GRAPH ?g { ?s ?p ?node } BIND(?node AS ?o) }
  UNION { GRAPH ?g { """ + SPAN_VALUES + """ ?s ?p0 ?node ; a ?span ; ?p ?o } }
  UNION { { GRAPH ?g0 { ?node ?p0 ?s } FILTER(isIRI(?s)) }
          UNION { GRAPH ?g0 { ?s ?p0 ?node }
                  FILTER NOT EXISTS { """ + SPAN_VALUES + """
                                      GRAPH ?g0 { ?s a ?span } } }
          GRAPH graph:entities { ?s skos:prefLabel ?o } BIND(skos:prefLabel AS ?p) BIND(graph:entities AS ?g) }
} ORDER BY ?g ?s ?p ?o"""
DETAILS_OF = "SELECT DISTINCT ?s ?p ?o WHERE { %s ?s ?p ?o } ORDER BY ?s ?p ?o"


def is_known(site, node: URIRef) -> bool:
    return bool(IRI_CHARS.fullmatch(str(node))) and site.reader.ask(KNOWN, node=node)


def entity(site, payload: dict) -> Reply:
    node = URIRef(payload["iri"])
    if not is_known(site, node):
        return not_found(payload.get("accept"), f"Nothing in the graph is called {node}.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = path_of(node)
    if choice.format is not negotiate.HTML:
        return rdf_reply(site.reader.quads(DESCRIPTION, node=node), choice,
                         None if payload.get("suffix") else path + suffix_of(choice), merge_into_default=True)
    return entity_page(site, node, path)


def involved_rows(site, terms, node: URIRef, facts) -> tuple[list[dict], int]:
    """What points at the node, each subject with a few of its own facts; the number of such facts."""
    incoming: dict[URIRef, list] = defaultdict(list)
    for fact in facts:
        if fact.subject != node:
            incoming[fact.subject].append(fact)
    terms.need(incoming)
    shown, count = [], 0
    for subject in sorted(incoming, key=lambda s: (terms.label(s), str(s))):
        if count >= ENTITY_ROWS:
            break
        shown.append(subject)
        count += len(incoming[subject])
    details: dict[URIRef, list] = defaultdict(list)
    for part in chunks(shown):
        for row in site.reader.select(DETAILS_OF % values("s", part)):
            details[row["s"]].append((row["p"], row["o"]))
    terms.need(o for pairs in details.values() for _p, o in pairs)
    terms.need(p for pairs in details.values() for p, _o in pairs)
    rows = []
    for subject in shown:
        own = {(f.predicate, f.object) for f in incoming[subject]}
        lines = [Markup("{}: {}").format(prop_html(terms, p), value_html(terms, o))
                 for p, o in sorted(details[subject], key=lambda po: (str(po[0]), str(po[1])))
                 if p != RDF.type and o != node and p not in LABEL_PROPERTIES and (p, o) not in own
                 and not str(p).startswith(str(SCHEMA))]   # the schema.org view repeats wbkg facts
        shown_details = Markup("<br>").join(lines[:DETAILS]) + (Markup("<br>…") if len(lines) > DETAILS else "")
        for fact in incoming[subject]:
            rows.append({"subject": link(terms, subject), "prop": prop_html(terms, fact.predicate),
                         "details": shown_details, "source": sources_html(terms, fact),
                         "draft": is_draft(fact.graph)})
    return rows, sum(len(v) for v in incoming.values())


def entity_page(site, node: URIRef, path: str) -> Reply:
    terms = site.terms()
    facts = facts_about(site.reader.backend, node)
    terms.need([node])
    terms.need(f.object for f in facts)
    terms.need(f.predicate for f in facts)
    terms.need(a for f in facts for a, _q in f.sources)
    alt_labels = sorted({str(f.object) for f in facts
                         if f.subject == node and f.predicate == SKOS.altLabel and f.graph == ENTITIES_GRAPH})
    same_as = [link(terms, f.object, str(f.object)) for f in facts
               if f.subject == node and f.predicate in (SKOS.exactMatch, OWL.sameAs)]
    outgoing = sorted((f for f in facts if f.subject == node),
                      key=lambda f: (FIRST_PROPERTIES.get(f.predicate, 9), terms.label(f.predicate), str(f.object)))
    out_rows = [{"prop": prop_html(terms, f.predicate), "value": value_html(terms, f.object),
                 "source": sources_html(terms, f), "draft": is_draft(f.graph)} for f in outgoing[:ENTITY_ROWS]]
    involved, total_involved = involved_rows(site, terms, node, facts)
    mentions = defaultdict(list)
    for article, begin, end, exact in mentions_of(site.reader.backend, node):
        mentions[article].append((keep(terms, href(URIRef(f"{article}#char={begin},{end}"))), exact))
    mention_rows = [{"article": article_link(terms, a), "spans": items}
                    for a, items in sorted(mentions.items())[:ENTITY_ARTICLES]]
    more = {"facts": max(0, len(outgoing) - len(out_rows)), "involved": max(0, total_involved - len(involved)),
            "articles": max(0, len(mentions) - len(mention_rows))}
    classes = [link(terms, c) for c in terms.classes(node) if str(c).startswith(str(WBKG))]
    own = site.reader.quads(OWN, bind_prefixes(Dataset()), node=node)
    picture, legend = neighbourhood_picture(terms, node, facts)
    return html_reply("entity.html", title=terms.label(node), label=terms.label(node), iri=str(node),
                      classes=classes, alt_labels=alt_labels, same_as=same_as, formats=format_links(path),
                      picture=picture, legend=legend, facts=out_rows, involved=involved,
                      mentions=mention_rows, more=more, sparql=entity_query_link(node),
                      jsonld=jsonld_island(own), alternates=alternates(path),
                      switch=drafts_switch(terms, path) if site.has_drafts else None,
                      draft_only=bool(facts) and all(is_draft(f.graph) for f in facts))


def entity_query_link(node: URIRef) -> str:
    """The query that lists everything about the node (the page caps its tables), bound, not pasted."""
    query = ("SELECT ?graph ?subject ?property ?value ?node WHERE {\n  GRAPH ?graph {\n"
             "    { ?node ?property ?value BIND(?node AS ?subject) }\n"
             "    UNION { ?subject ?property ?node BIND(?node AS ?value) }\n  }\n}"
             "\nORDER BY STR(?graph) STR(?subject) STR(?property) STR(?value)")
    return "/sparql?" + urlencode({"query": query, "$node": f"<{node}>"})


def neighbourhood_picture(terms, node: URIRef, facts, limit: int = 24) -> tuple[Markup, Markup]:
    """The drawing of the node and its neighbours, and the legend of its colours."""
    relations: dict[URIRef, list] = {}
    order = []
    skip = {RDF.type, *LABEL_PROPERTIES}

    def relate(other, direction: str, prop) -> None:
        if other not in relations:
            relations[other] = []
            order.append(other)
        if (direction, terms.label(prop)) not in relations[other]:
            relations[other].append((direction, terms.label(prop)))
    drawn = [f for f in facts if f.predicate not in skip and f.graph != ONTOLOGY_GRAPH]
    for f in drawn:   # facts_about leaves out the schema.org view and the text spans
        if f.subject == node and isinstance(f.object, URIRef):
            relate(f.object, "out", f.predicate)
    for f in drawn:
        if f.object == node and f.subject != node and isinstance(f.subject, URIRef):
            relate(f.subject, "in", f.predicate)
    shown = order[:limit]
    neighbours = [svg.Neighbour(terms.label(n), keep(terms, href(n)), terms.kind(n), relations[n]) for n in shown]
    picture = svg.neighbourhood(terms.label(node), terms.kind(node), neighbours, more=len(order) - len(shown))
    return picture, svg.legend([terms.kind(node)] + [nb.kind for nb in neighbours])
