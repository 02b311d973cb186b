"""The RDF dataset of a request (SPARQL 1.1 Protocol 2.1.4 and Query 13.2): default-graph-uri /
named-graph-uri and the query's FROM / FROM NAMED select graphs the server holds; naming one kind leaves the
other empty; a graph the server does not hold is refused (400) and never fetched."""
from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow  # not in `make test-fast`

ENTITIES = "https://w3id.org/wbkg/graph/entities"
CORPUS = "https://w3id.org/wbkg/graph/corpus"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def answer(server, query, params=()):
    response = httpx.get(server.sparql, params=[("query", query), *params],
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def number(server, query, params=()) -> int:
    return int(answer(server, query, params)[0]["n"]["value"])


def test_named_graph_uri_alone_leaves_the_default_graph_empty(server):
    assert number(server, COUNT) > 0
    assert number(server, COUNT, [("named-graph-uri", ENTITIES)]) == 0
    inside = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert number(server, inside, [("named-graph-uri", ENTITIES)]) == number(server, COUNT, [("default-graph-uri", ENTITIES)])


def test_default_graph_uri_alone_leaves_no_named_graphs(server):
    assert answer(server, GRAPHS, [("default-graph-uri", ENTITIES)]) == []


def test_from_selects_a_held_graph_as_the_default_graph(server, published):
    assert number(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> WHERE {{ ?s ?p ?o }}") == len(published.entities)
    both = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> FROM <{CORPUS}> WHERE {{ ?s ?p ?o }}"
    assert number(server, both) == len(published.entities + published.graph(CORPUS))


def test_from_named_selects_the_named_graphs_and_empties_the_default(server):
    rows = answer(server, f"SELECT DISTINCT ?g FROM NAMED <{CORPUS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [r["g"]["value"] for r in rows] == [CORPUS]
    assert number(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{CORPUS}> WHERE {{ ?s ?p ?o }}") == 0


def test_protocol_parameters_override_from(server, published):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{CORPUS}> WHERE {{ ?s ?p ?o }}"
    assert number(server, query, [("default-graph-uri", ENTITIES)]) == len(published.entities)


def test_a_graph_not_held_is_refused_and_not_fetched(server, sink):
    for query in (f"SELECT * FROM <{sink.url}/g.ttl> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM <{ENTITIES}> FROM NAMED <{sink.url}/g.ttl> WHERE {{ ?s ?p ?o }}"):
        response = httpx.get(server.sparql, params={"query": query}, timeout=30)
        assert response.status_code == 400 and "not held" in response.text and sink.url in response.text
    assert sink.requests == []


# ------------------------------------------------------------------------------------------------------
# the service description (SPARQL 1.1 Service Description) at the endpoint's own address

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize("accept,fmt", [(None, "turtle"), ("text/turtle", "turtle"),
                                        ("application/ld+json", "json-ld")])
def test_get_without_query_describes_the_service(server, published, accept, fmt):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, VOID

    headers = {"Accept": accept} if accept else {}
    response = httpx.get(server.sparql, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    g = Graph().parse(data=response.text, format=fmt)
    sd = lambda name: URIRef(SD + name)  # noqa: E731
    [service] = g.subjects(RDF.type, sd("Service"))
    assert g.value(service, sd("endpoint")) == URIRef(server.sparql)
    assert g.value(service, sd("supportedLanguage")) == sd("SPARQL11Query")
    formats = {str(f).rsplit("/", 1)[-1] for f in g.objects(service, sd("resultFormat"))}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
            "JSON-LD"} <= formats
    dataset = g.value(service, sd("defaultDataset"))
    default = g.value(dataset, sd("defaultGraph"))
    assert g.value(default, VOID.triples) == Literal(number(server, COUNT))
    names = {str(g.value(n, sd("name"))): g.value(g.value(n, sd("graph")), VOID.triples)
             for n in g.objects(dataset, sd("namedGraph"))}
    assert names[ENTITIES] == Literal(len(published.entities))
    assert set(names) == {str(c.identifier) for c in published.dataset.graphs()
                          if len(c) and "/graph/" in str(c.identifier) and "/draft" not in str(c.identifier)}
