"""Every stored query gives identical results on every store: rdflib's engine on the in-memory Dataset,
Oxigraph in memory, and the persistent Oxigraph store of the scalable build; over the real graph and a
synthetic one. Parametrised over whatever queries/ holds."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from wbkg.execute import run
from wbkg.load import load
from wbkg.queries import stored_queries
from wbkg.results import render
from wbkg.scale import build_scalable, open_persistent_store

ROOT = Path(__file__).resolve().parents[2]
QUERIES = stored_queries(ROOT / "queries")


def params_of(query) -> dict:
    return {p.name: p.example for p in query.parameters if p.example}


def same(a, b) -> bool:
    if a.form in ("CONSTRUCT", "DESCRIBE"):
        return isomorphic(a.graph, b.graph)
    return render(a, "csv") == render(b, "csv")


def test_there_are_queries_to_compare():
    assert len(QUERIES) >= 1


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory):
    """Three synthetic articles: rdflib's engine takes seconds per article on some stored queries."""
    from wbkg.paths import Project
    from wbkg.synth import synthesize
    target = tmp_path_factory.mktemp("equivalence") / "project"
    synthesize(target, 3, seed=4, source_root=ROOT)
    project = Project(target)
    build_scalable(project, reason=False, jobs=1, progress=False)
    return project, load(project), open_persistent_store(project)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_seed_graph_same_results_on_rdflib_and_oxigraph(name, loaded):
    query = QUERIES[name]
    a = run(loaded, query, params_of(query), store="rdflib")
    b = run(loaded, query, params_of(query), store="oxigraph")
    assert same(a, b), f"{name}:\nrdflib:\n{render(a, 'csv' if a.form == 'SELECT' else 'nt')}\n" \
                       f"oxigraph:\n{render(b, 'csv' if b.form == 'SELECT' else 'nt')}"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_synthetic_graph_same_results_on_every_store(name, synthetic_build):
    _, loaded, persistent = synthetic_build
    query = QUERIES[name]
    params = params_of(query)
    a = run(loaded, query, params, store="rdflib")
    b = run(loaded, query, params, store="oxigraph")
    c = persistent.query(query.text, query.prepared, query.bindings(params))
    assert same(a, b), f"{name}: rdflib and Oxigraph (in memory) differ"
    assert same(a, c), f"{name}: rdflib and the persistent store of the scalable build differ"


def test_inferred_closure_of_the_rules_answers_like_owl_rl_on_chains(synthetic_build):
    """The SPARQL-rule closure of the persistent store gives the property-chain entailments (holds,
    contributesTo) that the reasonable-based closure gives in memory."""
    from rdflib.namespace import RDF
    from wbkg.namespaces import WBKG
    project, loaded, _ = synthetic_build
    build_scalable(project, reason=True, jobs=1, progress=False)
    persistent = open_persistent_store(project, inferred=True)
    assert persistent is not None
    text = "SELECT ?p ?post WHERE { ?p <%s> ?post } ORDER BY ?p ?post" % WBKG.holds
    from wbkg.sparql import prepare
    rows = persistent.query(text, prepare(text), {}).rows
    expected = sorted({(t.value(n, WBKG.holder), t.value(n, WBKG.post))
                       for t in [loaded.dataset] for n in t.subjects(RDF.type, WBKG.Tenure)})
    assert sorted(rows) == expected
