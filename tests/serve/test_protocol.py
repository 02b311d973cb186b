"""The SPARQL 1.1 Protocol at /sparql: methods, encodings, content negotiation, errors, read-only, no
outbound access."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from wbkg.query.results import rows_from_json, from_rdflib
from wbkg.query.prepare import prepare

pytestmark = pytest.mark.slow  # not in `make test-fast`

SELECT = """SELECT ?entity ?label WHERE {
  GRAPH graph:entities { ?entity skos:prefLabel ?label }
} ORDER BY STR(?label) LANG(?label) STR(?entity)"""
SELECT = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + SELECT
CONSTRUCT = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?mission wbkg:ledBy ?leader ; skos:prefLabel ?name }
WHERE { ?mission wbkg:ledBy ?leader ; skos:prefLabel ?name }"""
ASK = "ASK { ?s a wbkg:Person }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def local_rows(published, text):
    return from_rdflib(published.dataset.query(prepare(text)))


def json_terms(body: dict) -> list[tuple]:
    return rows_from_json(body)[1]


def get(server, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return httpx.get(server.sparql, params={"query": query, **params}, headers=headers, timeout=30)


# ------------------------------------------------------------------------------------------------------
# methods and encodings

def test_get_post_form_and_post_query_give_the_same_answer(server, published):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = httpx.get(server.sparql, params={"query": SELECT}, headers=accept)
    by_form = httpx.post(server.sparql, data={"query": SELECT}, headers=accept)
    by_body = httpx.post(server.sparql, content=SELECT.encode("utf-8"),
                         headers={**accept, "Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert by_get.content == by_form.content == by_body.content
    assert json_terms(by_get.json()) == local_rows(published, SELECT).rows


def test_non_ascii_query_text_in_utf8(server, published):
    query = 'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Thaçi")) } ORDER BY STR(?s)'
    expected = local_rows(published, query).rows
    assert expected, "the graph names Hashim Thaçi with the cedilla"
    by_body = httpx.post(server.sparql, content=query.encode("utf-8"),
                         headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    by_get = get(server, query)
    assert json_terms(by_body.json()) == json_terms(by_get.json()) == expected


def test_head_answers_without_a_body(server):
    response = httpx.head(server.sparql, params={"query": ASK})
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_405_with_allow(server, method):
    response = httpx.request(method, server.sparql, params={"query": ASK})
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["allow"].split(",")}
    assert {"GET", "POST"} <= allowed and method not in allowed


def test_unsupported_post_body_type_is_415(server):
    response = httpx.post(server.sparql, content=b'{"query": "ASK {}"}', headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_missing_or_repeated_query_is_400(server):
    assert httpx.get(server.sparql, headers={"Accept": "application/sparql-results+json"}).status_code == 400
    assert httpx.get(server.sparql, params=[("query", ASK), ("query", ASK)]).status_code == 400


def test_a_browser_gets_a_query_form(server):
    response = httpx.get(server.sparql, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<form action="/sparql"' in response.text and "<textarea" in response.text


def test_a_browser_query_gets_an_html_table(server):
    response = get(server, SELECT, accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<table class="results">' in response.text and "/id/kfor" in response.text


# ------------------------------------------------------------------------------------------------------
# content negotiation

@pytest.mark.parametrize("accept,ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_select_results_by_accept(server, published, accept, ctype):
    response = get(server, SELECT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == ctype
    assert "Accept" in response.headers["vary"]
    expected = local_rows(published, SELECT)
    labels = [str(row[1]) for row in expected.rows]
    if "json" in ctype:
        assert json_terms(response.json()) == expected.rows
    elif "xml" in ctype:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        root = ET.fromstring(response.content)
        got = [r.find(f"{ns}binding[@name='label']/{ns}literal").text for r in root.iter(f"{ns}result")]
        assert got == labels
        assert [v.get("name") for v in root.iter(f"{ns}variable")] == ["entity", "label"]
    elif ctype == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["entity", "label"] and [r[1] for r in rows[1:]] == labels
    else:
        lines = response.text.rstrip("\n").split("\n")
        assert lines[0] == "?entity\t?label"
        def lang_case(cell: str) -> str:   # language tags are case-insensitive (Oxigraph writes sr-latn)
            return re.sub(r"@([A-Za-z0-9-]+)$", lambda m: "@" + m.group(1).lower(), cell)
        assert [lang_case(line.split("\t")[1]) for line in lines[1:]] == [lang_case(row[1].n3())
                                                                          for row in expected.rows]


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"), ("application/trig", "trig"), ("application/n-quads", "nquads"),
    ("*/*", "turtle"),
])
def test_construct_results_by_accept(server, published, accept, fmt):
    response = get(server, CONSTRUCT, accept)
    assert response.status_code == 200, response.text
    assert "Accept" in response.headers["vary"]
    expected = local_rows(published, CONSTRUCT).graph
    assert len(expected) > 0
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=response.text, format=fmt)
        got = Graph()
        for s, p, o, _g in ds.quads():
            got.add((s, p, o))
    else:
        got = Graph().parse(data=response.text, format=fmt)
    assert isomorphic(got, expected)


def test_jsonld_uses_the_inline_context_and_expanded_profile_is_honoured(server):
    compact = get(server, CONSTRUCT, "application/ld+json").json()
    assert isinstance(compact["@context"], dict), "the context is inline, never a remote URL"
    expanded = get(server, CONSTRUCT, 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"').json()
    assert isinstance(expanded, list) and "@context" not in json.dumps(expanded)


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_ask_results(server, accept):
    response = get(server, ASK, accept)
    assert response.status_code == 200
    assert "true" in response.text


def test_format_parameter_overrides_accept(server):
    """What SPARQLWrapper and download links send: format=/output= with a short name or a media type."""
    response = get(server, SELECT, "application/sparql-results+json", format="csv")
    assert response.headers["content-type"].startswith("text/csv")
    response = get(server, CONSTRUCT, None, output="json-ld")
    assert response.headers["content-type"].startswith("application/ld+json")


@pytest.mark.parametrize("query,accept", [(SELECT, "image/png"), (SELECT, "text/turtle"),
                                          (CONSTRUCT, "text/csv"), (ASK, "application/rdf+xml")])
def test_406_when_nothing_acceptable(server, query, accept):
    response = get(server, query, accept)
    assert response.status_code == 406, response.text
    assert "Accept" in response.headers["vary"]


# ------------------------------------------------------------------------------------------------------
# errors

def test_malformed_query_is_400_with_position(server):
    response = get(server, "SELECT ?s WHERE {\n  ?s ?p ?o \n  FILTER(?o = ) }", "application/sparql-results+json")
    assert response.status_code == 400
    assert "line 3" in response.text and "column" in response.text


def test_unknown_prefix_is_400(server):
    response = get(server, "SELECT * WHERE { ?s nope:thing ?o }")
    assert response.status_code == 400 and "nope" in response.text


def test_bad_binding_is_400(server):
    response = httpx.get(server.sparql, params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "$s": "<not an iri"})
    assert response.status_code == 400


# ------------------------------------------------------------------------------------------------------
# read-only

UPDATES = [
    'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/wbkg/graph/entities>",
    "CREATE GRAPH <http://example.org/g>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE <https://w3id.org/wbkg/graph/entities> TO <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "WITH <https://w3id.org/wbkg/graph/entities> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


def count(server) -> int:
    return int(get(server, COUNT, "application/sparql-results+json").json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_403_and_change_nothing(server, update):
    before = count(server)
    answers = [
        httpx.post(server.sparql, data={"update": update}),
        httpx.post(server.sparql, content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        httpx.post(server.sparql, data={"query": update}),
        httpx.get(server.sparql, params={"query": update}),
        httpx.post(server.sparql, content=update.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    assert [a.status_code for a in answers] == [403] * 5, [a.text for a in answers]
    assert "read-only" in answers[0].text
    assert count(server) == before


# ------------------------------------------------------------------------------------------------------
# no outbound access

def refused_requests(sink_url: str) -> list[tuple[str, dict]]:
    """(method, request kwargs) pairs that would make a naive endpoint fetch from ``sink_url``."""
    service = [
        f"SELECT * WHERE {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{sink_url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{sink_url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{sink_url}/sparql> {{ ?a ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{sink_url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{sink_url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{sink_url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s FROM <{sink_url}/data.ttl> WHERE {{ ?s ?p ?o }}",
    ]
    out = [("GET", {"params": {"query": q}}) for q in service]
    out += [("POST", {"content": q.encode(), "headers": {"Content-Type": "application/sparql-query"}}) for q in service[:3]]
    out += [
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": f"{sink_url}/g.ttl"}}),
        ("GET", {"params": {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                            "named-graph-uri": f"{sink_url}/g.ttl"}}),
        ("POST", {"data": {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{sink_url}/g.ttl"}}),
        ("GET", {"params": {"query": CONSTRUCT, "context": f"{sink_url}/context.jsonld"},
                 "headers": {"Accept": "application/ld+json"}}),
        ("POST", {"data": {"update": f"LOAD <{sink_url}/data.ttl>"}}),
        ("GET", {"params": {"query": f"LOAD <{sink_url}/data.ttl>"}}),
        ("GET", {"params": {"query": f"LOAD <{sink_url}/data.ttl> INTO GRAPH <http://example.org/g>"}}),
    ]
    return out


def test_nothing_that_would_reach_outside_is_run_and_nothing_is_fetched(server, sink):
    for method, kwargs in refused_requests(sink.url):
        response = httpx.request(method, server.sparql, timeout=30, **kwargs)
        assert response.status_code in (400, 403), (kwargs, response.status_code, response.text)
    # a remote context named in an Accept profile is ignored (RFC 6906: unknown profiles are ignored)
    response = get(server, CONSTRUCT, f'application/ld+json;profile="{sink.url}/context.jsonld"')
    assert response.status_code == 200 and isinstance(response.json()["@context"], dict)
    # DESCRIBE of an outside IRI describes it from the local graph only
    assert get(server, f"DESCRIBE <{sink.url}/thing>", "text/turtle").status_code == 200
    assert sink.requests == [], f"the server fetched {sink.requests}"


def test_service_refusal_names_the_reason(server):
    response = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 400 and "SERVICE" in response.text


# ------------------------------------------------------------------------------------------------------
# datasets: default-graph-uri / named-graph-uri select among the graphs held

def test_default_graph_uri_selects_held_graphs(server, published):
    entities = "https://w3id.org/wbkg/graph/entities"
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = httpx.get(server.sparql, params={"query": query, "default-graph-uri": entities})
    n = int(response.json()["results"]["bindings"][0]["n"]["value"])
    assert n == len(published.entities)
    both = httpx.get(server.sparql, params=[("query", query), ("default-graph-uri", entities),
                                            ("default-graph-uri", "https://w3id.org/wbkg/graph/corpus")])
    assert int(both.json()["results"]["bindings"][0]["n"]["value"]) > n


def test_named_graph_uri_limits_graph_patterns(server, published):
    article = published.articles[0].graph_iri
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    response = httpx.get(server.sparql, params={"query": query, "named-graph-uri": str(article)})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [str(article)]
    everything = httpx.get(server.sparql, params={"query": query}).json()["results"]["bindings"]
    assert len(everything) >= len(published.articles) + 3


# ------------------------------------------------------------------------------------------------------
# CORS

def test_cors_is_off_by_default(server):
    response = httpx.get(server.sparql, params={"query": ASK}, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = httpx.options(server.sparql, headers={"Origin": "https://elsewhere.example",
                                                      "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_the_named_origin_only(hostile):
    allowed = httpx.get(hostile.sparql, params={"query": ASK}, headers={"Origin": "https://allowed.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://allowed.example"
    assert "wbkg-truncated" in allowed.headers["access-control-expose-headers"].lower()
    preflight = httpx.options(hostile.sparql, headers={"Origin": "https://allowed.example",
                                                       "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://allowed.example"
    other = httpx.get(hostile.sparql, params={"query": ASK}, headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
