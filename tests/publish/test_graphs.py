"""What a publish reads from the exports: one block per named graph with its hash and count, and the N-Triples
a Graph Store PUT carries; and how parameters become a VALUES block (never pasted text)."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from wbkg.publish.graphs import default_graph, named_graphs
from wbkg.publish.run import query_endpoint
from wbkg.store.values import bind, where_group


def test_blocks_of_an_nquads_file(tmp_path):
    path = tmp_path / "x.nq"
    path.write_text('<http://x/a> <http://x/p> "1" <http://x/g1> .\n<http://x/b> <http://x/p> "2" <http://x/g1> .\n'
                    '<http://x/a> <http://x/p> "a > b" <http://x/g2> .\n', encoding="utf-8")
    pieces = list(named_graphs(path))
    assert [(p.graph, p.triples) for p in pieces] == [("http://x/g1", 2), ("http://x/g2", 1)]
    assert pieces[1].body() == b'<http://x/a> <http://x/p> "a > b" .\n'
    assert pieces[0].sha256 != pieces[1].sha256


def test_a_graph_split_in_two_blocks_is_refused(tmp_path):
    path = tmp_path / "x.nq"
    path.write_text('<http://x/a> <http://x/p> "1" <http://x/g1> .\n<http://x/a> <http://x/p> "1" <http://x/g2> .\n'
                    '<http://x/b> <http://x/p> "1" <http://x/g1> .\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not together"):
        list(named_graphs(path))


def test_the_default_graph_is_counted(tmp_path):
    path = tmp_path / "x.nt"
    path.write_text('<http://x/a> <http://x/p> "1" .\n\n<http://x/b> <http://x/p> "2" .\n', encoding="utf-8")
    assert default_graph(path).triples == 2


def test_query_endpoints_beside_known_graph_stores():
    assert query_endpoint("http://h:7878/store", None) == "http://h:7878/query"
    assert query_endpoint("http://h:8890/sparql-graph-crud-auth", None) == "http://h:8890/sparql"


def test_values_open_the_where_group_after_a_construct_template():
    text = 'PREFIX x: <http://x/> # a { comment\nCONSTRUCT { ?s x:p "}" } WHERE { ?s x:p ?o }'
    bound = bind(text, {"o": Literal('a" } ?x ?y ?z { "')})
    assert bound.endswith('WHERE { VALUES (?o) { ("a\\" } ?x ?y ?z { \\"") }  ?s x:p ?o }')
    assert where_group("SELECT ?s { ?s ?p ?o }") == len("SELECT ?s {")


def test_a_malformed_iri_is_not_bound():
    with pytest.raises(ValueError):
        bind("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("http://x/> } ; DROP ALL ; <")})
