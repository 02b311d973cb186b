"""Every stored query that is not a check answers something on a small synthetic corpus, with the parameter
values the corpus comes with (bench-params.json): the benchmark measures no empty answers."""
from __future__ import annotations

from pathlib import Path

import pytest

from wbkg.project import Project
from wbkg.query.stored import stored_queries
from wbkg.synth import query_params, synthesize

pytestmark = pytest.mark.slow  # not in `make test-fast`

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built30(tmp_path_factory) -> Project:
    """30 articles, seed 1, built once (reason=False). The session's 8-article project is too small for
    every query: no two of its articles disagree on a fact (conflicting-facts)."""
    from wbkg.pipeline import build
    target = synthesize(tmp_path_factory.mktemp("synthetic-30") / "project", 30, seed=1, source_root=ROOT)
    result = build(Project(target), reason=False, jobs=2)
    assert result.ok, result.checks.render()  # every shape and every violation check passes
    return Project(target)


def test_every_parameter_gets_a_value_and_every_query_answers(built30):
    from wbkg.pipeline.access import open_persistent_store
    params = query_params(built30.root)
    queries = stored_queries(built30.queries_dir)
    store = open_persistent_store(built30)
    empty = []
    for name, query in queries.items():
        assert {p.name for p in query.parameters} == set(params.get(name, {})), name
        if query.is_violation_check:
            continue
        if not len(store.query(query.text, query.prepared, query.bindings(params.get(name, {})))):
            empty.append(name)
    assert empty == []


def test_parameters_keep_the_header_example_where_the_corpus_has_it(built30):
    params = query_params(built30.root)
    assert params["mission-contributors"] == {"mission": "id:kfor"}  # the example, in the synthetic world too
    assert params["quotes"]["speaker"] != "id:albin-kurti"  # not in the synthetic world: a speaker it has
