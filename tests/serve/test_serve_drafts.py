"""Drafts on the server: /sparql and the pages answer from reviewed facts unless the request says
include-drafts=true; then the draft facts come too, each marked "draft — not reviewed" on the pages.
A copy of the project with one hand-written draft: id:ben-wallace exists only in it, and it gives id:kfor
(a reviewed entity) a draft start date of 1998 beside its reviewed 1999."""
from __future__ import annotations

import re

import httpx
import pytest

from wbkg.project import Project

from serverkit import BROWSER

pytestmark = pytest.mark.slow  # not in `make test-fast`

DRAFT = "https://w3id.org/wbkg/graph/draft/zz_draft"
WALLACE = "https://w3id.org/wbkg/id/ben-wallace"
TEXT = ("Kosovo Force gets new commander\n\n"
        "Defence Secretary Ben Wallace visited Pristina on Friday. KFOR was established in 1999.\n")
METADATA = """
article:zz_draft a wbkg:Article ;
    schema:name "Kosovo Force gets new commander"@en ;
    schema:datePublished "2021-03-19"^^xsd:date ;
    wbkg:textFile "zz_draft.txt" ;
    dcterms:language "en" ;
    wbkg:metadataSource "options: --published"@en .
"""
DRAFT_TTL = """@prefix : <https://w3id.org/wbkg/article/zz_draft#> .
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:ben-wallace a wbkg:Person ; skos:prefLabel "Ben Wallace"@en .
:ev-ben-wallace a wbkg:Evidence ; wbkg:exact "Defence Secretary Ben Wallace" ; wbkg:supports id:ben-wallace .
id:kfor wbkg:startDate "1998"^^xsd:gYear .
:ev-kfor a wbkg:Evidence ; wbkg:exact "KFOR was established in 1999" ; wbkg:supports id:kfor ;
    wbkg:supportsProperty wbkg:startDate .
"""
BADGE = 'class="draft-badge"'


def add_draft(project: Project) -> None:
    project.article_text_file("zz_draft").write_text(TEXT, encoding="utf-8")
    with open(project.corpus_dir / "articles.ttl", "a", encoding="utf-8") as handle:
        handle.write(METADATA)
    project.drafts_dir.mkdir(exist_ok=True)
    project.draft_file("zz_draft").write_text(DRAFT_TTL, encoding="utf-8")


@pytest.fixture(scope="module")
def drafted(copy_of_project, start_server, tmp_path_factory):
    """The copy with the draft, built and served (one worker: both views come from its one store)."""
    from wbkg.pipeline import build
    root = tmp_path_factory.mktemp("drafted")
    project = copy_of_project(root / "project")
    add_draft(project)
    assert build(project, progress=False).ok
    proc = start_server(project.root, root / "serve.log", "--workers", "1")
    yield proc
    proc.stop()


def select(server, query: str, method: str = "GET", **params) -> httpx.Response:
    data = {"query": query, **{k.replace("_", "-"): v for k, v in params.items()}}
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        return httpx.get(server.sparql, params=data, headers=headers, timeout=30)
    return httpx.post(server.sparql, data=data, headers=headers, timeout=30)


def values(answer: httpx.Response, var: str) -> set[str]:
    assert answer.status_code == 200, answer.text
    return {row[var]["value"] for row in answer.json()["results"]["bindings"] if var in row}


def main_of(html: str) -> str:
    """The page's <main> (the stylesheet, inlined in <head>, names the draft classes too)."""
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


# --- /sparql ---------------------------------------------------------------------------------------------

KFOR_START = "SELECT ?o WHERE { id:kfor wbkg:startDate ?o }"
WALLACE_ANY = "SELECT ?p WHERE { <%s> ?p ?o }" % WALLACE
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_default_graph_is_reviewed_unless_asked(drafted, method):
    assert values(select(drafted, KFOR_START, method), "o") == {"1999"}
    assert values(select(drafted, WALLACE_ANY, method), "p") == set()
    assert values(select(drafted, KFOR_START, method, include_drafts="true"), "o") == {"1998", "1999"}
    assert values(select(drafted, WALLACE_ANY, method, include_drafts="true"), "p")
    assert values(select(drafted, KFOR_START, method, include_drafts="false"), "o") == {"1999"}


