"""Linked data: every IRI under the project base dereferences (HTML, Turtle, JSON-LD by conneg and suffix),
article pages with highlighted mentions, the ontology as HTML, the timeline, VoID/DCAT, and the dumps."""
from __future__ import annotations

import http.client
import re

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCAT, RDF, VOID
from rdflib.compare import isomorphic

from wbkg.vocab.namespaces import ARTICLE, BASE, GRAPH, ID, WBKG

from serverkit import BROWSER, parse_html

pytestmark = pytest.mark.slow  # not in `make test-fast`

DERIVED = {GRAPH["schema-view"], GRAPH["entailments"]}  # derived: an entity page shows asserted facts


def iris_under(published, namespace) -> set[URIRef]:
    out = set()
    for g in published.dataset.graphs():
        if g.identifier in DERIVED:
            continue
        for s, _p, o in g:
            for t in (s, o):
                if isinstance(t, URIRef) and str(t).startswith(str(namespace)) and "#" not in str(t):
                    out.add(t)
    return out


def path(iri) -> str:
    return "/" + str(iri)[len(BASE):]


# ------------------------------------------------------------------------------------------------------
# entities

def test_every_iri_under_the_base_dereferences(server, published):
    """Entities, articles, the ontology and its version IRI, every named graph (fragments are anchors in the
    page of the IRI without them: article#char=b,e, ontology#Term)."""
    iris = iris_under(published, BASE) | {URIRef(str(g.identifier)) for g in published.dataset.graphs() if len(g)}
    iris |= {URIRef(str(i).split("#", 1)[0]) for g in published.dataset.graphs() for t in g for i in t
             if isinstance(i, URIRef) and str(i).startswith(BASE) and "#" in str(i)}
    assert len(iris) > 50 and URIRef(BASE + "ontology") in iris
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for iri in sorted(iris):
            response = client.get(path(iri), headers={"Accept": "text/turtle"})
            assert response.status_code == 200, iri
            graph = Graph().parse(data=response.text, format="turtle")
            if str(iri).startswith(BASE + "graph/"):   # a named graph answers with its triples
                assert len(graph) == len(published.dataset.graph(iri)), iri
            else:
                assert (iri, None, None) in graph or (None, None, iri) in graph, iri


