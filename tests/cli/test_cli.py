"""The CLI in-process with click's CliRunner: every command works, has --help with an example, and maps
errors to the documented exit codes (0 ok, 1 check failed, 2 usage or input error)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from wbkg import __version__
from wbkg.cli import main


def invoke(project, *args, **kwargs):
    return CliRunner().invoke(main, ["--root", str(project.root), *args], catch_exceptions=False, **kwargs)


COMMANDS = sorted(main.commands)


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"wbkg {command} --help shows no example"


def test_build_publishes_outputs_and_prints_a_summary(project_copy):
    result = invoke(project_copy, "build")
    assert result.exit_code == 0, result.output
    for line in ("articles: 5", "SHACL", "facts without text spans): consistent", "verdict: PASS",
                 "outputs: build/wbkg.", "articles processed: 5, reused from cache: 0"):
        assert line in result.output
    for name in ("wbkg.ttl", "wbkg.trig", "wbkg.jsonld", "wbkg.nt", "wbkg.nq", "stats.json",
                 "shacl-report.ttl", "shacl-report.txt", "check-report.txt"):
        assert (project_copy.build_dir / name).stat().st_size > 0, name
    stats = json.loads((project_copy.build_dir / "stats.json").read_text())
    assert stats["articles"] == 5


def test_query_brings_the_build_up_to_date_first(project_copy, tmp_path):
    """`wbkg query` answers from the build's store; after an input changed it runs the (incremental) build
    first; a graph that fails a check is still queried, with a warning; an input error stops it with exit 2
    naming the file."""
    query = tmp_path / "kfor-labels.rq"
    query.write_text("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                     "SELECT ?label WHERE { <https://w3id.org/wbkg/id/kfor> skos:prefLabel|skos:altLabel ?label } ORDER BY ?label\n",
                     encoding="utf-8")
    assert invoke(project_copy, "build").exit_code == 0
    before = invoke(project_copy, "query", str(query), "--format", "csv")
    assert before.exit_code == 0 and "Kosovo Force" in before.output and "Test Force" not in before.output
    entities = project_copy.entities_file
    entities.write_text(entities.read_text(encoding="utf-8") + '\nid:kfor skos:altLabel "Test Force"@en .\n',
                        encoding="utf-8")
    after = invoke(project_copy, "query", str(query), "--format", "csv")
    assert after.exit_code == 0 and "Test Force" in after.output
    article = sorted(project_copy.articles_graph_dir.glob("*.ttl"))[0]
    article.write_text(article.read_text(encoding="utf-8")
                       + '\n<https://w3id.org/wbkg/id/kfor> <https://w3id.org/wbkg/ontology#condition> "unsourced" .\n',
                       encoding="utf-8")
    failing = CliRunner().invoke(main, ["--root", str(project_copy.root), "query", str(query)])
    assert failing.exit_code == 0 and "Test Force" in failing.stdout
    assert "the graph fails its checks" in failing.stderr and "check-report.txt" in failing.stderr
    entities.write_text(entities.read_text(encoding="utf-8") + "@prefix broken", encoding="utf-8")
    failed = invoke(project_copy, "query", str(query))
    assert failed.exit_code == 2 and "entities.ttl" in failed.output


def test_validate_text_and_turtle(built):
    result = invoke(built.project, "validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    turtle = invoke(built.project, "validate", "--format", "turtle")
    assert turtle.exit_code == 0
    assert "sh:conforms true" in turtle.output


def test_queries_lists_name_and_title(built):
    result = invoke(built.project, "queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    assert names == sorted(p.stem for p in built.project.queries_dir.glob("*.rq"))


def test_stats(built):
    result = invoke(built.project, "stats", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["articles"] == 5


def test_show_by_label_and_iri(built):
    by_label = invoke(built.project, "show", "KFOR")
    assert by_label.exit_code == 0, by_label.output
    assert "id:kfor" in by_label.output and "←" in by_label.output
    by_iri = invoke(built.project, "show", "https://w3id.org/wbkg/id/kfor")
    assert by_iri.output == by_label.output


def test_show_unknown_entity_is_a_usage_error(built):
    result = invoke(built.project, "show", "Atlantis")
    assert result.exit_code == 2
    assert "no entity labelled 'Atlantis'" in result.output


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig", "nquads"])
def test_export_to_stdout(built, fmt):
    result = invoke(built.project, "export", "--format", fmt)
    assert result.exit_code == 0
    assert len(result.output) > 1000


def test_coverage_reports_every_article(built):
    result = invoke(built.project, "coverage")
    for stem in ("000_85f3084a00737124", "004_14e81d64b1671461"):
        assert stem in result.output
    assert "total:" in result.output
    assert result.exit_code == 0, [l for l in result.output.splitlines() if "UNCITED" in l]
