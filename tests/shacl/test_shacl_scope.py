"""What the global SHACL pass reads (wbkg.shacl.scope): the predicate analysis and the scoped inputs."""
from __future__ import annotations

import pytest
from rdflib import Graph

from wbkg.shacl.engine import load_shapes, sparql_shapes
from wbkg.shacl.scope import ReadSet, WholeGraph, query_reads, shapes_read, write_scoped_inputs

W = "https://w3id.org/wbkg/ontology#"
PREFIXES = {"wbkg": W, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def test_constant_predicates_and_paths_are_collected():
    read = query_reads("SELECT $this WHERE { $this wbkg:party ?v . ?v (wbkg:ledBy|^wbkg:mission)/wbkg:status* ?s }",
                       PREFIXES)
    assert {f"<{W}party>", f"<{W}ledBy>", f"<{W}mission>", f"<{W}status>"} <= read.predicates
    assert not read.sample


def test_which_predicates_occur_is_answered_by_one_triple_per_predicate():
    read = query_reads("SELECT ?this WHERE { { SELECT DISTINCT ?this WHERE { ?s ?this ?o } } }", PREFIXES)
    assert read.sample


def test_a_predicate_listed_by_values_reads_only_those():
    read = query_reads("SELECT ?this WHERE { VALUES ?p { wbkg:date wbkg:asOf } ?this ?p ?d }", PREFIXES)
    assert {f"<{W}date>", f"<{W}asOf>"} <= read.predicates and not read.sample


@pytest.mark.parametrize("query", [
    "SELECT ?this WHERE { ?this ?p ?o . ?o wbkg:party ?x }",  # the object is used again
    "SELECT ?this WHERE { ?this !wbkg:party ?o }",  # a negated property set
])
def test_anything_else_needs_the_whole_graph(query):
    with pytest.raises(WholeGraph):
        query_reads(query, PREFIXES)


def test_the_real_sparql_shapes_are_scoped(project):
    shapes = load_shapes(project.shapes_dir)
    read = shapes_read(shapes, sparql_shapes(shapes))
    assert f"<{W}party>" in read.predicates and f"<{W}inArticle>" in read.predicates
    assert f"<{W}beginIndex>" not in read.predicates  # mention offsets: read by no SPARQL-based shape
    assert read.sample  # wbsh:DeclaredProperty asks which predicates occur


def test_scoped_inputs(tmp_path):
    lines = sorted([
        f"<urn:a> <{W}party> <urn:b> .\n",
        f"<urn:a> <{W}label> \"a b .\" .\n",
        f"<urn:b> <{W}ledBy> <urn:c> .\n",
        f"<urn:c> <{W}name> \"c\" .\n",
        f"<urn:m> <{W}denotes> <urn:a> .\n",
        f"<urn:m> <{W}beginIndex> \"3\" .\n",
        f"<urn:x> <{W}other> <urn:y> .\n",
        f"<urn:x> <{W}other2> <urn:y> .\n",
        f"<urn:z> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:T> .\n",
    ])
    merge = tmp_path / "merge.nt"
    merge.write_text("".join(lines))
    read = ReadSet({f"<{W}party>"}, sample=False)
    n_sparql, n_shared = write_scoped_inputs(merge, ["urn:a"], read, tmp_path / "s.nt", tmp_path / "n.nt", hops=2)
    sparql = (tmp_path / "s.nt").read_text().splitlines(keepends=True)
    shared = (tmp_path / "n.nt").read_text().splitlines(keepends=True)
    assert sparql == [f"<urn:a> <{W}party> <urn:b> .\n"] and n_sparql == 1
    # a's triples, b's (one hop), c's (two hops), the link into a, every rdf:type; not m's offsets, not x's
    assert set(shared) == set(lines) - {f"<urn:m> <{W}beginIndex> \"3\" .\n", f"<urn:x> <{W}other> <urn:y> .\n",
                                        f"<urn:x> <{W}other2> <urn:y> .\n"}
    assert n_shared == len(shared)
    Graph().parse(tmp_path / "n.nt", format="nt")  # still N-Triples
    read = ReadSet(set(), sample=True)
    write_scoped_inputs(merge, [], read, tmp_path / "s.nt", tmp_path / "n.nt")
    predicates = [line.split()[1] for line in (tmp_path / "s.nt").read_text().splitlines()]
    assert sorted(predicates) == sorted({line.split()[1] for line in lines})  # one triple per predicate
