"""What /sparql says about a query it cannot run: an empty query is 400 "empty query" (it was 403, taken for
an empty update), an undeclared prefix and a relative IRI are named; a body in a declared charset is decoded,
an unknown charset is 415."""
from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow  # not in `make test-fast`

EMPTY = ["", "   \n\t", "# only a comment\n", "PREFIX ex: <http://example.org/>", "BASE <http://example.org/>\n# x"]


@pytest.mark.parametrize("query", EMPTY)
def test_empty_query_is_400_not_403(server, query):
    for response in (httpx.get(server.sparql, params={"query": query}),
                     httpx.post(server.sparql, data={"query": query}),
                     httpx.post(server.sparql, content=query.encode(), headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 400, response.text
        assert "empty query" in response.text


def test_undeclared_prefix_is_named(server):
    response = httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s nope:thing ?o }"})
    assert response.status_code == 400
    assert "prefix 'nope' is not declared" in response.text


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s <bar> ?o }", "SELECT * WHERE { <a/b> ?p ?o }"])
def test_relative_iri_is_named(server, query):
    response = httpx.get(server.sparql, params={"query": query})
    assert response.status_code == 400
    assert "relative IRI" in response.text and "BASE" in response.text


@pytest.mark.parametrize("charset", ["UTF-16", "utf-16le", "UTF-16BE", "iso-8859-1"])
def test_body_in_a_declared_charset_is_decoded(server, charset):
    query = 'ASK { ?s ?p "Priština"@sr-Latn }' if charset.lower() != "iso-8859-1" else "ASK { ?s ?p ?o }"
    response = httpx.post(server.sparql, content=query.encode(charset),
                          headers={"Content-Type": f"application/sparql-query; charset={charset}",
                                   "Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    form = httpx.post(server.sparql, content=f"query={query}".encode(charset),
                      headers={"Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
                               "Accept": "application/sparql-results+json"})
    assert form.status_code == 200 and form.json()["boolean"] is True


@pytest.mark.parametrize("charset", ["klingon", "base64", "rot13"])
def test_unknown_charset_is_415(server, charset):
    response = httpx.post(server.sparql, content=b"ASK { ?s ?p ?o }",
                          headers={"Content-Type": f"application/sparql-query; charset={charset}"})
    assert response.status_code == 415 and charset in response.text


def test_body_not_in_its_charset_is_400(server):
    response = httpx.post(server.sparql, content="ASK { ?s ?p \"é\" }".encode("latin-1"),
                          headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert response.status_code == 400
