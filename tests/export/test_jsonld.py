"""The composed JSON-LD is compact (the terms and prefixes of its @context, ``@list`` for RDF lists), reads
back (rdflib, PyLD; the @context is inline, nothing is fetched) as the graph of the N-Triples export, and is
the same whichever way the merge is cut into chunks or spliced."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from wbkg.export import composed
from wbkg.export.context import SCHEMA_TERMS, jsonld_context
from wbkg.export.jsonld import ListTable
from wbkg.export.serialisers import serialisers

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def lowered_tags(graph: Graph) -> Graph:
    """The graph with language tags in lower case: RDF compares them so, and JSON-LD readers lower them."""
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, Literal(str(o), lang=o.language.lower()) if isinstance(o, Literal) and o.language else o))
    return out


def nt_graph(text: str) -> Graph:
    return lowered_tags(Graph().parse(data=text, format="nt"))


def pyld_graph(text: str) -> Graph:
    from pyld import jsonld

    def no_fetching(url, options=None):
        raise AssertionError(f"the JSON-LD export made a reader fetch {url}")
    nquads = jsonld.to_rdf(json.loads(text), {"format": "application/n-quads", "documentLoader": no_fetching})
    return nt_graph(nquads)


def rdflib_graph(text: str) -> Graph:
    return lowered_tags(Graph().parse(data=text, format="json-ld"))


@pytest.fixture(scope="module")
def exports(composed_build):
    return {ext: (composed_build.build_dir / f"wbkg.{ext}").read_text(encoding="utf-8") for ext in ("nt", "jsonld")}


@pytest.mark.parametrize("reader", [rdflib_graph, pyld_graph], ids=["rdflib", "pyld"])
def test_reads_back_as_the_ntriples_export(exports, reader):
    assert isomorphic(reader(exports["jsonld"]), nt_graph(exports["nt"]))


def test_uses_the_terms_and_prefixes_of_its_context(exports):
    document = json.loads(exports["jsonld"])
    assert document["@context"] == jsonld_context()
    keys = {key for node in document["@graph"] for key in node}
    assert not keys & ({f"https://schema.org/{t}" for t in SCHEMA_TERMS} | {f"schema:{t}" for t in SCHEMA_TERMS})
    assert {"name", "startDate", "location"} <= keys
    assert not [k for k in keys if k.startswith("http")], "every predicate has a prefix in the context"
    text = json.dumps(document["@graph"])
    assert "https://w3id.org/wbkg/id/" not in text and "http://www.w3.org/2001/XMLSchema#" not in text
    kfor = next(n for n in document["@graph"] if n["@id"] == "id:kfor")
    assert kfor["name"] == {"@language": "en", "@value": "Kosovo Force"}
    assert kfor["location"] == "id:kosovo"  # a term typed @id: the IRI is a plain string
    assert "schema:Event" in kfor["@type"]


def test_every_rdf_list_is_written_as_a_list(exports):
    """Each value that is the head of a well-formed RDF list (blank nodes, rdf:first / rdf:rest, not typed
    rdf:List, whose triple @list would drop) is one ``@list``, and no rdf:first / rdf:rest is left."""
    from rdflib import BNode, Graph
    from rdflib.namespace import RDF as RDFNS
    graph = Graph().parse(data=exports["nt"], format="nt")
    heads = {o for _, p, o in graph if isinstance(o, BNode) and p != RDFNS.rest and (o, RDFNS.first, None) in graph
             and (o, RDFNS.type, RDFNS.List) not in graph}
    expected = sum(1 for _, p, o in graph if o in heads and p != RDFNS.rest)
    nodes = json.loads(exports["jsonld"])["@graph"]
    found = sum(1 for n in nodes for value in n.values() for v in (value if isinstance(value, list) else [value])
                if isinstance(v, dict) and "@list" in v)
    assert expected > 0, "the seed ontology has RDF lists"
    assert found == expected
    assert not any(k in (f"{RDF}first", "rdf:first", "rdf:rest") for n in nodes for k in n)


def test_is_smaller_than_the_expanded_form(exports):
    assert len(exports["jsonld"].encode("utf-8")) < 0.7 * len(exports["nt"].encode("utf-8"))


# --- lists, literals and chunks on small graphs -----------------------------------------------------------

LISTS = """\
<urn:x:a> <urn:x:members> _:l1 .
_:l1 <{rdf}first> <urn:x:one> .
_:l1 <{rdf}rest> _:l2 .
_:l2 <{rdf}first> "two"@en-GB .
_:l2 <{rdf}rest> _:l3 .
_:l3 <{rdf}first> _:inner1 .
_:l3 <{rdf}rest> <{rdf}nil> .
_:inner1 <{rdf}first> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
_:inner1 <{rdf}rest> <{rdf}nil> .
<urn:x:b> <urn:x:typed> _:t1 .
_:t1 <{rdf}type> <{rdf}List> .
_:t1 <{rdf}first> <urn:x:one> .
_:t1 <{rdf}rest> <{rdf}nil> .
<urn:x:c> <urn:x:shared> _:s1 .
<urn:x:d> <urn:x:shared> _:s1 .
_:s1 <{rdf}first> "shared head" .
_:s1 <{rdf}rest> _:s2 .
_:s2 <{rdf}first> "tail" .
_:s2 <{rdf}rest> <{rdf}nil> .
<urn:x:e> <urn:x:empty> <{rdf}nil> .
<urn:x:e> <https://schema.org/location> "a literal where a node is usual" .
<urn:x:e> <https://schema.org/location> <https://w3id.org/wbkg/id/kosovo> .
<urn:x:e> <https://schema.org/name> "plain" .
<urn:x:e> <urn:x:flag> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<urn:x:e> <urn:x:flag> "0"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<urn:x:f> <urn:x:classified> _:k .
_:k <{rdf}type> _:l4 .
_:l4 <{rdf}first> <urn:x:one> .
_:l4 <{rdf}rest> <{rdf}nil> .
""".format(rdf=RDF)


def merge(text: str) -> list[str]:
    return sorted(set(text.splitlines(keepends=True)))


def write(lines, tmp_path, name: str) -> dict:
    paths = {fmt: tmp_path / f"{name}.{fmt}" for fmt in composed.MERGE_FORMATS}
    composed.write_merge(lines, paths, tmp_path / f"{name}.json", serialisers())
    return {fmt: path.read_bytes() for fmt, path in paths.items()}


def test_lists_literals_and_terms(tmp_path):
    lines = merge(LISTS)
    text = write(lines, tmp_path, "a")["jsonld"].decode("utf-8")
    nodes = {n["@id"]: n for n in json.loads(text)["@graph"]}
    # language tags in lower case, as Oxigraph (and RDF 1.1's value space) has them, in Turtle and TriG too
    assert nodes["urn:x:a"]["urn:x:members"] == {"@list": [{"@id": "urn:x:one"}, {"@language": "en-gb", "@value": "two"},
                                                          {"@list": [{"@type": "xsd:integer", "@value": "1"}]}]}
    assert not {"_:l1", "_:l2", "_:l3", "_:inner1", "_:s2"} & set(nodes)
    assert "_:t1" in nodes, "rdf:type rdf:List would be lost in @list: kept as a node"
    assert "_:s1" in nodes and nodes["_:s1"]["rdf:rest"] == {"@list": ["tail"]}, "a head referred to twice"
    assert "_:l4" in nodes, "a list used as a type stays a node"
    e = nodes["urn:x:e"]
    assert e["urn:x:empty"] == {"@list": []}
    assert e["location"] == sorted([{"@value": "a literal where a node is usual"}, "id:kosovo"], key=json.dumps)
    assert e["name"] == "plain"
    assert sorted(e["urn:x:flag"], key=str) == sorted([True, {"@type": "xsd:boolean", "@value": "0"}], key=str)
    for reader in (rdflib_graph, pyld_graph):
        assert isomorphic(reader(text), nt_graph("".join(lines)))


def test_the_same_bytes_wherever_the_chunks_are_cut(tmp_path, monkeypatch):
    lines = merge(LISTS)
    whole = write(lines, tmp_path, "whole")
    for size in (1, 2, 3, 7):
        monkeypatch.setattr(composed, "CHUNK_LINES", size)
        assert write(lines, tmp_path, f"cut{size}") == whole, size


def test_a_file_whose_last_chunks_are_all_list_nodes_is_valid_json(tmp_path, monkeypatch):
    monkeypatch.setattr(composed, "CHUNK_LINES", 1)
    lines = merge(LISTS)
    assert lines[-1].startswith("_:")
    json.loads(write(lines, tmp_path, "a")["jsonld"])


@pytest.mark.parametrize("change", ["ground", "blank"])
def test_splicing_equals_writing_anew(tmp_path, monkeypatch, change):
    monkeypatch.setattr(composed, "CHUNK_LINES", 2)
    lines = merge(LISTS)
    ser = serialisers()
    paths = {fmt: tmp_path / f"a.{fmt}" for fmt in composed.MERGE_FORMATS}
    composed.write_merge(lines, paths, tmp_path / "a.json", ser)
    if change == "ground":
        added, removed = ['<urn:x:e> <urn:x:flag> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'], \
            ['<urn:x:e> <https://schema.org/name> "plain" .\n']
    else:  # _:s1 referred to once more: no longer a list head; _:l4 loses its type use and becomes a list
        added, removed = ["<urn:x:g> <urn:x:shared> _:s1 .\n"], [f"_:k <{RDF}type> _:l4 .\n"]
    composed.splice_merge(tmp_path / "a.json", paths, paths, added, removed, ser)
    expected = write(sorted(set(lines).difference(removed).union(added)), tmp_path, "b")
    assert {fmt: path.read_bytes() for fmt, path in paths.items()} == expected
    assert ListTable.from_json(json.loads((tmp_path / "a.json").read_text())["lists"]).heads.keys() == \
        ListTable.from_lines(sorted(set(lines).difference(removed).union(added))).heads.keys()
