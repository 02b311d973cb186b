"""The ontology documented (/ontology, /ontology/<version>): its metadata, class tree, classes, properties and
concept schemes, each term with an anchor; as RDF, the ontology graph. Read per request from the store's
ontology graph (a few thousand triples, whatever the size of the corpus)."""
from __future__ import annotations

from markupsafe import Markup
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ...vocab.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI, WBKG, bind_prefixes
from .. import negotiate

from ..replies import (Reply, alternates, choose_page_format, format_links, html_reply, not_acceptable, not_found,
                       rdf_reply)
from .classes import class_counts, class_tree
from .links import link, prop_html, value_html

TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH graph:ontology { ?s ?p ?o } } ORDER BY ?s ?p ?o"
VERSION = "ASK { GRAPH graph:ontology { ?ontology owl:versionIRI ?version } }"
PROPERTY_KINDS = (("object property", OWL.ObjectProperty), ("datatype property", OWL.DatatypeProperty),
                  ("annotation property", OWL.AnnotationProperty))


def ontology_graph(site) -> Graph:
    g = bind_prefixes(Graph(identifier=ONTOLOGY_GRAPH))
    for row in site.reader.select(TRIPLES):
        g.add((row["s"], row["p"], row["o"]))
    return g


def ontology(site, payload: dict) -> Reply:
    if payload.get("version") is not None:   # the owl:versionIRI, https://w3id.org/wbkg/ontology/<version>
        wanted = URIRef(f"{ONTOLOGY_IRI}/{payload['version']}")
        if not site.reader.ask(VERSION, ontology=ONTOLOGY_IRI, version=wanted):
            return not_found(payload.get("accept"), f"There is no version {payload['version']} of the ontology.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    g = ontology_graph(site)
    if choice.format is not negotiate.HTML:
        ds = bind_prefixes(Dataset())
        target = ds.graph(ONTOLOGY_GRAPH)
        for triple in g:
            target.add(triple)
        return rdf_reply(ds, choice)
    return ontology_page(site, g)


def ontology_page(site, g: Graph) -> Reply:
    terms = site.terms()
    terms.need(o for o in g.objects())
    meta = [(prop_html(terms, p), value_html(terms, o))
            for p, o in sorted(g.predicate_objects(ONTOLOGY_IRI), key=lambda po: str(po[0])) if p != RDF.type]
    title = str(g.value(ONTOLOGY_IRI, DCTERMS.title) or "The wbkg ontology")
    counts = class_counts(site)

    def term_entry(t, rows):
        name = str(t)[len(str(WBKG)):]
        return {"anchor": name, "name": name, "label": terms.label(t), "iri": str(t),
                "definition": str(g.value(t, SKOS.definition) or g.value(t, RDFS.comment) or ""), "rows": rows}

    def links(items):
        return Markup(", ").join(link(terms, v) for v in sorted(items, key=str))
    classes, properties, individuals = [], [], []
    for c in site.vocab.classes:
        rows = []
        for label, found in (("subclass of", list(g.objects(c, RDFS.subClassOf))),
                             ("subclasses", list(g.subjects(RDFS.subClassOf, c))),
                             ("properties (domain)", list(g.subjects(RDFS.domain, c)))):
            if found:
                rows.append((label, links(found)))
        if counts.get(c):
            rows.append(("in the graph", Markup('<a href="/browse/{}">{} instances</a>').format(
                site.vocab.local(c), counts[c])))
        classes.append(term_entry(c, rows))
    for kind_name, kind in PROPERTY_KINDS:
        for p in sorted(g.subjects(RDF.type, kind), key=str):
            if not str(p).startswith(str(WBKG)):
                continue
            rows = [("kind", kind_name)]
            for label, pred in (("domain", RDFS.domain), ("range", RDFS.range),
                                ("subproperty of", RDFS.subPropertyOf), ("inverse of", OWL.inverseOf)):
                found = list(g.objects(p, pred))
                if found:
                    rows.append((label, links(found)))
            if (p, RDF.type, OWL.FunctionalProperty) in g:
                rows.append(("characteristics", "functional"))
            properties.append(term_entry(p, rows))
    schemes = set(g.subjects(SKOS.inScheme, None)) | set(g.subjects(RDF.type, SKOS.ConceptScheme))
    for t in sorted(schemes, key=str):
        if not str(t).startswith(str(WBKG)):
            continue
        rows = []
        for label, pred in (("in scheme", SKOS.inScheme), ("a", RDF.type)):
            found = [v for v in g.objects(t, pred) if v != OWL.NamedIndividual]
            if found:
                rows.append((label, links(found)))
        members = list(g.subjects(SKOS.inScheme, t))
        if members:
            rows.append(("members", links(members)))
        individuals.append(term_entry(t, rows))
    sections = [{"title": "Classes", "terms": classes}, {"title": "Properties", "terms": properties},
                {"title": "Concept schemes and their values", "terms": individuals}]
    return html_reply("ontology.html", title=title, iri=str(ONTOLOGY_IRI), formats=format_links("/ontology"),
                      metadata=meta, tree=class_tree(site, terms, None), sections=sections,
                      alternates=alternates("/ontology"))
