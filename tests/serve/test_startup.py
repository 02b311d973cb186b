"""Start-up from the build: no build is a usage error; the dumps are the build's files; the VoID names this
server as configured, whatever Host a client sends, and examples the store holds."""
from __future__ import annotations

import pytest

import subprocess
import sys

import httpx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from wbkg.serve.backend import DUMPS, export_file

from serverkit import SRC, free_port

pytestmark = pytest.mark.slow  # not in `make test-fast`


def test_a_graph_that_fails_its_checks_is_not_served(copy_of_project, tmp_path):
    """`wbkg serve` brings the build up to date first; a graph that fails a check is refused (exit 1) before
    any port is opened."""
    project = copy_of_project(tmp_path / "project")
    article = sorted(project.articles_graph_dir.glob("*.ttl"))[0]
    with article.open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/wbkg/id/kfor> <https://w3id.org/wbkg/ontology#condition> "unsourced" .\n')
    result = subprocess.run([sys.executable, "-m", "wbkg.cli", "--root", str(project.root), "serve", "--port",
                             str(free_port())], capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "WBKG_PROGRESS": "0"})
    assert result.returncode == 1, result.stderr
    assert "check-report.txt" in result.stderr and "nothing is served" in result.stderr


def test_dumps_are_the_build_files_byte_for_byte(server, built):
    for _name, file, fmt, media in DUMPS:
        response = httpx.get(f"{server.url}/dump/{file}", timeout=60)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        assert response.content == export_file(built, fmt).read_bytes(), file


def test_void_ignores_the_host_header_and_takes_examples_from_the_store(server, published):
    response = httpx.get(f"{server.url}/.well-known/void.ttl", headers={"Host": "evil.example"})
    assert response.status_code == 200
    assert "evil.example" not in response.text
    g = Graph().parse(data=response.text, format="turtle")
    d = g.value(None, RDF.type, VOID.Dataset)
    examples = set(g.objects(None, VOID.exampleResource))
    assert len(examples) >= 2
    for example in examples:
        assert (example, None, None) in published.dataset
        assert httpx.get(f"{server.url}/id/{str(example).rsplit('/', 1)[-1]}.ttl").status_code == 200
    assert URIRef(f"{server.url}/sparql") in set(g.objects(None, VOID.sparqlEndpoint))
    assert d is not None


def test_a_binding_that_is_no_iri_is_a_bad_request(server):
    response = httpx.get(server.sparql, params={"query": "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "$x": "<%zz>"})
    assert response.status_code == 400 and "binding" in response.text
