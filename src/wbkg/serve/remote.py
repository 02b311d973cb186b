"""Serving over a remote SPARQL 1.1 store (``wbkg serve --backend URL``): the pages' reader and the /sparql
engine ask the store at that URL, and nothing else. A protocol query is parsed and refused in front of it as
it is in front of the build's store (updates, SERVICE, FROM or named graphs it does not hold); the store sees wbkg's graphs
only (``named-graph-uri``), and parameters travel as a VALUES block of serialised terms."""
from __future__ import annotations

from rdflib import Graph

from ..query.results import normal
from ..store import backend
from ..store.terms import from_ox
from ..vocab.namespaces import bind_prefixes
from .engine import Evaluated
from .reader import QUERY_PREFIXES, NotAnIri, StoreReader


def open_remote(url: str, merge_graph: str | None, include_drafts: bool = False):
    """The remote store at ``url`` (the only address the server will contact)."""
    return backend("remote")(url, merge_graph=merge_graph, include_drafts=include_drafts, parameter="--backend")


class _Graphs:
    """What pages ask of ``reader.store`` directly: which named graphs there are (wbkg's, drafts included)."""

    def __init__(self, remote):
        import pyoxigraph
        self._all = [pyoxigraph.NamedNode(g) for g in
                     open_remote(remote.endpoint, remote.merge_graph, include_drafts=True).named_graphs()]

    def named_graphs(self):
        return iter(self._all)

    def contains_named_graph(self, node) -> bool:
        return node in self._all


class RemoteReader(StoreReader):
    """StoreReader's interface (select, raw, ask, value, quads, holds_graph, graph_names) over a remote store."""
    remote = True

    def __init__(self, remote, drafts: bool = False):
        import pyoxigraph
        self.backend = remote
        self.store = _Graphs(remote)
        self.drafts = drafts
        self.ox = pyoxigraph
        self.graphs = frozenset(remote.named_graphs())

    def _run(self, text: str, bindings: dict):
        try:
            return self.backend.solutions(text, bindings, QUERY_PREFIXES)
        except ValueError as exc:    # a term from the request that is no IRI
            raise NotAnIri(str(exc)) from exc

    def holds_graph(self, iri: str) -> bool:
        return iri in self.backend.named_graphs()

    def graph_names(self) -> list[str]:
        return list(self.backend.named_graphs())


class RemoteEngine:
    name = "remote"

    def __init__(self, remote):
        self.remote = remote

    def evaluate(self, text: str, prepared, bindings: dict, dataset: tuple[list[str], list[str]] | None) -> Evaluated:
        """The request's dataset (default-graph-uri / named-graph-uri, or the query's FROM / FROM NAMED; already
        checked against the graphs held) is passed on as protocol parameters, which take precedence over the
        query's clauses; without one, the store's dataset for wbkg."""
        remote = self.remote
        if dataset is not None:
            remote = _with_dataset(self.remote, *dataset)
        form = prepared.algebra.name.replace("Query", "").upper()
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = bind_prefixes(Graph())
            for t in remote.triples(text, bindings, QUERY_PREFIXES):
                graph.add((from_ox(t.subject), from_ox(t.predicate), normal(from_ox(t.object))))
            return Evaluated(form, [], None, None, graph)
        answer = remote.solutions(text, bindings, QUERY_PREFIXES)
        if isinstance(answer, self.remote_boolean()):
            return Evaluated("ASK", [], None, bool(answer), None)
        variables = [v.value for v in answer.variables]
        rows = (tuple(normal(from_ox(s[i])) for i in range(len(variables))) for s in answer)
        return Evaluated("SELECT", variables, rows, None, None)

    @staticmethod
    def remote_boolean():
        import pyoxigraph
        return pyoxigraph.QueryBoolean


def _with_dataset(remote, default_graphs: list[str], named_graphs: list[str]):
    """A view of ``remote`` whose queries name this dataset instead of wbkg's."""
    class View(type(remote)):
        def _dataset(self):
            return [("default-graph-uri", g) for g in default_graphs] + \
                   [("named-graph-uri", g) for g in named_graphs]
    view = View.__new__(View)
    view.__dict__.update(remote.__dict__)
    return view
