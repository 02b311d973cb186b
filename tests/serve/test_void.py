"""The VoID figures are what is served: void:triples is the size of the default graph (the merge the
Turtle, N-Triples and JSON-LD dumps hold, not the quads), void:classes the classes used, void:properties the
predicates used, and each named graph's void:triples its size in the N-Quads dump."""
from __future__ import annotations

from collections import Counter

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID

pytestmark = pytest.mark.slow  # not in `make test-fast`

DATASET = URIRef("https://w3id.org/wbkg/.well-known/void#wbkg")


@pytest.fixture(scope="module")
def void(server) -> Graph:
    response = httpx.get(server.url + "/.well-known/void.nt", timeout=60)
    assert response.status_code == 200
    return Graph().parse(data=response.text, format="nt")


@pytest.fixture(scope="module")
def dumps(server):
    """The N-Triples and N-Quads dumps as the server streams them."""
    nt = Graph().parse(data=httpx.get(server.url + "/dump/wbkg.nt", timeout=60).text, format="nt")
    per_graph = Counter()
    for line in httpx.get(server.url + "/dump/wbkg.nq", timeout=60).text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            per_graph[line.rsplit(" ", 2)[-2].strip("<>")] += 1
    return nt, per_graph


def test_void_triples_is_the_default_graph_of_the_dumps(void, dumps):
    nt, per_graph = dumps
    assert void.value(DATASET, VOID.triples) == Literal(len(nt))
    assert len(nt) < sum(per_graph.values()), "the quads repeat triples; VoID counts the merge"


def test_void_classes_and_properties_are_those_used(void, dumps):
    nt, _ = dumps
    assert void.value(DATASET, VOID.classes) == Literal(len(set(nt.objects(None, RDF.type))))
    assert void.value(DATASET, VOID.properties) == Literal(len(set(nt.predicates())))


def test_each_named_graph_size_is_its_size_in_the_nquads_dump(void, dumps):
    _, per_graph = dumps
    sizes = {str(void.value(sub, URIRef("http://www.w3.org/ns/sparql-service-description#name"))):
             void.value(sub, VOID.triples) for sub in void.objects(DATASET, VOID.subset)}
    assert sizes and all(sizes[g] == Literal(per_graph[g]) for g in sizes), (sizes, per_graph)


def test_the_derived_graphs_are_described(void):
    by_name = {str(void.value(sub, URIRef("http://www.w3.org/ns/sparql-service-description#name"))): sub
               for sub in void.objects(DATASET, VOID.subset)}
    for name in ("entailments", "schema-view"):
        sub = by_name["https://w3id.org/wbkg/graph/" + name]
        assert "not curated" in str(void.value(sub, URIRef("http://purl.org/dc/terms/description")))
        assert (sub, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), DATASET) in void
        assert int(void.value(sub, VOID.triples)) > 0
