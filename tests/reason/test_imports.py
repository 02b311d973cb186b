"""owl:imports are never fetched (issue 13, item 2): the project's own ontology resolves locally, any other
import is an input error naming the file and line. A loopback recorder counts requests (zero), and a server
that never answers would stall a build that fetched (the build finishes: nothing was asked of it)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from wbkg.cli import main
from wbkg.errors import InputError
from wbkg.reason.imports import local_imports
from wbkg.vocab.namespaces import ONTOLOGY_IRI

from recorder import Recorder

PERSON = "<https://w3id.org/wbkg/id/imports-test> a <https://w3id.org/wbkg/ontology#Person> .\n"


def importing(target: str) -> str:
    return (f"<https://w3id.org/wbkg/id/imports-doc> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
            f"    <http://www.w3.org/2002/07/owl#imports> <{target}> .\n")


def test_the_own_ontology_is_dropped_and_another_refused_with_file_and_line(tmp_path):
    graph = Graph()
    graph.add((URIRef("http://a.test/doc"), OWL.imports, ONTOLOGY_IRI))
    assert (None, OWL.imports, None) not in local_imports(graph)
    source = tmp_path / "data.ttl"
    source.write_text("# a comment\n" + importing("http://127.0.0.1:9/other.owl"))
    graph.parse(source)
    with pytest.raises(InputError) as caught:
        local_imports(graph, [source])
    assert caught.value.path == source and caught.value.line == 3
    assert "never fetches" in str(caught.value)


@pytest.mark.slow
@pytest.mark.parametrize("hold", [False, True], ids=["recorder", "stalling-server"])
def test_wbkg_reason_fetches_no_import(built, tmp_path, hold):
    with Recorder(hold=hold) as server:
        fixture = tmp_path / "imports.ttl"
        fixture.write_text(PERSON + importing(server.url + "evil.owl"))
        result = CliRunner().invoke(main, ["--root", str(built.project.root), "reason", "--with", str(fixture)])
        assert server.count == 0, server.requests
        assert result.exit_code == 2 and f"{fixture.name}:3" in result.output, result.output
        own = tmp_path / "own.ttl"
        own.write_text(PERSON + importing(str(ONTOLOGY_IRI)))
        result = CliRunner().invoke(main, ["--root", str(built.project.root), "reason", "--with", str(own)])
        assert result.exit_code == 0 and "consistent" in result.output, result.output
        assert server.count == 0


@pytest.mark.slow
def test_wbkg_build_fetches_no_import(project_copy):
    with Recorder(hold=True) as server:
        with open(project_copy.entities_file, "a", encoding="utf-8") as handle:
            handle.write("\n" + importing(server.url + "evil.owl"))
        lines = project_copy.entities_file.read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines, 1) if "evil.owl" in text)
        result = CliRunner().invoke(main, ["--root", str(project_copy.root), "build"])
        assert server.count == 0, server.requests
        assert result.exit_code == 2, result.output
        assert f"entities.ttl:{line}: owl:imports <{server.url}evil.owl>" in result.output, result.output
