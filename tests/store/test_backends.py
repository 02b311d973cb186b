"""Every stored query gives identical results on every store backend: rdflib's engine (the reference) and the
build's persistent Oxigraph store, over the real graph and a synthetic one; the registry chooses backends by
name and refuses unknown ones. Parametrised over whatever queries/ holds."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from wbkg.pipeline.access import open_build_store
from wbkg.errors import UsageError
from wbkg.query.stored import stored_queries
from wbkg.query.results import render
from wbkg.pipeline import build
from wbkg.store import Store, backend, backends

pytestmark = pytest.mark.slow  # not in `make test-fast`

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


def test_the_registry_names_its_backends_and_refuses_others():
    assert {"oxigraph", "rdflib"} <= set(backends())
    with pytest.raises(UsageError, match="--store nosuch: no such store"):
        backend("nosuch")


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory):
    """Three synthetic articles: rdflib's engine takes seconds per article on some stored queries."""
    from wbkg.project import Project
    from wbkg.synth import synthesize
    target = tmp_path_factory.mktemp("equivalence") / "project"
    synthesize(target, 3, seed=4, source_root=ROOT)
    project = Project(target)
    build(project, reason=False, jobs=1, progress=False)
    return project, open_build_store(project, backend="rdflib"), open_build_store(project)


def test_both_backends_implement_the_store_interface(synthetic_build):
    _, memory, persistent = synthetic_build
    assert isinstance(memory, Store) and isinstance(persistent, Store)
    assert (memory.name, persistent.name) == ("rdflib", "oxigraph")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_seed_graph_same_results_on_rdflib_and_oxigraph(name, built):
    query = QUERIES[name]
    a = built.run(query, params_of(query), backend="rdflib")
    b = built.run(query, params_of(query))
    assert same(a, b), f"{name}:\nrdflib:\n{render(a, 'csv' if a.form == 'SELECT' else 'nt')}\n" \
                       f"oxigraph:\n{render(b, 'csv' if b.form == 'SELECT' else 'nt')}"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_synthetic_graph_same_results_on_every_store(name, synthetic_build):
    _, memory, persistent = synthetic_build
    query = QUERIES[name]
    params = params_of(query)
    a = memory.query(query.text, query.prepared, query.bindings(params))
    b = persistent.query(query.text, query.prepared, query.bindings(params))
    assert same(a, b), f"{name}: rdflib and the build's Oxigraph store differ"


def test_inferred_closure_of_the_rules_answers_like_owl_rl_on_chains(synthetic_build):
    """The SPARQL-rule closure of the persistent store gives the property-chain entailments (holds) of every
    tenure."""
    from rdflib.namespace import RDF
    from wbkg.vocab.namespaces import WBKG
    project, memory, _ = synthetic_build
    persistent = open_build_store(project, inferred=True)
    text = "SELECT ?p ?post WHERE { ?p <%s> ?post } ORDER BY ?p ?post" % WBKG.holds
    rows = persistent.query(text).rows
    data = memory.dataset
    expected = sorted({(data.value(n, WBKG.holder), data.value(n, WBKG.post))
                       for n in data.subjects(RDF.type, WBKG.Tenure)})
    assert rows and sorted(rows) == expected
