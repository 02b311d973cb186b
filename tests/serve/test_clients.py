"""Real SPARQL clients against the endpoint: SPARQLWrapper and rdflib's SPARQLStore get, for every stored query,
the same answer as `wbkg query` computes locally; and so does plain HTTP asking for CSV."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Graph
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from wbkg.project import locate
from wbkg.query.stored import stored_queries
from wbkg.query.results import rows_from_json, render

pytestmark = pytest.mark.slow  # not in `make test-fast`

PROJECT = locate(Path(__file__).resolve().parents[2])
QUERIES = stored_queries(PROJECT.queries_dir)
NAMES = sorted(QUERIES)

#: our own sample queries, so that these tests run even while queries/ is being written
SAMPLES = {
    "people": "SELECT ?person ?name WHERE { ?person a wbkg:Person ; <http://www.w3.org/2004/02/skos/core#prefLabel> "
              "?name } ORDER BY STR(?name) LANG(?name) STR(?person)",
    "dated": "SELECT ?node ?date WHERE { ?node wbkg:date ?date } ORDER BY STR(?date) STR(?node)",
    "per-graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY STR(?g)",
    "optional": "SELECT ?m ?leader WHERE { ?m a wbkg:PeaceSupportMission OPTIONAL { ?m wbkg:ledBy ?leader } } "
                "ORDER BY STR(?m)",
    "kfor-graph": "CONSTRUCT { <https://w3id.org/wbkg/id/kfor> ?p ?o } WHERE { <https://w3id.org/wbkg/id/kfor> ?p ?o }",
    "ask": "ASK { <https://w3id.org/wbkg/id/kfor> wbkg:ledBy <https://w3id.org/wbkg/id/nato> }",
}


def params_of(query) -> dict[str, str]:
    """As the golden tests do: every parameter bound to its documented example."""
    return {p.name: p.example for p in query.parameters if p.example}


def norm(term):
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:bnode"
    return term


def multiset(rows) -> Counter:
    return Counter(tuple(norm(t) for t in row) for row in rows)


def wrapper_rows(body: dict) -> list[tuple]:
    return rows_from_json(body)[1]


def without_header(text: str) -> str:
    """The query without its leading comment lines. SPARQLWrapper guesses the query type with a regular
    expression that only strips every other line of a block of comments, and then takes "addresses" in a
    description for the ADD update keyword; it would send the query as an update (which we refuse, 403)."""
    lines = text.splitlines()
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def local(store):
    """What `wbkg query NAME` computes on the build's store for every stored query (with its examples bound)."""
    return {name: store.query(q.text, q.prepared, q.bindings(params_of(q))) for name, q in QUERIES.items()}


def test_there_are_stored_queries_to_compare():
    assert len(QUERIES) >= 1, "queries/ has no stored query; the sample queries below still run"


@pytest.mark.parametrize("name", NAMES)
def test_sparqlwrapper_matches_wbkg_query(server, local, name):
    query = QUERIES[name]
    expected = local[name]
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(without_header(query.text))
    assert sw.queryType in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"), sw.queryType
    for key, term in query.bindings(params_of(query)).items():
        sw.addParameter(f"${key}", term.n3())
    if expected.form in ("CONSTRUCT", "DESCRIBE"):
        sw.setReturnFormat(TURTLE)
        got = Graph().parse(data=sw.query().convert(), format="turtle")
        assert isomorphic(got, expected.graph), name
        return
    sw.setReturnFormat(JSON)
    body = sw.query().convert()
    if expected.form == "ASK":
        assert body["boolean"] == expected.boolean
        return
    assert body["head"]["vars"] == expected.variables
    got = wrapper_rows(body)
    assert multiset(got) == multiset(expected.rows), name
    if query.columns:
        assert [str(v) for v in expected.variables] == query.columns


