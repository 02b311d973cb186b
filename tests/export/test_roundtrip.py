"""Every export reads back isomorphic to the built graph, and equal graphs give equal bytes."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from wbkg.export.context import jsonld_context
from wbkg.export.rdflib_dataset import merged, serialize_dataset
from wbkg.load import load

GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}
DATASET_FORMATS = {"trig": "trig", "nquads": "nquads"}


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_graph_exports_round_trip(loaded, fmt):
    text = serialize_dataset(loaded.dataset, fmt)
    back = Graph().parse(data=text, format=GRAPH_FORMATS[fmt])
    assert isomorphic(back, merged(loaded.dataset))


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_dataset_exports_keep_named_graphs(loaded, fmt):
    text = serialize_dataset(loaded.dataset, fmt)
    back = Dataset()
    back.parse(data=text, format=DATASET_FORMATS[fmt])
    original = {g.identifier: g for g in loaded.dataset.graphs() if len(g)}
    restored = {g.identifier: g for g in back.graphs() if len(g)}
    assert set(restored) == set(original)
    for iri, graph in original.items():
        assert isomorphic(restored[iri], graph), f"named graph {iri} differs"


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig", "nquads"])
def test_exports_are_deterministic(project, fmt):
    assert serialize_dataset(load(project).dataset, fmt) == serialize_dataset(load(project).dataset, fmt)


def test_nt_is_sorted(loaded):
    lines = serialize_dataset(loaded.dataset, "nt").splitlines()
    assert lines == sorted(lines)


def test_jsonld_has_a_real_context_with_schema_terms(loaded):
    document = json.loads(serialize_dataset(loaded.dataset, "json-ld"))
    context = document["@context"]
    assert context == jsonld_context()
    assert context["name"] == {"@id": "schema:name"}
    assert context["schema"] == "https://schema.org/"
    nodes = document["@graph"]
    kfor = next(n for n in nodes if n["@id"] == "id:kfor")
    assert "name" in kfor, "a schema.org consumer must read the name"
    assert any("startDate" in n for n in nodes)


def test_jsonld_needs_no_remote_context(loaded):
    """The context is inline: reading the export back fetches nothing."""
    text = serialize_dataset(loaded.dataset, "json-ld")
    assert "http://schema.org/docs/jsonldcontext" not in text
    assert isinstance(json.loads(text)["@context"], dict)
