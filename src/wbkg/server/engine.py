"""The query engines a worker evaluates with: Oxigraph (default, the store `wbkg query` uses) or rdflib.

Both take a query already parsed and checked by wbkg.sparql.prepare (so SERVICE, FROM and updates never
reach them), bind parameters by the engine, honour default-graph-uri / named-graph-uri among the graphs held,
and yield answers lazily so that the row cap stops evaluation early.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Iterator

from rdflib import Dataset, Graph, URIRef, Variable

from ..namespaces import PREFIXES, bind_prefixes
from ..results import normal

ENGINES = ("oxigraph", "rdflib")


@dataclass
class Evaluated:
    form: str                         # SELECT, ASK, CONSTRUCT, DESCRIBE
    variables: list[str]
    rows: Iterator[tuple] | None      # SELECT: lazy
    boolean: bool | None
    graph: Graph | None


class RdflibEngine:
    name = "rdflib"

    def __init__(self, dataset: Dataset, held: dict):
        self.dataset = dataset
        self.held = held
        self.cache: dict = {}

    def _dataset(self, default_graphs: list[str], named_graphs: list[str]) -> Dataset:
        if not default_graphs and not named_graphs:
            return self.dataset
        key = (tuple(sorted(set(default_graphs))), tuple(sorted(set(named_graphs))))
        ds = self.cache.get(key)
        if ds is None:
            ds = bind_prefixes(Dataset(default_union=False))
            for iri in key[0]:
                for triple in self.held[iri]:
                    ds.default_graph.add(triple)
            for iri in key[1]:
                target = ds.graph(URIRef(iri))
                for triple in self.held[iri]:
                    target.add(triple)
            if len(self.cache) > 8:
                self.cache.clear()
            self.cache[key] = ds
        return ds

    def evaluate(self, text: str, prepared, bindings: dict, default_graphs: list[str],
                 named_graphs: list[str]) -> Evaluated:
        form = prepared.algebra.name.replace("Query", "").upper()
        dataset = self._dataset(default_graphs, named_graphs)
        result = dataset.query(prepared, initBindings={Variable(str(k)): v for k, v in bindings.items()})
        if form == "ASK":
            return Evaluated(form, [], None, bool(result.askAnswer), None)
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = bind_prefixes(Graph())
            for s, p, o in result.graph:
                graph.add((s, p, normal(o)))
            return Evaluated(form, [], None, None, graph)
        rows = (tuple(normal(t) for t in row) for row in result)
        return Evaluated(form, [str(v) for v in result.vars], rows, None, None)


class OxigraphEngine:
    """pyoxigraph's in-memory store, filled before the workers fork (they share it copy-on-write)."""

    name = "oxigraph"

    def __init__(self, dataset: Dataset, held: dict):
        from ..store import OxigraphStore

        self.held = held
        self.store = OxigraphStore.from_dataset(dataset).store
        self.fallback = RdflibEngine(dataset, held)
        import pyoxigraph
        self.ox = pyoxigraph
        self.prefixes = {k: str(v) for k, v in PREFIXES.items()}

    def evaluate(self, text: str, prepared, bindings: dict, default_graphs: list[str],
                 named_graphs: list[str]) -> Evaluated:
        if len(set(default_graphs)) > 1:
            # Oxigraph's union of several default graphs repeats a triple held by two of them, where SPARQL
            # (and rdflib) merge: rare, so answer it with rdflib rather than differently
            return self.fallback.evaluate(text, prepared, bindings, default_graphs, named_graphs)
        from ..store import from_ox, to_ox

        ox = self.ox
        form = prepared.algebra.name.replace("Query", "").upper()
        options: dict = {"prefixes": self.prefixes,
                         "substitutions": {ox.Variable(str(k)): to_ox(ox, v) for k, v in bindings.items()}}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if default_graphs or named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        answer = self.store.query(text, **options)
        if isinstance(answer, ox.QueryBoolean):
            return Evaluated("ASK", [], None, bool(answer), None)
        if isinstance(answer, ox.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in answer:
                graph.add((from_ox(ox, triple.subject), from_ox(ox, triple.predicate),
                           normal(from_ox(ox, triple.object))))
            return Evaluated(form, [], None, None, graph)
        variables = [v.value for v in answer.variables]
        rows = (tuple(normal(from_ox(ox, solution[i])) for i in range(len(variables))) for solution in answer)
        return Evaluated("SELECT", variables, rows, None, None)


def make_engine(kind: str, dataset: Dataset, held: dict):
    if kind == "rdflib":
        return RdflibEngine(dataset, held)
    if kind == "oxigraph":
        return OxigraphEngine(dataset, held)
    raise ValueError(f"unknown engine {kind!r}; use one of {', '.join(ENGINES)}")


def take(rows: Iterator[tuple], cap: int) -> tuple[list[tuple], bool]:
    """At most ``cap`` rows, and whether there were more (evaluation stops at cap + 1)."""
    kept = list(islice(rows, cap + 1))
    return kept[:cap], len(kept) > cap