@pytest.mark.parametrize("name", NAMES)
def test_sparqlstore_matches_wbkg_query(server, local, name):
    """rdflib's SPARQLStore binds parameters with a trailing VALUES block and reads SPARQL XML."""
    query = QUERIES[name]
    expected = local[name]
    graph = Graph(store=SPARQLStore(query_endpoint=server.sparql, returnFormat="xml"))
    result = graph.query(query.text, initBindings=query.bindings(params_of(query)))
    if expected.form in ("CONSTRUCT", "DESCRIBE"):
        assert isomorphic(result.graph, expected.graph), name
    elif expected.form == "ASK":
        assert result.askAnswer == expected.boolean
    else:
        assert [str(v) for v in result.vars] == expected.variables
        assert multiset(tuple(row) for row in result) == multiset(expected.rows), name


@pytest.mark.parametrize("name", [n for n in NAMES if QUERIES[n].form in ("SELECT", "ASK")])
def test_csv_over_http_matches_wbkg_query_format_csv(server, local, name):
    """Byte for byte what `wbkg query NAME --format csv` prints (rows compared as a multiset: ties in ORDER BY
    may come out in either order)."""
    query = QUERIES[name]
    expected = local[name]
    params = {"query": query.text}
    params.update({f"${k}": v.n3() for k, v in query.bindings(params_of(query)).items()})
    response = httpx.get(server.sparql, params=params, headers={"Accept": "text/csv"}, timeout=60)
    assert response.status_code == 200, response.text
    mine = render(expected, "csv")
    if expected.form == "ASK":
        assert response.text.strip().endswith(mine.strip())
        return
    got, want = response.text.split("\r\n"), mine.split("\r\n")
    assert got[0] == want[0]
    assert Counter(got[1:]) == Counter(want[1:])


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_sample_queries_in_every_format(server, published, name, fmt):
    text = SAMPLES[name]
    from wbkg.query.results import from_rdflib
    from wbkg.query.prepare import prepare
    expected = from_rdflib(published.dataset.query(prepare(text)))
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(text)
    sw.setMethod("POST" if fmt in (XML, TSV) else "GET")
    if expected.form == "CONSTRUCT":
        sw.setReturnFormat(TURTLE if fmt in (CSV, TSV) else fmt)
        converted = sw.query().convert()
        if isinstance(converted, Graph):
            got = converted
        else:
            got = Graph().parse(data=converted, format="turtle")
        assert isomorphic(got, expected.graph)
        return
    sw.setReturnFormat(fmt)
    converted = sw.query().convert()
    if fmt == JSON:
        if expected.form == "ASK":
            assert converted["boolean"] == expected.boolean
        else:
            assert wrapper_rows(converted) == expected.rows
    elif fmt == XML:
        if expected.form == "ASK":
            assert converted.getElementsByTagName("boolean")[0].firstChild.data == str(expected.boolean).lower()
        else:
            assert len(converted.getElementsByTagName("result")) == len(expected.rows)
    else:
        text_out = converted.decode("utf-8") if isinstance(converted, bytes) else converted
        if expected.form == "ASK":
            assert str(expected.boolean).lower() in text_out
        else:
            lines = [line for line in text_out.replace("\r\n", "\n").split("\n") if line]
            assert len(lines) == len(expected.rows) + 1


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sparqlstore_sample_queries(server, published, name):
    from wbkg.query.results import from_rdflib
    from wbkg.query.prepare import prepare
    text = SAMPLES[name]
    expected = from_rdflib(published.dataset.query(prepare(text)))
    # SPARQLStore's "json" asks for SPARQL JSON results only, which a CONSTRUCT cannot give (406): "xml" also
    # accepts RDF/XML
    fmt = "xml" if expected.form == "CONSTRUCT" else "json"
    graph = Graph(store=SPARQLStore(query_endpoint=server.sparql, returnFormat=fmt, method="POST_FORM"))
    result = graph.query(text)
    if expected.form == "CONSTRUCT":
        assert isomorphic(result.graph, expected.graph)
    elif expected.form == "ASK":
        assert result.askAnswer == expected.boolean
    else:
        assert [tuple(row) for row in result] == expected.rows
