"""The SPARQL 1.1 Service Description at /sparql (a GET without a query that is not a browser's): what a
client needs before it asks: the endpoint, the language, the result formats, the features, and the default
dataset (the default graph and the named graphs, each with its size as served)."""
from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID

from ...vocab.namespaces import bind_prefixes
from .. import negotiate
from ..replies import Reply, rdf_reply
from .void import DATASET_IRI, RESULT_FORMATS, SD

#: what the endpoint accepts as input (Service Description 3.4: sd:inputFormat)
INPUT_FORMATS = ("http://www.w3.org/ns/formats/SPARQL_Query",)
DEFAULT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPH_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def description(site) -> Graph:
    """The service: sd:endpoint, sd:supportedLanguage, sd:resultFormat, sd:feature and sd:defaultDataset."""
    g = bind_prefixes(Graph())
    g.bind("sd", SD)
    g.bind("void", VOID)
    endpoint = URIRef(f"{site.base_url}/sparql")
    service = URIRef(f"{site.base_url}/sparql#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in RESULT_FORMATS:
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    for fmt in INPUT_FORMATS:
        g.add((service, SD.inputFormat, URIRef(fmt)))
    # no sd:UnionDefaultGraph: the default graph is the published merge, not the union of every named graph
    # (the drafts' and the closure's are left out); sd:BasicFederatedQuery is not offered (SERVICE is refused)
    dataset = BNode("defaultDataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"), DATASET_IRI))
    default = BNode("defaultGraph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(int(site.reader.value(DEFAULT_COUNT, 0)))))
    for iri in site.reader.graph_names():
        named = BNode(f"named-{iri.rsplit('/', 1)[-1]}")
        graph = BNode(f"graph-{iri.rsplit('/', 1)[-1]}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        count = site.reader.value(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", 0)
        g.add((graph, VOID.triples, Literal(int(count))))
    return g


def service(site, payload: dict) -> Reply:
    """Turtle unless the client prefers another RDF format (JSON-LD, N-Triples, RDF/XML, TriG, N-Quads)."""
    accept = payload.get("accept") or "text/turtle"
    choice = negotiate.choose(accept, negotiate.RDF_FORMATS)
    if choice is None:
        offered = ", ".join(f.media_types[0] for f in negotiate.RDF_FORMATS)
        return Reply(406, f"the service description is RDF; offered: {offered}\n".encode("utf-8"))
    ds = bind_prefixes(Dataset())
    ds.bind("sd", SD)
    ds.bind("void", VOID)
    for triple in description(site):
        ds.default_graph.add(triple)
    return rdf_reply(ds, choice)