def test_graph_variable_never_reaches_a_draft_by_default(drafted):
    graphs = values(select(drafted, GRAPHS), "g")
    assert not any("/graph/draft" in g for g in graphs), graphs
    assert "https://w3id.org/wbkg/graph/entities" in graphs
    with_drafts = values(select(drafted, GRAPHS, include_drafts="true"), "g")
    assert DRAFT in with_drafts and with_drafts - graphs == {DRAFT}   # graph:drafts is a view, never a graph
    inside = "SELECT ?o WHERE { GRAPH ?g { id:kfor wbkg:startDate ?o } }"
    assert values(select(drafted, inside), "o") == {"1999"}
    assert values(select(drafted, inside, include_drafts="true"), "o") == {"1998", "1999"}


def test_naming_the_draft_graph_reveals_nothing_by_default(drafted):
    named = "SELECT ?s WHERE { GRAPH <%s> { ?s ?p ?o } }" % DRAFT
    assert values(select(drafted, named), "s") == set()
    assert WALLACE in values(select(drafted, named, include_drafts="true"), "s")
    for param in ("named-graph-uri", "default-graph-uri"):
        refused = httpx.get(drafted.sparql, params={"query": "SELECT * { ?s ?p ?o } LIMIT 1", param: DRAFT},
                            headers={"Accept": "text/csv"}, timeout=30)
        assert refused.status_code == 400 and "not held" in refused.text
        shown = httpx.get(drafted.sparql, params={"query": "SELECT ?s { GRAPH ?g { ?s ?p ?o } }", param: DRAFT,
                                                  "include-drafts": "true"}, headers={"Accept": "text/csv"}, timeout=30)
        assert shown.status_code == 200
    from_named = httpx.get(drafted.sparql, params={"query": "SELECT ?s FROM NAMED <%s> { GRAPH ?g { ?s ?p ?o } }"
                                                   % DRAFT}, headers={"Accept": "text/csv"}, timeout=30)
    assert from_named.status_code == 400 and "ben-wallace" not in from_named.text


@pytest.mark.parametrize("value", ["yes", "1", "", "maybe"])
def test_bad_value_is_refused_naming_the_parameter(drafted, value):
    answer = select(drafted, KFOR_START, include_drafts=value)
    assert answer.status_code == 400 and "include-drafts" in answer.text
    page = httpx.get(f"{drafted.url}/id/kfor", params={"include-drafts": value}, timeout=30)
    assert page.status_code == 400 and "include-drafts" in page.text


def test_parameter_twice_is_refused(drafted):
    answer = httpx.get(drafted.sparql, params=[("query", KFOR_START), ("include-drafts", "true"),
                                               ("include-drafts", "false")], timeout=30)
    assert answer.status_code == 400 and "include-drafts" in answer.text


def test_updates_stay_refused_with_drafts(drafted):
    answer = httpx.post(drafted.sparql, data={"update": "DROP ALL", "include-drafts": "true"}, timeout=30)
    assert answer.status_code == 403
    assert values(select(drafted, KFOR_START, include_drafts="true"), "o") == {"1998", "1999"}


# --- pages -----------------------------------------------------------------------------------------------

def test_draft_only_entity_is_404_unless_asked(drafted):
    for suffix in ("", ".ttl"):
        assert httpx.get(f"{drafted.url}/id/ben-wallace{suffix}", headers={"Accept": BROWSER}, timeout=30) \
            .status_code == 404
    page = httpx.get(f"{drafted.url}/id/ben-wallace?include-drafts=true", headers={"Accept": BROWSER}, timeout=30)
    assert page.status_code == 200
    main = main_of(page.text)
    assert "Ben Wallace" in main and "Only a draft proposes this" in main
    assert main.count('<tr class="draft">') == main.count("<tr") - 1   # every fact row (not the header) marked
    assert "draft — not reviewed" in main
    turtle = httpx.get(f"{drafted.url}/id/ben-wallace.ttl?include-drafts=true", timeout=30)
    assert turtle.status_code == 200 and "Ben Wallace" in turtle.text


