"""Evaluating a protocol query on the build's store (Oxigraph, as `wbkg query` does).

The query was parsed and checked by wbkg.sparql.prepare first (so SERVICE, FROM and updates never reach
Oxigraph). Parameters are bound by the engine; default-graph-uri / named-graph-uri choose among the graphs
the store holds; SELECT rows are yielded lazily so that the row cap stops evaluation early.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Iterator

from rdflib import Graph

from ..vocab.namespaces import INFERRED_GRAPH, bind_prefixes
from ..query.results import normal
from ..store.terms import from_ox, to_ox
from .reader import QUERY_PREFIXES


@dataclass
class Evaluated:
    form: str                         # SELECT, ASK, CONSTRUCT, DESCRIBE
    variables: list[str]
    rows: Iterator[tuple] | None      # SELECT: lazy
    boolean: bool | None
    graph: Graph | None


class StoreEngine:
    name = "oxigraph"

    def __init__(self, view):
        import pyoxigraph

        self.view = view              # a view of the build's store: reviewed only, or with the drafts
        self.store = view.store       # the pyoxigraph.Store, read-only
        self.ox = pyoxigraph
        # what a query sees when the request names no graph: the view's default graph (reviewed facts, or with
        # the drafts' own triples) and its named graphs (never the closure --inferred may add, nor graph:drafts;
        # the drafts' graphs only in the drafts view). Taken once: the store is read-only while serving.
        self._default = view.default_graph()
        self._published = [pyoxigraph.NamedNode(g) for g in view.graph_names() if g != str(INFERRED_GRAPH)]

    def _merged_store(self, default_graphs: list[str], named_graphs: list[str]):
        """A small in-memory store whose default graph is the RDF merge of ``default_graphs``: Oxigraph's own
        union of several default graphs repeats a triple that two of them hold, where SPARQL merges."""
        ox = self.ox
        scratch = ox.Store()
        for iri in sorted(set(default_graphs)):
            scratch.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                           for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        for iri in sorted(set(named_graphs)):
            scratch.extend(self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        return scratch

    def evaluate(self, text: str, prepared, bindings: dict, dataset: tuple[list[str], list[str]] | None) -> Evaluated:
        """``dataset``: (default graphs, named graphs) as the request or the query's FROM named them (each
        list may be empty: an empty default graph), or None for the view's own."""
        ox = self.ox
        form = prepared.algebra.name.replace("Query", "").upper()
        options: dict = {"prefixes": QUERY_PREFIXES,
                         "substitutions": {ox.Variable(str(k)): to_ox(v) for k, v in bindings.items()}}
        store = self.store
        if dataset is None:
            if self._default is not None:
                options["default_graph"] = self._default
            options["named_graphs"] = self._published
        else:
            default_graphs, named_graphs = dataset
            if len(set(default_graphs)) > 1:
                store = self._merged_store(default_graphs, named_graphs)
                options["default_graph"] = ox.DefaultGraph()   # the merge, not the query's FROM
            else:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        answer = store.query(text, **options)
        if isinstance(answer, ox.QueryBoolean):
            return Evaluated("ASK", [], None, bool(answer), None)
        if isinstance(answer, ox.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in answer:
                graph.add((from_ox(triple.subject), from_ox(triple.predicate),
                           normal(from_ox(triple.object))))
            return Evaluated(form, [], None, None, graph)
        variables = [v.value for v in answer.variables]
        rows = (tuple(normal(from_ox(solution[i])) for i in range(len(variables))) for solution in answer)
        return Evaluated("SELECT", variables, rows, None, None)


def take(rows: Iterator[tuple], cap: int) -> tuple[list[tuple], bool]:
    """At most ``cap`` rows, and whether there were more (evaluation stops at cap + 1)."""
    kept = list(islice(rows, cap + 1))
    return kept[:cap], len(kept) > cap
