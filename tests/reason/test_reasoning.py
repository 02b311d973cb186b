"""OWL reasoning: HermiT finds the real graph consistent and reports what it infers; fixtures that break a
disjointness or a functional property are reported inconsistent with the offending individuals named; the
OWL 2 RL closure answers queries that need it (--inferred)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wbkg.cli import main
from wbkg.query.stored import load_query_file
from wbkg.rdfio import parse_turtle
from wbkg.reason.hermit import hermit
from wbkg.pipeline.access import data_graph

FIXTURES = Path(__file__).parent / "fixtures"


def test_real_graph_is_consistent_and_entails_chains(built):
    report = hermit(data_graph(built.project))
    assert report.consistent, report.explanation
    holds = [(str(s), str(o)) for s, p, o in report.inferred_values if str(p).endswith("#holds")]
    assert ("https://w3id.org/wbkg/id/keir-starmer", "https://w3id.org/wbkg/id/post-prime-minister-united-kingdom") \
        in holds, "HermiT should infer wbkg:holds from a tenure (property chain)"


@pytest.mark.parametrize("fixture, named", [
    ("person-is-a-state.ttl", ["id:albin-kurti", "wbkg:Person", "wbkg:State", "disjoint"]),
    ("tenure-held-by-a-state.ttl", ["id:kosovo", "range of wbkg:holder", "disjoint"]),
    ("two-begin-offsets.ttl", ["#fixture-span", "functional wbkg:beginIndex"]),
])
def test_inconsistent_fixture_is_reported_with_the_individuals(built, fixture, named):
    result = CliRunner().invoke(main, ["--root", str(built.project.root), "reason", "--with", str(FIXTURES / fixture)])
    assert result.exit_code == 1, result.output
    assert "INCONSISTENT" in result.output
    for text in named:
        assert text in result.output, f"{text!r} not named in:\n{result.output}"


def test_reason_command_lists_inferences(built):
    result = CliRunner().invoke(main, ["--root", str(built.project.root), "reason"])
    assert result.exit_code == 0, result.output
    assert "consistent" in result.output and "inferred property values:" in result.output
    assert "wbkg:holds" in result.output


CHAIN_QUERY = FIXTURES / "who-holds-what.rq"


def test_inferred_widens_the_published_entailments(built):
    """wbkg:holds (chain holder⁻ ∘ post) is in no source file: graph:entailments publishes it, so a plain query
    finds every tenure holder, and --inferred finds the same pairs; the wider closure (domain and range typing)
    stays in graph:inferred, which no plain query sees."""
    query = load_query_file(CHAIN_QUERY)
    plain = built.run(query, {})
    inferred = built.run(query, {}, inferred=True)
    pairs = {(str(r[0]), str(r[1])) for r in plain.rows}
    assert ("https://w3id.org/wbkg/id/albin-kurti", "https://w3id.org/wbkg/id/post-prime-minister-kosovo") in pairs
    assert pairs == {(str(r[0]), str(r[1])) for r in inferred.rows}
    assert len(built.store(inferred=True).query("SELECT * WHERE { GRAPH <https://w3id.org/wbkg/graph/inferred> { ?s ?p ?o } }")) > 0
    from wbkg.pipeline.access import open_build_store
    graphs = open_build_store(built.project, progress=False).query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {str(row[0]) for row in graphs.rows}
    assert "https://w3id.org/wbkg/graph/entailments" in names and "https://w3id.org/wbkg/graph/inferred" not in names


def test_inferred_flag_on_the_cli(built):
    result = CliRunner().invoke(main, ["--root", str(built.project.root), "query", str(CHAIN_QUERY), "--inferred",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/wbkg/id/keir-starmer" in result.output


def test_fixtures_parse(tmp_path):
    for path in FIXTURES.glob("*.ttl"):
        parse_turtle(path)
