"""`wbkg coverage` names evidence as the article graph does (issue 13, item 16): `ev-meeting`, not `ev-meeting>`."""
from __future__ import annotations

import re

from rdflib import Graph, URIRef

from wbkg.query.coverage import evidence_name, render
from wbkg.vocab.namespaces import bind_prefixes


def test_an_evidence_iri_with_a_fragment_is_named_by_it():
    nm = bind_prefixes(Graph()).namespace_manager
    assert evidence_name(URIRef("https://w3id.org/wbkg/article/001_x#ev-meeting"), nm) == "ev-meeting"
    assert evidence_name(URIRef("https://w3id.org/wbkg/id/kfor"), nm) == "id:kfor"


def test_the_coverage_report_prints_no_stray_bracket(built):
    from wbkg.query.coverage import coverage
    report = render(coverage(built.store(), built.articles))
    cited = [line for line in report.splitlines() if "←" in line]
    assert cited and not any(re.search(r"ev-[\w-]*>", line) for line in cited), cited[:3]
