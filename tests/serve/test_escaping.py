"""All HTML escapes data: a label made to break out of HTML, SVG and JSON-LD islands renders as text."""
from __future__ import annotations

import json

import httpx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from wbkg.vocab.namespaces import ID

from serverkit import BROWSER, HOSTILE_LABEL, parse_html

pytestmark = pytest.mark.slow  # not in `make test-fast`

HOSTILE = ID["hostile-label-test"]
ESCAPED = "&lt;script&gt;alert(&#34;wbkg&#34;)&lt;/script&gt;&lt;/script&gt;&lt;!-- &lt;b&gt;bold&lt;/b&gt;"


def assert_inert(html: str) -> None:
    """No element, comment or script end tag comes from the label; islands hold valid JSON."""
    assert '<script>alert("wbkg")' not in html
    assert "<!-- <b>" not in html and "<b>bold</b>" not in html
    page = parse_html(html)
    for attrs, content in page.scripts:
        assert attrs.get("type") == "application/ld+json", "the only scripts are JSON-LD data islands"
        assert "</script" not in content.lower() and "<!--" not in content
        json.loads(content)


@pytest.mark.parametrize("path", ["/id/hostile-label-test", "/id/nato", "/search?q=Zzyzx", "/browse/Person",
                                  "/graph/entities"])
def test_pages_escape_the_label(hostile, path):
    response = httpx.get(hostile.url + path, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert_inert(response.text)
    if path != "/graph/entities":
        assert ESCAPED in response.text, path


def test_jsonld_island_carries_the_label_intact(hostile):
    html = httpx.get(f"{hostile.url}/id/hostile-label-test", headers={"Accept": BROWSER}).text
    islands = [content for attrs, content in parse_html(html).scripts if attrs.get("type") == "application/ld+json"]
    assert len(islands) == 1
    graph = Graph().parse(data=islands[0], format="json-ld")
    assert (HOSTILE, SKOS.prefLabel, Literal(HOSTILE_LABEL, lang="en")) in graph


def test_svg_picture_escapes_the_label(hostile):
    html = httpx.get(f"{hostile.url}/id/nato", headers={"Accept": BROWSER}).text
    svg = html[html.index('class="neighbourhood"'):]
    svg = svg[: svg.index("</svg>")]
    assert "&lt;script&gt;" in svg and "<script" not in svg


def test_query_results_and_reflected_queries_are_escaped(hostile):
    query = ('SELECT ?label WHERE { <https://w3id.org/wbkg/id/hostile-label-test> '
             '<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label # <script>alert(2)</script>')
    response = httpx.get(hostile.sparql, params={"query": query}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert_inert(response.text)
    assert "<script>alert(2)" not in response.text and "&lt;script&gt;alert(2)" in response.text
    broken = httpx.get(hostile.sparql, params={"query": "SELECT <script>alert(3)</script>"},
                       headers={"Accept": BROWSER})
    assert broken.status_code == 400 and "<script>alert(3)" not in broken.text


def test_not_found_page_escapes_the_path(hostile):
    response = httpx.get(f"{hostile.url}/id/%3Cscript%3Ealert(4)%3C%2Fscript%3E", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert "<script>alert(4)" not in response.text


def test_html_pages_forbid_scripts_by_policy(hostile):
    response = httpx.get(f"{hostile.url}/id/hostile-label-test", headers={"Accept": BROWSER})
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
