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
    for line in ("articles: 5", "SHACL", "OWL (HermiT, facts without text spans): consistent", "verdict: PASS",
                 "outputs: build/wbkg.ttl"):
        assert line in result.output
    for name in ("wbkg.ttl", "wbkg.trig", "wbkg.jsonld", "wbkg.nt", "wbkg.nq", "stats.json",
                 "shacl-report.ttl", "shacl-report.txt", "check-report.txt"):
        assert (project_copy.build_dir / name).stat().st_size > 0, name
    stats = json.loads((project_copy.build_dir / "stats.json").read_text())
    assert stats["articles"] == 5


def test_query_answers_from_the_exports_of_an_up_to_date_build(project_copy, monkeypatch):
    """After a build, `wbkg query` loads build/wbkg.nq and wbkg.nt into Oxigraph instead of parsing and
    grounding the sources (0.35 s instead of 0.9 s), with the same answers; once an input changes, or a
    build starts, it loads the sources again."""
    import wbkg.cli
    from rdflib import Graph
    from rdflib.compare import isomorphic
    from wbkg.execute import run
    from wbkg.load import load
    from wbkg.queries import stored_queries
    from wbkg.results import render

    queries = stored_queries(project_copy.queries_dir)
    examples = {name: {p.name: p.example for p in q.parameters if p.example} for name, q in queries.items()}
    loaded = load(project_copy)
    fmt = {name: "nt" if q.form in ("CONSTRUCT", "DESCRIBE") else "csv" for name, q in queries.items()}
    expected = {name: render(run(loaded, q, examples[name]), fmt[name]) for name, q in queries.items()}
    assert invoke(project_copy, "build").exit_code == 0
    assert (project_copy.build_dir / "snapshot.json").exists()
    loads = []
    original = wbkg.cli._load
    monkeypatch.setattr(wbkg.cli, "_load", lambda ctx: loads.append(1) or original(ctx))

    def query(name):
        params = [x for k, v in examples[name].items() for x in ("--param", f"{k}={v}")]
        return invoke(project_copy, "query", name, *params, "--format", fmt[name])
    for name in queries:
        result = query(name)
        assert result.exit_code in (0, 1), result.output
        if fmt[name] == "nt":
            assert isomorphic(Graph().parse(data=result.output, format="nt"),
                              Graph().parse(data=expected[name], format="nt")), name
        else:
            assert result.output.replace("\r\n", "\n") == expected[name].replace("\r\n", "\n"), name
    assert loads == []  # every query answered from the exports
    article = sorted((project_copy.root / "graph" / "articles").glob("*.ttl"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert query("articles").output.replace("\r\n", "\n") == expected["articles"].replace("\r\n", "\n")
    assert loads == [1]  # stale exports: the sources are loaded again
    invoke(project_copy, "build")
    article.write_text(article.read_text(encoding="utf-8") + "@prefix broken", encoding="utf-8")
    assert invoke(project_copy, "build").exit_code == 2
    assert not (project_copy.build_dir / "snapshot.json").exists()  # a build that fails leaves no marker


def test_validate_text_and_turtle(project):
    result = invoke(project, "validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    turtle = invoke(project, "validate", "--format", "turtle")
    assert turtle.exit_code == 0
    assert "sh:conforms true" in turtle.output


def test_queries_lists_name_and_title(project):
    result = invoke(project, "queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    assert names == sorted(p.stem for p in project.queries_dir.glob("*.rq"))


def test_stats(project):
    result = invoke(project, "stats", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["articles"] == 5


def test_show_by_label_and_iri(project):
    by_label = invoke(project, "show", "KFOR")
    assert by_label.exit_code == 0, by_label.output
    assert "id:kfor" in by_label.output and "←" in by_label.output
    by_iri = invoke(project, "show", "https://w3id.org/wbkg/id/kfor")
    assert by_iri.output == by_label.output


def test_show_unknown_entity_is_a_usage_error(project):
    result = invoke(project, "show", "Atlantis")
    assert result.exit_code == 2
    assert "no entity labelled 'Atlantis'" in result.output


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig", "nquads"])
def test_export_to_stdout(project, fmt):
    result = invoke(project, "export", "--format", fmt)
    assert result.exit_code == 0
    assert len(result.output) > 1000


def test_coverage_reports_every_article(project):
    result = invoke(project, "coverage")
    for stem in ("000_85f3084a00737124", "004_14e81d64b1671461"):
        assert stem in result.output
    assert "total:" in result.output
    assert result.exit_code == 0, [l for l in result.output.splitlines() if "UNCITED" in l]