def test_reviewed_entity_shows_draft_facts_marked_only_on_request(drafted):
    plain = main_of(httpx.get(f"{drafted.url}/id/kfor", headers={"Accept": BROWSER}, timeout=30).text)
    assert "1999" in plain and "1998" not in plain and BADGE not in plain and "zz_draft" not in plain
    assert 'href="/id/kfor?include-drafts=true"' in plain   # the switch
    page = main_of(httpx.get(f"{drafted.url}/id/kfor?include-drafts=true", headers={"Accept": BROWSER},
                             timeout=30).text)
    rows = re.findall(r"<tr( class=\"draft\")?><td class=\"prop\">(.*?)</tr>", page, re.S)
    marked = [body for cls, body in rows if cls]
    assert len(marked) == 1 and "1998" in marked[0] and BADGE in marked[0]
    assert any("1999" in body and BADGE not in body for cls, body in rows if not cls)
    assert 'href="/id/kfor"' in page                        # back to reviewed only
    assert 'href="/article/zz_draft?include-drafts=true#ev-kfor"' in page   # the parameter is kept


def test_article_with_only_a_draft_says_so(drafted):
    plain = main_of(httpx.get(f"{drafted.url}/article/zz_draft", headers={"Accept": BROWSER}, timeout=30).text)
    assert "only a draft" in plain and "Ben Wallace</a>" not in plain and "ev-ben-wallace" not in plain
    shown = main_of(httpx.get(f"{drafted.url}/article/zz_draft?include-drafts=true", headers={"Accept": BROWSER},
                              timeout=30).text)
    assert "only a draft" in shown and 'id="row-ev-ben-wallace" class="draft"' in shown
    assert shown.count(BADGE) >= 5   # the notice, two evidence rows, three fact rows
    reviewed = main_of(httpx.get(f"{drafted.url}/article/000_85f3084a00737124?include-drafts=true",
                                 headers={"Accept": BROWSER}, timeout=30).text)
    assert BADGE not in reviewed


def test_draft_graph_page_only_on_request(drafted):
    assert httpx.get(f"{drafted.url}/graph/draft/zz_draft", timeout=30).status_code == 404
    page = httpx.get(f"{drafted.url}/graph/draft/zz_draft?include-drafts=true", headers={"Accept": BROWSER},
                     timeout=30)
    assert page.status_code == 200 and BADGE in main_of(page.text)


def test_drafts_dumps_offered_apart_and_labelled(drafted):
    void = httpx.get(f"{drafted.url}/.well-known/void", headers={"Accept": BROWSER}, timeout=30).text
    assert re.search(r'href="/dump/wbkg-drafts.trig">[^<]*not reviewed', void)
    turtle = httpx.get(f"{drafted.url}/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30).text
    assert "wbkg-drafts.nq" in turtle and "include-drafts=true" in turtle
    dump = httpx.get(f"{drafted.url}/dump/wbkg-drafts.nq", timeout=30)
    assert dump.status_code == 200 and WALLACE in dump.text
    assert WALLACE not in httpx.get(f"{drafted.url}/dump/wbkg.nq", timeout=30).text


def test_a_browser_reads_the_mark(drafted):
    """Headless Chromium: the mark is visible words in the row (not colour alone), in the accessibility tree."""
    import os
    from playwright.sync_api import sync_playwright

    chromium_path = "/usr/bin/chromium"
    if not os.access(chromium_path, os.X_OK):
        pytest.fail(f"{chromium_path} is missing: install Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{drafted.url}/id/kfor")
            assert page.get_by_text("draft — not reviewed").count() == 0
            page.get_by_role("link", name="Also show draft facts (not reviewed)").click()
            page.wait_for_url("**/id/kfor?include-drafts=true")
            row = page.locator("table.facts tr.draft")
            assert row.count() == 1
            badge = row.get_by_text("draft — not reviewed")
            assert badge.is_visible()
            assert "1998" in row.inner_text() and "draft — not reviewed" in row.inner_text()
            assert "draft — not reviewed" in page.locator("table.facts").aria_snapshot()
        finally:
            browser.close()


def test_from_selects_a_draft_graph_only_with_include_drafts(drafted):
    """A draft graph is held only in the drafts view: FROM / FROM NAMED naming it is 400 by default and selects
    it with include-drafts=true (and then the default graph is that draft alone)."""
    query = "SELECT DISTINCT ?s FROM <%s> WHERE { ?s ?p ?o }" % DRAFT
    refused = httpx.get(drafted.sparql, params={"query": query}, headers={"Accept": "text/csv"}, timeout=30)
    assert refused.status_code == 400 and "not held" in refused.text
    shown = select(drafted, query, include_drafts="true")
    assert shown.status_code == 200 and WALLACE in values(shown, "s")
    named = select(drafted, "SELECT ?g FROM NAMED <%s> WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1" % DRAFT,
                   include_drafts="true")
    assert values(named, "g") == {DRAFT}