@pytest.mark.parametrize("slug", ["kfor", "albin-kurti", "kosovo"])
def test_entity_by_content_negotiation_and_suffix(server, published, slug):
    iri = ID[slug]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        html = client.get(f"/id/{slug}", headers={"Accept": BROWSER})
        turtle = client.get(f"/id/{slug}", headers={"Accept": "text/turtle"})
        jsonld = client.get(f"/id/{slug}", headers={"Accept": "application/ld+json"})
        ttl = client.get(f"/id/{slug}.ttl")
        dotjsonld = client.get(f"/id/{slug}.jsonld")
        trig = client.get(f"/id/{slug}.trig")
        curl_default = client.get(f"/id/{slug}", headers={"Accept": "*/*"})
    assert html.headers["content-type"].startswith("text/html")
    assert curl_default.headers["content-type"].startswith("text/html")
    for response in (html, turtle, jsonld):
        assert "Accept" in response.headers["vary"]
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.headers["content-location"] == f"/id/{slug}.ttl"
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert turtle.text == ttl.text and jsonld.text == dotjsonld.text
    g_turtle = Graph().parse(data=turtle.text, format="turtle")
    g_jsonld = Graph().parse(data=jsonld.text, format="json-ld")
    assert isomorphic(g_turtle, g_jsonld)
    label = published.entities.value(iri, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
    assert (iri, None, label) in g_turtle
    # every fact about it in the article graphs, with the evidence that supports it
    for g in published.dataset.graphs():
        if g.identifier in DERIVED:
            continue
        for triple in g.triples((iri, None, None)):
            assert triple in g_turtle
    ds = Dataset()
    ds.parse(data=trig.text, format="trig")
    assert {str(c.identifier) for c in ds.graphs() if len(c)} >= {"https://w3id.org/wbkg/graph/entities"}
    page = parse_html(html.text)
    assert str(label) in html.text
    assert any(h.startswith("/article/") for h in page.hrefs), "facts link to their articles"
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood"' in html.text
    assert f'href="/id/{slug}.ttl"' in html.text and f'href="/id/{slug}.jsonld"' in html.text


def test_entity_page_shows_every_fact_with_quote(server, store):
    from wbkg.query.describe import facts_about

    html = httpx.get(f"{server.url}/id/kfor", headers={"Accept": BROWSER}).text
    quotes = {quote for fact in facts_about(store, ID["kfor"]) for _article, quote in fact.sources}
    assert quotes
    for quote in quotes:
        assert html_escape(quote) in html, quote


def html_escape(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def test_rdflib_dereferences_an_entity_like_a_linked_data_client(server):
    graph = Graph()
    graph.parse(f"{server.url}/id/kfor")   # rdflib negotiates an RDF format
    assert (ID["kfor"], WBKG.ledBy, ID["nato"]) in graph


@pytest.mark.parametrize("raw_path", [
    "/id/does-not-exist", "/id/", "/id/kfor.xyz", "/id/../../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd",
    "/id/..%2f..%2fetc%2fpasswd", "/article/../../corpus/articles.ttl", "/article/%2e%2e%2fcorpus%2farticles.ttl",
    "/article/nope", "/article/000_85f3084a00737124/../../../../etc/passwd", "/graph/../ontology/wbkg.ttl",
    "/browse/..%2f..", "/dump/..%2fwbkg.ttl", "/queries/..%2f..%2fpyproject.rq",
    # not IRIs at all (the store refuses them as parameters): nothing there, not an error
    "/id/%25zz", "/id/%25", "/article/a%20b", "/graph/%25zz", "/ontology/a%20b", "/graph/inferred",
])
def test_unknown_ids_and_path_traversal_are_404(server, raw_path):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", raw_path, headers={"Accept": "text/turtle"})   # sent as is, not normalised
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 404, (raw_path, response.status)
    assert b"root:" not in body and b"@prefix" not in body


def test_head_on_pages(server):
    response = httpx.head(f"{server.url}/id/kfor", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.content == b""


def test_406_for_a_page_in_an_unknown_format(server):
    assert httpx.get(f"{server.url}/id/kfor", headers={"Accept": "image/png"}).status_code == 406


# ------------------------------------------------------------------------------------------------------
# articles

@pytest.mark.parametrize("index", range(5))
def test_article_page_text_with_mentions_linked(server, published, index):
    article = published.articles[index]
    g = published.graph(article.graph_iri)
    html = httpx.get(f"{server.url}/article/{article.stem}", headers={"Accept": BROWSER}).text
    page = parse_html(html)
    mentions = list(g.subjects(RDF.type, WBKG.Mention))
    evidence = list(g.subjects(RDF.type, WBKG.Evidence))
    assert mentions and evidence
    for m in mentions:   # each mention IRI (article#char=b,e) resolves to an anchor in the page
        assert str(m).split("#", 1)[1] in page.ids, m
    for e in evidence:
        assert str(e).split("#", 1)[1] in page.ids, e
    targets = {str(o) for o in g.objects(None, WBKG.denotes)}
    for target in targets:
        assert path(target) in page.hrefs
    assert html.count('class="mention k-') >= len(mentions)   # the class also says what it names
    # the text itself, escaped: every line of it is on the page
    for line in article.text.splitlines():
        for piece in re.split(r"\s+", line.strip())[:3]:
            assert html_escape(piece) in html
    text = httpx.get(f"{server.url}/article/{article.stem}.txt")
    assert text.text == article.text
    ttl = Graph().parse(data=httpx.get(f"{server.url}/article/{article.stem}.ttl").text, format="turtle")
    assert (ARTICLE[article.stem], RDF.type, WBKG.Article) in ttl
    assert len(ttl) >= len(g)


# ------------------------------------------------------------------------------------------------------
# ontology, graphs, timeline, index, VoID, dumps

def test_ontology_is_documented_as_html_with_an_anchor_per_term(server, published):
    html = httpx.get(f"{server.url}/ontology", headers={"Accept": BROWSER}).text
    page = parse_html(html)
    terms = {str(s)[len(str(WBKG)):] for s in published.ontology.subjects() if str(s).startswith(str(WBKG))}
    missing = {t for t in terms if t and t not in page.ids}
    assert not missing, missing
    ttl = httpx.get(f"{server.url}/ontology.ttl")
    assert isomorphic(Graph().parse(data=ttl.text, format="turtle"), published.ontology)
    by_accept = httpx.get(f"{server.url}/ontology", headers={"Accept": "text/turtle"})
    assert by_accept.text == ttl.text


def test_named_graphs_dereference(server, published):
    for article in published.articles:
        response = httpx.get(f"{server.url}/graph/{article.stem}.trig")
        ds = Dataset()
        ds.parse(data=response.text, format="trig")
        assert len(ds.graph(article.graph_iri)) == len(published.graph(article.graph_iri))
    assert httpx.get(f"{server.url}/graph/entities", headers={"Accept": BROWSER}).status_code == 200


def dated_events(published) -> set[URIRef]:
    query = """SELECT DISTINCT ?e WHERE {
      ?e a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* wbkg:Event .
      ?e wbkg:date|wbkg:startDate|wbkg:endDate|wbkg:earliestDate|wbkg:latestDate ?d }"""
    from wbkg.query.prepare import prepare
    return {row[0] for row in published.dataset.query(prepare(query))}


def test_timeline_shows_every_dated_event_linked_to_page_and_article(server, published):
    html = httpx.get(f"{server.url}/timeline", headers={"Accept": BROWSER}).text
    # the table lists every event with its articles; the strip above clusters them (test_pictures.py)
    table = html[html.index('class="timeline-table"'):]
    table = table[: table.index("</table>")]
    events = dated_events(published)
    assert len(events) > 10
    for event in events:
        assert f'href="{path(event)}"' in table, event
    assert table.count('<tr id="event-') == len(events)
    assert 'href="/article/' in table


def test_index_search_and_browse(server, published):
    index = httpx.get(server.url + "/", headers={"Accept": BROWSER}).text
    assert 'action="/search"' in index and 'href="/browse/Person"' in index
    for article in published.articles:
        assert f'href="/article/{article.stem}"' in index
    found = httpx.get(f"{server.url}/search", params={"q": "kurti"}, headers={"Accept": BROWSER}).text
    assert 'href="/id/albin-kurti"' in found
    accents = httpx.get(f"{server.url}/search", params={"q": "thaci", "format": "json"}).json()
    assert any(r["iri"] == str(ID["hashim-thaci"]) for r in accents), "search ignores diacritics"
    people = httpx.get(f"{server.url}/browse/Person", headers={"Accept": BROWSER}).text
    for person in published.entities.subjects(RDF.type, WBKG.Person):
        assert f'href="{path(person)}"' in people
    assert httpx.get(f"{server.url}/browse/NoSuchClass").status_code == 404


def test_all_articles_page_and_timeline_by_year(server, published):
    page = httpx.get(f"{server.url}/articles", headers={"Accept": BROWSER}).text
    for article in published.articles:
        assert f'href="/article/{article.stem}"' in page
    year = httpx.get(f"{server.url}/timeline", params={"from": "2017", "to": "2017"}, headers={"Accept": BROWSER}).text
    rows = year[year.index('class="timeline-table"'):]
    dates = re.findall(r'<tr id="event-\d+"><td>([^<]*)</td>', rows)
    assert dates and all(d.startswith("2017") for d in dates), dates


def test_void_and_dcat_description(server, published):
    response = httpx.get(f"{server.url}/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=response.text, format="turtle")
    dataset = g.value(None, RDF.type, VOID.Dataset)
    datasets = set(g.subjects(RDF.type, VOID.Dataset)) & set(g.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1 and dataset is not None
    d = datasets.pop()
    assert g.value(d, VOID.sparqlEndpoint) == URIRef(f"{server.url}/sparql")
    dumps = set(g.objects(d, VOID.dataDump))
    assert {URIRef(f"{server.url}/dump/wbkg.{x}") for x in ("ttl", "trig", "jsonld")} <= dumps
    # the merge of the graphs (what the triples dumps hold), not the quads: test_void.py checks it on the dumps
    assert int(g.value(d, VOID.triples)) == len({t for x in published.dataset.graphs() for t in x})
    for dist in g.objects(d, DCAT.distribution):
        assert g.value(dist, DCAT.downloadURL) in dumps
    assert httpx.get(f"{server.url}/.well-known/void", headers={"Accept": BROWSER}).status_code == 200
    jsonld = httpx.get(f"{server.url}/.well-known/void.jsonld")
    assert isomorphic(Graph().parse(data=jsonld.text, format="json-ld"), g)


@pytest.mark.parametrize("file,fmt", [("wbkg.ttl", "turtle"), ("wbkg.trig", "trig"), ("wbkg.jsonld", "json-ld"),
                                      ("wbkg.nt", "nt"), ("wbkg.nq", "nquads")])
def test_dumps_download(server, published, file, fmt):
    response = httpx.get(f"{server.url}/dump/{file}", timeout=120)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=response.text, format=fmt)
        held = {str(g.identifier) for g in published.dataset.graphs() if len(g)}
        assert {str(g.identifier) for g in ds.graphs() if len(g)} == held
        assert sum(len(g) for g in ds.graphs()) == sum(len(g) for g in published.dataset.graphs())
    else:
        g = Graph().parse(data=response.text, format=fmt)
        union = Graph()
        for named in published.dataset.graphs():
            for triple in named:
                union.add(triple)
        assert len(g) == len(union)


def test_context_and_stored_query_pages(server, published):
    context = httpx.get(f"{server.url}/context.jsonld").json()
    assert context["@context"]["wbkg"] == str(WBKG)
    page = httpx.get(f"{server.url}/queries", headers={"Accept": BROWSER}).text
    from wbkg.query.stored import stored_queries
    for name in stored_queries(published.project.queries_dir):
        assert f'id="{name}"' in page
        text = httpx.get(f"{server.url}/queries/{name}.rq")
        assert text.status_code == 200 and text.headers["content-type"].startswith("application/sparql-query")
