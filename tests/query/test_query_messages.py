"""Messages for queries an author got wrong (issue 13, item 7): an empty query, an undeclared prefix and a
relative IRI each say so, from the query-preparation module the CLI and the server share; `wbkg query FILE.rq`
takes the prefixes the stored queries use and exits 2 with the message, never with a traceback."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from wbkg.cli import main
from wbkg.errors import InputError
from wbkg.query.prepare import EmptyQuery, STANDARD_PREFIXES, prepare


@pytest.mark.parametrize("text", ["", "  \n\t", "# only a comment\n", "PREFIX a: <http://a.test/#>\n# x",
                                  "BASE <http://a.test/>\nPREFIX : <http://b.test/>"])
def test_an_empty_query_says_so(text):
    with pytest.raises(EmptyQuery, match="empty query"):
        prepare(text)


def test_an_undeclared_prefix_is_named():
    with pytest.raises(InputError, match="prefix 'foaf' is not declared"):
        prepare("SELECT * WHERE { ?s foaf:name ?o }")
    with pytest.raises(InputError, match="prefix 'ex' is not declared"):
        prepare('SELECT * WHERE { ?s ?p "1"^^ex:t }')


def test_a_relative_iri_says_so_unless_there_is_a_base():
    with pytest.raises(InputError, match="<name> is a relative IRI"):
        prepare("SELECT * WHERE { ?s <name> ?o }")
    prepare("BASE <http://a.test/> SELECT * WHERE { ?s <name> ?o }")


def test_the_prefixes_of_the_stored_queries_are_predeclared(project):
    import re
    used = {m for q in project.queries_dir.glob("*.rq") for m in re.findall(r"^PREFIX (\w*):", q.read_text(), re.M)}
    assert used <= set(STANDARD_PREFIXES)
    prepare("SELECT ?l WHERE { ?s skos:prefLabel ?l ; a wbkg:Person ; rdfs:label ?m . FILTER(?m != \"\"^^xsd:string) }")


@pytest.mark.slow
@pytest.mark.parametrize("text, message", [
    ("SELECT ?l WHERE { ?s skos:prefLabel ?l } LIMIT 1", None),
    ("# nothing\n", "empty query"),
    ("SELECT * WHERE { ?s foaf:name ?o }", "prefix 'foaf' is not declared"),
    ("SELECT * WHERE { ?s <name> ?o }", "relative IRI"),
])
def test_wbkg_query_file(built, tmp_path, text, message):
    rq = tmp_path / "q.rq"
    rq.write_text(text)
    result = CliRunner().invoke(main, ["--root", str(built.project.root), "query", str(rq)])
    if message is None:
        assert result.exit_code == 0 and "(1 row)" in result.output, result.output
    else:
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, result.output
        assert "q.rq" in result.output
