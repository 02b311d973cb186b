"""The dataset described (/.well-known/void): VoID, DCAT and a SPARQL service description with the URLs of
this server as configured (never the request's Host header), the figures of the build (build/stats.json),
example resources taken from the store; and the JSON-LD context of the answers (/context.jsonld)."""
from __future__ import annotations

import json

from markupsafe import Markup
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID

from ...export.context import jsonld_context
from ...export.rdflib_dataset import serialize_graph
from ...vocab.namespaces import (BASE, ENTAILMENTS_GRAPH, ID, ONTOLOGY_GRAPH, ONTOLOGY_IRI, SCHEMA_VIEW_GRAPH, WBKG,
                                 bind_prefixes)
from .. import negotiate
from ..backend import DRAFT_DUMPS, DUMPS, dump_file
from ..reader import values
from ..replies import Reply, alternates, choose_page_format, format_links, html_reply, not_acceptable, rdf_reply
from .classes import type_counts
from .links import path_of

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET_IRI = URIRef(BASE + ".well-known/void#wbkg")
EXAMPLE_CLASSES = (WBKG.Person, WBKG.Mission, WBKG.State)
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
                  "JSON-LD", "N-Triples", "RDF_XML", "TriG")

LICENSE = "SELECT ?license ?ontology WHERE { GRAPH graph:ontology { ?ontology dcterms:license ?license } } LIMIT 1"
EXAMPLE = "SELECT ?entity WHERE { %s GRAPH graph:entities { ?entity a ?class } } ORDER BY ?entity LIMIT 1"
ARTICLES = "SELECT ?article WHERE { GRAPH graph:corpus { ?article a wbkg:Article } } ORDER BY ?article"
TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PROPERTIES = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"
ENTITIES = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:entities { ?e a ?class } }"
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: the graphs the build derives from the others (in the default graph and the merged dumps, not curated)
DERIVED = {
    str(ENTAILMENTS_GRAPH): "Derived by the build, not curated: what the reviewed graphs entail by the ontology "
                            "(every super-class and super-property outside schema.org, owl:inverseOf, the property "
                            "chains wbkg:holds, wbkg:memberOf and wbkg:contributesTo, the closure of the transitive "
                            "wbkg:partOf across graphs, the ontology's closed hierarchies) and each dated node's "
                            "sortable bounds wbkg:notBefore / wbkg:notAfter (xsd:date, the hull of its dates).",
    str(SCHEMA_VIEW_GRAPH): "Derived by the build, not curated: the schema.org types and properties entailed by "
                            "the ontology's alignments.",
}


def figures(site) -> dict:
    """What is served, counted on the store: triples and properties of the default graph (what the Turtle,
    N-Triples and JSON-LD dumps hold; a triple in two named graphs counts once, as RDF merges), entities
    (described in graph:entities). The build's stats.json counts quads, so it is not used here."""
    return site.memo("void figures", lambda: {
        "triples": int(site.reader.value(TRIPLES, 0)), "properties": int(site.reader.value(PROPERTIES, 0)),
        "entities": int(site.reader.value(ENTITIES, 0))})


def graph_sizes(site) -> dict[str, int]:
    """Triples per named graph, counted on the store (what /graph/<name>.trig serves)."""
    return site.memo("graph sizes", lambda: {str(r["g"]): int(r["n"]) for r in site.reader.select(GRAPH_SIZES)})


def examples(site) -> list[URIRef]:
    """The first entity (by IRI) of a few classes, as the store has them."""
    out = []
    for cls_ in EXAMPLE_CLASSES:
        found = site.reader.value(EXAMPLE % values("class", sorted(site.vocab.descendants(cls_), key=str)))
        if found is not None and found not in out:
            out.append(found)
    return out


