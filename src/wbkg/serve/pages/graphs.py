"""A named graph (/graph/<name>): what it holds and how big it is; as RDF (TriG keeps its name), its
triples. Only the graphs of the dataset are served (not the closure `wbkg query --inferred` may add)."""
from __future__ import annotations

from markupsafe import Markup
from rdflib import Dataset

from ...vocab.namespaces import ARTICLE, DRAFT_GRAPH, GRAPH, bind_prefixes
from .. import negotiate
from ..replies import (Reply, alternates, choose_page_format, format_links, html_reply, not_acceptable, not_found,
                       rdf_reply)
from .links import DRAFT_BADGE, is_draft, link

TRIPLES = "SELECT ?graph ?g ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } BIND(?graph AS ?g) } ORDER BY ?s ?p ?o"
SIZE = """SELECT ?graph (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph"""
IS_ARTICLE = "ASK { GRAPH graph:corpus { ?article a wbkg:Article } }"
DESCRIPTIONS = {"entities": "One description per real-world entity (editorial).",
                "corpus": "Metadata about the articles (editorial, and computed digests).",
                "ontology": Markup('The ontology: <a href="/ontology">documented here</a>.'),
                "schema-view": "schema.org types and properties entailed by the ontology's alignments.",
                "entailments": "What the reviewed graphs entail by the ontology (derived, not curated): every "
                               "super-class and super-property, the inverses, the property chains (holds, "
                               "memberOf, contributesTo), partOf across graphs, and each dated node's sortable "
                               "bounds (notBefore, notAfter)."}


def graph_resource(site, payload: dict) -> Reply:
    name = payload["name"]
    iri = GRAPH[name]
    if not site.reader.holds_graph(str(iri)):
        return not_found(payload.get("accept"), f"This server holds no named graph {iri}.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = f"/graph/{name}"
    if choice.format is not negotiate.HTML:
        return rdf_reply(site.reader.quads(TRIPLES, bind_prefixes(Dataset()), graph=iri), choice)
    if is_draft(iri):
        terms = site.terms()
        stem = str(iri)[len(str(DRAFT_GRAPH)):]
        description = DRAFT_BADGE + Markup("What <code>wbkg ingest</code> proposed for article {}, with its "
                                           "evidence; nobody has reviewed it.").format(link(terms, ARTICLE[stem]))
    elif site.reader.ask(IS_ARTICLE, article=ARTICLE[name]):
        terms = site.terms()
        description = Markup("Everything article {} reports, with the evidence for each fact.").format(
            link(terms, ARTICLE[name]))
    else:
        description = DESCRIPTIONS.get(name, "")
    size = site.reader.select(SIZE, graph=iri)
    triples, subjects = (int(size[0]["triples"]), int(size[0]["subjects"])) if size else (0, 0)
    return html_reply("graph.html", title=f"graph:{name}", name=f"graph:{name}", iri=str(iri),
                      description=description, size=triples, subjects=subjects, formats=format_links(path),
                      alternates=alternates(path))
