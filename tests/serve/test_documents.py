"""Linked-data documents say where their other formats are (Link: rel=alternate, and rel=describedby to the
VoID), carry an ETag and Last-Modified and answer a conditional GET with 304; an entity or article as
N-Quads or TriG holds its triples in the default graph too (a client querying the document's default graph,
as Comunica does, finds them); an article is a schema:NewsArticle in its RDF and its JSON-LD island."""
from __future__ import annotations

import json
import re

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from serverkit import BROWSER

pytestmark = pytest.mark.slow  # not in `make test-fast`

NEWS = URIRef("https://schema.org/NewsArticle")
DOCUMENTS = ["/id/kfor", "/ontology", "/.well-known/void", "/graph/entities"]


def links(response) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for target, rel, media in re.findall(r'<([^>]*)>; rel="([^"]*)"(?:; type="([^"]*)")?',
                                         response.headers.get("link", "")):
        out.setdefault(rel, set()).add((target, media))
    return out


@pytest.mark.parametrize("path", DOCUMENTS)
def test_documents_link_their_formats_and_the_dataset(server, path):
    html = httpx.get(server.url + path, headers={"Accept": BROWSER}, timeout=30)
    found = links(html)
    assert (path + ".ttl", "text/turtle") in found["alternate"]
    assert (path + ".jsonld", "application/ld+json") in found["alternate"]
    assert ("/.well-known/void", "text/turtle") in found["describedby"]
    for target, media in found["alternate"]:   # every alternate is there, in its type
        response = httpx.get(server.url + target, timeout=30)
        assert response.status_code == 200 and response.headers["content-type"].startswith(media), target
    ttl = links(httpx.get(server.url + path + ".ttl", timeout=30))
    assert (path, "text/html") in ttl["alternate"] and not any(t == path + ".ttl" for t, _m in ttl["alternate"])


@pytest.mark.parametrize("path", DOCUMENTS + ["/id/kfor.ttl", "/", "/timeline"])
def test_conditional_get_is_304(server, path):
    first = httpx.get(server.url + path, headers={"Accept": BROWSER}, timeout=30)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = httpx.get(server.url + path, headers={"Accept": BROWSER, "If-None-Match": etag}, timeout=30)
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    since = httpx.get(server.url + path, headers={"Accept": BROWSER, "If-Modified-Since": modified}, timeout=30)
    assert since.status_code == 304
    changed = httpx.get(server.url + path, headers={"Accept": BROWSER, "If-None-Match": '"other"'}, timeout=30)
    assert changed.status_code == 200 and changed.content == first.content
    old = httpx.get(server.url + path, headers={"Accept": BROWSER,
                                                "If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"}, timeout=30)
    assert old.status_code == 200


@pytest.mark.parametrize("path", ["/id/kfor", "/article/" + "{article}"])
@pytest.mark.parametrize("fmt,accept,triples", [("nquads", "application/n-quads", "nt"),
                                                ("trig", "application/trig", "turtle")])
def test_quads_documents_hold_their_triples_in_the_default_graph(server, published, path, fmt, accept, triples):
    path = path.format(article=published.articles[0].stem)
    response = httpx.get(server.url + path, headers={"Accept": accept}, timeout=30)
    ds = Dataset()
    ds.parse(data=response.text, format=fmt)
    named = {(s, p, o) for s, p, o, g in ds.quads((None, None, None, None)) if g is not None
             and g != ds.default_graph.identifier}
    default = set(ds.default_graph)
    assert named and named <= default
    # the triples format of the same syntax family (N-Triples / Turtle write a decimal's lexical form alike)
    suffix = ".nt" if triples == "nt" else ".ttl"
    merged = Graph().parse(data=httpx.get(server.url + path + suffix, timeout=30).text, format=triples)
    assert set(merged) == default


def test_an_article_is_a_news_article(server, published):
    stem = published.articles[0].stem
    iri = URIRef(f"https://w3id.org/wbkg/article/{stem}")
    ttl = Graph().parse(data=httpx.get(f"{server.url}/article/{stem}.ttl", timeout=30).text, format="turtle")
    assert (iri, RDF.type, NEWS) in ttl
    html = httpx.get(f"{server.url}/article/{stem}", headers={"Accept": BROWSER}, timeout=30).text
    island = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    g = Graph().parse(data=json.dumps(json.loads(island)), format="json-ld")
    assert (iri, RDF.type, NEWS) in g