def void_graph(site, subsets: bool = True) -> Graph:
    """VoID + DCAT + SPARQL service description of the dataset, with this server's URLs."""
    g = bind_prefixes(Graph())
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("sd", SD)):
        g.bind(prefix, ns)
    d = DATASET_IRI
    base = site.base_url
    endpoint = URIRef(f"{base}/sparql")
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("wbkg: UK defence and security cooperation with the Western Balkans", lang="en")))
    g.add((d, DCTERMS.description, Literal("A knowledge graph built from news articles: actors, states, missions, "
                                           "agreements, events, statements and stances, each fact traced to a "
                                           "verbatim quote of its article.", lang="en")))
    license_ = site.reader.value(LICENSE, ontology=ONTOLOGY_IRI)
    if license_ is not None:
        g.add((d, DCTERMS.license, license_))
    counted = figures(site)
    g.add((d, VOID.triples, Literal(counted["triples"])))
    g.add((d, VOID.entities, Literal(counted["entities"])))
    g.add((d, VOID.properties, Literal(counted["properties"])))
    g.add((d, VOID.classes, Literal(len(type_counts(site)))))   # classes used: objects of rdf:type
    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.vocabulary, URIRef(str(WBKG))))
    g.add((d, VOID.sparqlEndpoint, endpoint))
    g.add((d, VOID.rootResource, ONTOLOGY_IRI))
    for example in examples(site):
        g.add((d, VOID.exampleResource, example))
    for name, file, _key, media in DUMPS:
        if dump_file(site.project, file) is None:
            continue
        url = URIRef(f"{base}/dump/{file}")
        g.add((d, VOID.dataDump, url))
        distribution(g, d, file, name, media, url)
    drafts_dataset(g, site)
    service = URIRef(f"{DATASET_IRI}-sparql")
    for t in (DCAT.DataService, SD.Service):
        g.add((service, RDF.type, t))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, DCAT.servesDataset, d))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, DCTERMS.description, Literal(DRAFTS_NOTE, lang="en")))
    for fmt in RESULT_FORMATS:
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    g.add((d, DCAT.accessService, service))
    if subsets:
        for row in site.reader.select(ARTICLES):
            g.add((d, DCTERMS.source, row["article"]))
        sizes = graph_sizes(site)
        for iri in site.reader.graph_names():
            sub = URIRef(f"{DATASET_IRI}-graph-{iri.rsplit('/', 1)[-1]}")
            g.add((d, VOID.subset, sub))
            g.add((sub, RDF.type, VOID.Dataset))
            g.add((sub, SD.name, URIRef(iri)))
            if iri in sizes:
                g.add((sub, VOID.triples, Literal(sizes[iri])))
            g.add((sub, VOID.dataDump, URIRef(f"{base}{path_of(URIRef(iri))}.trig")))
            if iri in DERIVED:
                g.add((sub, DCTERMS.description, Literal(DERIVED[iri], lang="en")))
                g.add((sub, PROV.wasDerivedFrom, d))
                g.add((sub, PROV.wasDerivedFrom, URIRef(f"{DATASET_IRI}-graph-{ONTOLOGY_GRAPH.rsplit('/', 1)[-1]}")))
    return g


DRAFTS_NOTE = ("Answers come from reviewed facts. The request parameter include-drafts=true (GET or POST form, on "
               "/sparql and on every page) also answers from the drafts wbkg ingest wrote, which nobody has "
               "reviewed; their named graphs are https://w3id.org/wbkg/graph/draft/<article>.")
DRAFTS_IRI = URIRef(BASE + ".well-known/void#wbkg-drafts")


def drafts_dataset(g: Graph, site) -> None:
    """The drafts, published apart from the dataset (not a part of it: nobody has reviewed them)."""
    for name, file, _key, media in DRAFT_DUMPS:
        if dump_file(site.project, file) is None:
            continue
        url = URIRef(f"{site.base_url}/dump/{file}")
        g.add((DRAFTS_IRI, RDF.type, DCAT.Dataset))
        g.add((DRAFTS_IRI, DCTERMS.title, Literal("wbkg drafts: not reviewed", lang="en")))
        g.add((DRAFTS_IRI, DCTERMS.description, Literal("Graphs that wbkg ingest drafted from new articles; "
                                                        "nobody has reviewed them.", lang="en")))
        g.add((DRAFTS_IRI, DCTERMS.relation, DATASET_IRI))
        distribution(g, DRAFTS_IRI, file, name, media, url)


def distribution(g: Graph, dataset: URIRef, file: str, name: str, media: str, url: URIRef) -> None:
    """One dump file of a dataset as a dcat:Distribution: its title, download URL and media type."""
    dist = URIRef(f"{dataset}-{file.replace('.', '-')}")
    g.add((dataset, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(name, lang="en")))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))


def offered_dumps(site) -> list[tuple[str, str, str]]:
    """(name, URL path, media type) of the files the build wrote: the graph, then the drafts (labelled)."""
    return [(name, f"/dump/{file}", media) for name, file, _k, media in DUMPS + DRAFT_DUMPS
            if dump_file(site.project, file) is not None]


def void(site, payload: dict) -> Reply:
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    g = void_graph(site)
    if choice.format is not negotiate.HTML:
        ds = bind_prefixes(Dataset())
        ds.bind("sd", SD)
        for triple in g:
            ds.default_graph.add(triple)
        return rdf_reply(ds, choice)
    sizes = graph_sizes(site)
    graphs = [(Markup('<a href="{}">{}</a>').format(path_of(URIRef(iri)), iri.rsplit("/", 1)[-1]), sizes.get(iri, ""))
              for iri in site.reader.graph_names()]
    return html_reply("void.html", title="Dataset", formats=format_links("/.well-known/void"),
                      dumps=offered_dumps(site),
                      graphs=graphs, turtle=serialize_graph(g, "turtle"), alternates=alternates("/.well-known/void"))


def context(site, payload: dict) -> Reply:
    body = json.dumps({"@context": jsonld_context()}, indent=1, ensure_ascii=False) + "\n"
    return Reply(200, body.encode("utf-8"), "application/ld+json")
