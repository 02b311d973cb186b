"""Every published export reads back as the built graph: the merged formats as one graph, the dataset formats
with their named graphs; N-Triples sorted; the JSON-LD has a real, inline @context with schema.org terms."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from wbkg.export.context import jsonld_context

MERGED = {"wbkg.ttl": "turtle", "wbkg.jsonld": "json-ld"}
DATASETS = {"wbkg.trig": "trig", "wbkg.nq": "nquads"}


def lowered(graph):
    """Language tags in lower case: RDF 1.1 compares them case-insensitively and Oxigraph's Turtle writer
    lowers them, while the N-Triples lines keep them as written."""
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, Literal(str(o), lang=o.language.lower()) if isinstance(o, Literal) and o.language else o))
    return out


@pytest.fixture(scope="module")
def merge(built):
    return lowered(Graph().parse(built.project.build_dir / "wbkg.nt", format="nt"))


@pytest.mark.parametrize("name", sorted(MERGED))
def test_merged_exports_read_back_as_the_n_triples(built, merge, name):
    back = Graph().parse(built.project.build_dir / name, format=MERGED[name])
    assert len(back) > 5000 and isomorphic(lowered(back), merge)


def test_the_n_quads_are_the_named_graphs_of_the_merge(built, merge):
    quads = Dataset()
    quads.parse(built.project.build_dir / "wbkg.nq", format="nquads")
    union = Graph()
    for graph in quads.graphs():
        for triple in graph:
            union.add(triple)
    assert isomorphic(lowered(union), merge)


def test_trig_keeps_the_named_graphs_of_the_n_quads(built):
    graphs = {}
    for name, fmt in DATASETS.items():
        dataset = Dataset()
        dataset.parse(built.project.build_dir / name, format=fmt)
        graphs[name] = {g.identifier: lowered(g) for g in dataset.graphs() if len(g)}
    assert len(graphs["wbkg.nq"]) == 10 and set(graphs["wbkg.trig"]) == set(graphs["wbkg.nq"])  # nine asserted graphs and graph:entailments
    for iri, graph in graphs["wbkg.nq"].items():
        assert isomorphic(graphs["wbkg.trig"][iri], graph), f"named graph {iri} differs"


def test_nt_is_sorted(built):
    lines = (built.project.build_dir / "wbkg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_jsonld_has_a_real_context_with_schema_terms(built):
    document = json.loads((built.project.build_dir / "wbkg.jsonld").read_text(encoding="utf-8"))
    context = document["@context"]
    assert context == jsonld_context()
    assert context["name"] == {"@id": "schema:name"}
    assert context["schema"] == "https://schema.org/"
    nodes = document["@graph"]
    kfor = next(n for n in nodes if n["@id"] == "id:kfor")
    assert "name" in kfor, "a schema.org consumer must read the name"
    assert any("startDate" in n for n in nodes)


def test_jsonld_needs_no_remote_context(built):
    """The context is inline: reading the export back fetches nothing."""
    text = (built.project.build_dir / "wbkg.jsonld").read_text(encoding="utf-8")
    assert "http://schema.org/docs/jsonldcontext" not in text and '"@context": "http' not in text
