"""Serialising an rdflib Graph or Dataset held in memory in a stable, sorted form: Turtle and JSON-LD
(default-graph merge), N-Triples, TriG and N-Quads (named graphs kept). Blank nodes get canonical labels so
that equal graphs give equal bytes. Used for what lives in memory (query results, a loaded dataset, the
in-memory store); the build's exports are composed from sorted pieces (composed.py)."""
from __future__ import annotations

import hashlib
import io
import json

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.plugins.serializers.trig import TrigSerializer

from ..errors import UsageError
from ..vocab.namespaces import bind_prefixes
from .context import jsonld_context
from .formats import FORMATS

def canonical(graph: Graph) -> Graph:
    """The graph with canonical blank node labels (only when it has blank nodes: canonicalising costs)."""
    if not any(isinstance(t, BNode) for triple in graph for t in (triple[0], triple[2])):
        return graph
    out = bind_prefixes(Graph(identifier=graph.identifier))
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return out


def merged(dataset: Dataset) -> Graph:
    """The default-graph merge of every named graph."""
    graph = bind_prefixes(Graph())
    for context in dataset.graphs():
        for triple in context:
            graph.add(triple)
    return graph


def scoped_canonical(graph: Graph) -> Graph:
    """Canonical blank node labels made unique to the named graph (a label is document-wide in TriG/N-Quads)."""
    c = canonical(graph)
    if c is graph:
        return graph
    tag = hashlib.sha1(str(graph.identifier).encode()).hexdigest()[:8]

    def relabel(t):
        return BNode(f"{t}{tag}") if isinstance(t, BNode) else t
    out = Graph(identifier=graph.identifier)
    for s, p, o in c:
        out.add((relabel(s), p, relabel(o)))
    return out


class Snapshot:
    """A dataset made ready to serialise, once for every format: its non-empty named graphs in IRI order with
    canonical, graph-scoped blank node labels, and their merge."""

    def __init__(self, dataset: Dataset):
        self.graphs = [scoped_canonical(g) for g in sorted((g for g in dataset.graphs() if len(g)),
                                                  key=lambda g: str(g.identifier))]
        self._merged: Graph | None = None

    @property
    def merged(self) -> Graph:
        if self._merged is None:
            graph = bind_prefixes(Graph())
            for g in self.graphs:
                for triple in g:
                    graph.add(triple)
            self._merged = graph
        return self._merged


def serialize_graph(graph: Graph, fmt: str) -> str:
    return _serialize(canonical(graph), fmt)


def _serialize(graph: Graph, fmt: str) -> str:
    """Serialise a graph whose blank nodes are already canonical."""
    if fmt == "turtle":
        return bind_prefixes(graph).serialize(format="turtle")
    if fmt == "nt":
        return "".join(sorted(_nt_row(t) for t in graph))
    if fmt == "json-ld":
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return json.dumps(_sorted_json(json.loads(text)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    raise UsageError(f"unknown graph format {fmt!r}; use one of turtle, json-ld, nt", parameter="--format")


def serialize_dataset(dataset: Dataset, fmt: str, snapshot: Snapshot | None = None) -> str:
    """Serialise ``dataset``; pass one ``snapshot`` when writing several formats of the same dataset."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", parameter="--format")
    snapshot = snapshot or Snapshot(dataset)
    if fmt in ("turtle", "nt", "json-ld"):
        return _serialize(snapshot.merged, fmt)
    if fmt == "nquads":
        return "".join(sorted(_nq_row(t, g.identifier) for g in snapshot.graphs for t in g))
    out = bind_prefixes(Dataset())
    for g in snapshot.graphs:
        target = out.graph(g.identifier)
        for triple in g:
            target.add(triple)
    buffer = io.BytesIO()
    _SortedTrig(out).serialize(buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


class _SortedTrig(TrigSerializer):
    """rdflib's TriG with the graphs taken in IRI order. rdflib takes them in the order of its store's set of
    contexts, which changes from one process to the next (PYTHONHASHSEED), and that order decides both the
    order of the graphs and, through reference counts kept across graphs, the order of subjects."""

    def preprocess(self) -> None:
        self.contexts = sorted(self.contexts, key=lambda context: str(context.identifier))
        super().preprocess()


def _sorted_json(value):
    """Sort JSON-LD sets (arrays) and node lists by their serialised form; @list arrays keep their order."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
