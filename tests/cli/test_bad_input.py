"""Bad input: each case gets a clear error naming the file, line or parameter at fault, and exit code 2
(usage or input) or 1 (the graph fails a check); nothing already written is lost."""
from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from wbkg.cli import main


def invoke(project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), *args], catch_exceptions=False)


def article_graph(project, index=0):
    return sorted(project.articles_graph_dir.glob("*.ttl"))[index]


def test_turtle_syntax_error_names_file_line_and_column(project_copy):
    path = project_copy.entities_file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, 'id:broken a wbkg:Person ; skos:prefLabel "unterminated .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(project_copy, "build")
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(path))}:6:\d+: Turtle syntax error", result.output), result.output


def test_article_that_is_not_utf8(project_copy):
    text = sorted(project_copy.corpus_dir.glob("*.txt"))[1]
    text.write_bytes(text.read_bytes()[:50] + b"\xff\xfe broken" + text.read_bytes()[50:])
    result = invoke(project_copy, "build")
    assert result.exit_code == 2
    assert f"{text}:" in result.output and "not UTF-8" in result.output


def test_missing_article_referenced_by_the_graph(project_copy):
    text = sorted(project_copy.corpus_dir.glob("*.txt"))[2]
    text.unlink()
    result = invoke(project_copy, "build")
    assert result.exit_code == 2
    assert text.stem in result.output and "missing" in result.output


def test_evidence_quote_not_in_its_article(project_copy):
    path = article_graph(project_copy)
    source = path.read_text(encoding="utf-8")
    match = re.search(r'wbkg:exact "([^"\\]{12,})"', source)
    assert match, "no simple quote to break"
    broken = source.replace(match.group(0), 'wbkg:exact "words this article never printed"', 1)
    path.write_text(broken, encoding="utf-8")
    line = broken[:broken.index("words this article never printed")].count("\n") + 1
    result = invoke(project_copy, "build")
    assert result.exit_code == 2
    assert f"{path}:{line}:" in result.output
    assert "quote not found" in result.output


def test_fact_without_evidence_fails_the_build(project_copy):
    path = article_graph(project_copy)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/wbkg/id/kfor> <https://w3id.org/wbkg/ontology#condition> "unsourced" .\n')
    result = invoke(project_copy, "build", "--no-reason")
    assert result.exit_code == 1
    assert "fact without evidence" in result.output and '"unsourced"' in result.output


def test_unknown_query_name_suggests_close_names(built):
    names = sorted(p.stem for p in built.project.queries_dir.glob("*.rq"))
    assert names, "no stored queries"
    misspelt = names[0][:-1] + "x"
    result = invoke(built.project, "query", misspelt)
    assert result.exit_code == 2
    assert f"no stored query named '{misspelt}'" in result.output
    assert "did you mean" in result.output and names[0] in result.output


def test_malformed_sparql_gives_the_position(built, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: broken\nSELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    result = invoke(built.project, "query", str(bad))
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: malformed SPARQL", result.output), result.output


def test_query_the_store_refuses_names_the_file(built, tmp_path):
    """rdflib accepts a SELECT expression over an ungrouped variable; Oxigraph refuses it (SPARQL 1.1 18.2.4.1):
    an error naming the file, not a traceback from the confined child."""
    bad = tmp_path / "ungrouped.rq"
    bad.write_text("PREFIX wbkg: <https://w3id.org/wbkg/ontology#>\n"
                   "SELECT (DATATYPE(?v) AS ?dt) (COUNT(*) AS ?n) WHERE { ?q wbkg:value ?v } GROUP BY (DATATYPE(?v))\n",
                   encoding="utf-8")
    result = invoke(built.project, "query", str(bad))
    assert result.exit_code == 2, result.output
    assert f"{bad}: the store refused the query: error at" in result.output
    assert "Traceback" not in result.output


def test_unknown_param(built):
    name = sorted(p.stem for p in built.project.queries_dir.glob("*.rq"))[0]
    result = invoke(built.project, "query", name, "--param", "nonsense=1")
    assert result.exit_code == 2
    assert "unknown parameter 'nonsense'" in result.output


def test_param_without_equals_is_a_usage_error(built):
    name = sorted(p.stem for p in built.project.queries_dir.glob("*.rq"))[0]
    result = invoke(built.project, "query", name, "--param", "nonsense")
    assert result.exit_code == 2
    assert "--param" in result.output


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }",
     "SERVICE is not allowed"),
    ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM / FROM NAMED are not allowed"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM / FROM NAMED are not allowed"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "updates"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates"),
    ("DROP ALL", "updates"),
])
def test_queries_that_reach_outside_are_refused(built, tmp_path, text, expected):
    path = tmp_path / "outside.rq"
    path.write_text(f"# title: outside\n{text}\n", encoding="utf-8")
    result = invoke(built.project, "query", str(path))
    assert result.exit_code == 2
    assert expected in result.output


def test_unwritable_output_path(built, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        target = locked / "out.ttl"
        result = invoke(built.project, "export", "-o", str(target))
        if os.access(locked, os.W_OK):  # running as root: permissions do not bind, use a missing folder instead
            result = invoke(built.project, "export", "-o", str(tmp_path / "no-such-folder" / "out.ttl"))
            assert "does not exist" in result.output
        else:
            assert "not writable" in result.output
        assert result.exit_code == 2
    finally:
        os.chmod(locked, 0o700)


def test_export_into_a_directory_is_a_usage_error(built, tmp_path):
    result = invoke(built.project, "export", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.output


def break_graph(project):
    """Add an unsourced fact: the graph then fails its checks."""
    with article_graph(project).open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/wbkg/id/kfor> <https://w3id.org/wbkg/ontology#condition> "unsourced" .\n')


def test_export_to_an_existing_file_during_a_failing_build_leaves_it(project_copy, tmp_path):
    target = tmp_path / "existing.ttl"
    target.write_bytes(b"previous contents\n")
    break_graph(project_copy)
    result = invoke(project_copy, "export", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_bytes() == b"previous contents\n"
    assert "unchanged" in result.output


def test_failing_build_leaves_previous_outputs_byte_identical(project_copy):
    first = invoke(project_copy, "build", "--no-reason")
    assert first.exit_code == 0, first.output
    outputs = {p.name: p.read_bytes() for p in project_copy.build_dir.glob("wbkg.*")}
    assert len(outputs) == 5
    break_graph(project_copy)
    second = invoke(project_copy, "build", "--no-reason")
    assert second.exit_code == 1
    assert "not written" in second.output
    assert {p.name: p.read_bytes() for p in project_copy.build_dir.glob("wbkg.*")} == outputs
    assert "fact without evidence" in (project_copy.build_dir / "check-report.txt").read_text()
    assert not list(project_copy.build_dir.glob(".*.tmp")), "temporary files left behind"


def test_root_that_is_not_a_project(tmp_path):
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "stats"])
    assert result.exit_code == 2
    assert "not a wbkg project" in result.output
