"""Stored queries: documented headers, ORDER BY on every SELECT, parameters bound with initBindings,
a golden result for each (CSV for SELECT/ASK, a graph for CONSTRUCT), violation checks that pass on the
real graph and fire on their paired bad fixture. Refresh goldens deliberately with --update-golden."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from wbkg.pipeline import build
from wbkg.pipeline.access import open_build_store
from wbkg.project import locate
from wbkg.query.stored import stored_queries
from wbkg.query.results import render

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = locate(Path(__file__).resolve().parents[2])
QUERIES = stored_queries(PROJECT.queries_dir)


def golden_params(query) -> dict[str, str]:
    """Golden results use each parameter's documented example (required ones must have one)."""
    return {p.name: p.example for p in query.parameters if p.example}


def test_there_are_enough_stored_queries():
    assert len(QUERIES) >= 20


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_documents_the_query(name):
    query = QUERIES[name]
    assert query.title and query.description, f"{name}: title and description required"
    if query.form == "SELECT":
        assert query.columns == [str(v) for v in query.prepared.algebra["PV"]], f"{name}: columns header"
    for p in query.parameters:
        assert p.example, f"{name}: parameter {p.name} has no example"


@pytest.mark.parametrize("name", sorted(n for n in QUERIES if QUERIES[n].form == "SELECT"))
def test_every_select_has_order_by(name):
    text = re.sub(r"#[^\n]*", "", QUERIES[name].text)
    assert re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE), f"{name}: SELECT without ORDER BY"


@pytest.mark.parametrize("name", sorted(n for n in QUERIES if QUERIES[n].form == "SELECT"))
def test_parameters_are_projected(name):
    """Oxigraph binds parameters (substitutions) only for projected variables; rdflib does not care."""
    projected = {str(v) for v in QUERIES[name].prepared.algebra["PV"]}
    assert {p.name for p in QUERIES[name].parameters} <= projected


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_parameters_are_never_substituted_into_text(name):
    for p in QUERIES[name].parameters:
        assert f"?{p.name}" in QUERIES[name].text or f"${p.name}" in QUERIES[name].text
        assert "{{" not in QUERIES[name].text and "%s" not in QUERIES[name].text


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_golden_result(name, built, request):
    query = QUERIES[name]
    result = built.run(query, golden_params(query))
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        path = GOLDEN / f"{name}.ttl"
        actual = render(result, "turtle")
        if request.config.getoption("--update-golden"):
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"no golden result {path}; run pytest --update-golden"
        assert isomorphic(Graph().parse(data=actual, format="turtle"), Graph().parse(path)), name
    else:
        path = GOLDEN / f"{name}.csv"
        actual = render(result, "csv")
        if request.config.getoption("--update-golden"):
            path.write_bytes(actual.encode("utf-8"))
        assert path.exists(), f"no golden result {path}; run pytest --update-golden"
        assert actual == path.read_bytes().decode("utf-8"), name
    if not query.is_violation_check:
        assert len(result) > 0, f"{name} returns nothing on the real graph"


VIOLATIONS = sorted(n for n in QUERIES if QUERIES[n].is_violation_check)


def test_there_are_violation_checks():
    assert len(VIOLATIONS) >= 2


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_check_is_clean_on_the_real_graph(name, built):
    assert len(built.run(QUERIES[name], {})) == 0


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_check_fires_on_its_bad_fixture(name, project_copy):
    fixture = FIXTURES / f"{name}.ttl"
    assert fixture.exists(), f"no paired bad fixture {fixture}"
    target = sorted(project_copy.articles_graph_dir.glob("*.ttl"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n" + fixture.read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert not build(project_copy, reason=False).ok  # the build reports it; its store holds the graph
    assert len(open_build_store(project_copy, progress=False).query(QUERIES[name].text)) > 0


def test_queries_readme_is_generated_from_the_headers():
    from wbkg.query.stored import readme
    assert (PROJECT.queries_dir / "README.md").read_text(encoding="utf-8") == readme(QUERIES), \
        "queries/README.md is stale: run `wbkg queries --markdown > queries/README.md`"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_sparqlwrapper_sees_a_query_not_an_update(name):
    """SPARQLWrapper guesses the query type from the text, header comments included ("addresses" once read
    as ADD); a stored query must be sendable to the endpoint as it is."""
    from SPARQLWrapper import SPARQLWrapper
    client = SPARQLWrapper("http://127.0.0.1:9/sparql")
    client.setQuery(QUERIES[name].text)
    assert client.queryType == QUERIES[name].form


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_hierarchy_property_paths(name):
    """graph:entailments closes the hierarchies: a query asks for the entailed type (or rdfs:subClassOf, closed
    too) instead of walking the ontology with a property path that remote stores answer slowly or differently."""
    text = re.sub(r"#[^\n]*", "", QUERIES[name].text)
    assert "subClassOf*" not in text and "subPropertyOf*" not in text, name
