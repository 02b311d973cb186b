"""The start page (/, /articles, /search?q=): the figures of the dataset, search results, the articles (the
first 50, or all), the classes that have instances, and links to everything else."""
from __future__ import annotations

import json

from ...export.rdflib_dataset import serialize_graph
from ...vocab.namespaces import GRAPH, WBKG
from ..reader import chunks, values
from ..replies import Reply, html_reply
from ..templating import json_script
from .classes import class_counts, class_tree
from .links import href, link, literal_html
from .search import search
from .void import offered_dumps, void_graph

INDEX_ARTICLES = 50
ARTICLES = """SELECT ?article ?published ?name WHERE {
  %s
  GRAPH graph:corpus { ?article a wbkg:Article OPTIONAL { ?article schema:datePublished ?published }
                       OPTIONAL { ?article schema:name ?name } }
} ORDER BY ?article"""
# the first few by IRI, then their details: sorting bare IRIs is 4x cheaper than sorting the joined rows
FIRST_ARTICLES = "SELECT ?article WHERE { GRAPH graph:corpus { ?article a wbkg:Article } } ORDER BY ?article LIMIT %d"
QUOTES = "SELECT ?g (COUNT(?ev) AS ?n) WHERE { %s GRAPH ?g { ?ev a wbkg:Evidence } } GROUP BY ?g"
ARTICLE_COUNT = "SELECT (COUNT(?article) AS ?n) WHERE { GRAPH graph:corpus { ?article a wbkg:Article } }"


def article_rows(site, terms, limit: int | None) -> list[dict]:
    if limit is None:
        rows = site.reader.select(ARTICLES % "")
    else:
        first = [r["article"] for r in site.reader.select(FIRST_ARTICLES % int(limit))]
        rows = site.reader.select(ARTICLES % values("article", first)) if first else []
    graphs = {GRAPH[str(r["article"]).rsplit("/", 1)[-1]]: r["article"] for r in rows}
    quotes: dict = {}
    # every article: one pass over the evidence; a few: a lookup each
    parts = [""] if limit is None else [values("g", part) for part in chunks(sorted(graphs, key=str))]
    for part in parts:
        for r in site.reader.select(QUOTES % part):
            if r["g"] in graphs:
                quotes[graphs[r["g"]]] = int(r["n"])
    for r in rows:   # an article is named by its headline (no prefLabel): no label lookup
        terms.seed(r["article"], str(r.get("name", "")) or terms.label(r["article"]), [WBKG.Article])
    return [{"link": link(terms, r["article"]),
             "published": literal_html(r["published"]) if "published" in r else "",
             "facts": quotes.get(r["article"], 0)} for r in rows]


def counts(site) -> dict:
    figures = site.figures
    return {"entities": figures.get("entities", "?"), "triples": figures.get("triples", "?"),
            "graphs": figures.get("named_graphs") or len(site.reader.graph_names()),
            "articles": int(site.reader.value(ARTICLE_COUNT, 0))}


def index(site, payload: dict) -> Reply:
    terms = site.terms()
    q = payload.get("q")
    results = []
    if q is not None:
        found = search(site, q)
        terms.need(node for node, _m in found)
        mains = {node: terms.main_class(node) for node, _m in found}
        terms.need(c for c in mains.values() if c is not None)
        for node, matched in found:
            label = terms.label(node)
            results.append({"node": node, "link": link(terms, node, label),
                            "matched": matched if matched != label else None,
                            "cls": terms.label(mains[node]) if mains[node] is not None else ""})
        if payload.get("json"):
            body = [{"iri": str(r["node"]), "label": terms.label(r["node"]), "matched": r["matched"],
                     "class": r["cls"], "href": href(r["node"])} for r in results]
            return Reply(200, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
                         "application/json")
    articles = article_rows(site, terms, limit=None if payload.get("all_articles") else INDEX_ARTICLES)
    island = json.loads(serialize_graph(void_graph(site, subsets=False), "json-ld"))
    return html_reply("index.html", title="Search" if q is not None else "Start", q=q, results=results,
                      articles=articles, counts=counts(site), tree=class_tree(site, terms, class_counts(site)),
                      dumps=[(name, path) for name, path, _m in offered_dumps(site)], jsonld=json_script(island))
