"""SPARQL on the build's store, as the pages ask it: the project prefixes predefined, parameters bound as
terms by the engine (Oxigraph substitutes only projected variables, so every query projects what it binds),
answers as rdflib terms (not normalised as the endpoint's are: a page shows a literal's own datatype)."""
from __future__ import annotations

import re
from typing import Iterable

from rdflib import Dataset, URIRef

from ..query.prepare import STANDARD_PREFIXES
from ..store.terms import from_ox, to_ox
from ..vocab.namespaces import INFERRED_GRAPH, bind_prefixes

QUERY_PREFIXES = STANDARD_PREFIXES   # the same as `wbkg query` and the endpoint predefine
#: what an IRI may not contain (RFC 3987 / SPARQL IRIREF): checked before an IRI from the store is written
#: into a VALUES block
IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
VALUES_CHUNK = 400


class NotAnIri(ValueError):
    """A parameter made from the request (a path) that Oxigraph does not take as an IRI: nothing is there."""


def values(var: str, iris: Iterable) -> str:
    """A VALUES block of IRIs that came out of the store (never of user input: that is bound)."""
    cells = " ".join(f"<{i}>" for i in iris if isinstance(i, URIRef) and IRI_CHARS.fullmatch(str(i)))
    return f"VALUES ?{var} {{ {cells} }}"


def chunks(items: list, size: int = VALUES_CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class StoreReader:
    def __init__(self, backend, drafts: bool = False):
        import pyoxigraph

        self.backend = backend           # a view of the build's store (store.OxigraphStore): what describe.py takes
        self.store = backend.store       # the pyoxigraph.Store, shared by the reviewed and the drafts view
        self.drafts = drafts             # whether this view shows the drafts
        self.ox = pyoxigraph
        # the graphs GRAPH ?g ranges over (the list is taken once: the store is read-only while serving)
        self.graphs = frozenset(g for g in backend.graph_names() if g != str(INFERRED_GRAPH))

    def _run(self, text: str, bindings: dict):
        ox = self.ox
        try:
            substitutions = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        except ValueError as exc:
            raise NotAnIri(str(exc)) from exc
        return self.backend.raw_query(text, prefixes=QUERY_PREFIXES, substitutions=substitutions)

    def select(self, text: str, **bindings) -> list[dict]:
        """Rows of a SELECT as {variable: term}; unbound variables are absent."""
        answer = self._run(text, bindings)
        names = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = {}
            for i, name in enumerate(names):
                term = solution[i]
                if term is not None:   # as stored: pages show a literal's own datatype
                    row[name] = from_ox(term)
            rows.append(row)
        return rows

    def raw(self, text: str, **bindings) -> list[tuple]:
        """Rows of a SELECT as tuples of pyoxigraph terms: for the queries that return a row per fact of the
        store and use a few of them (turning each term into an rdflib one costs more than the query)."""
        return [tuple(solution) for solution in self._run(text, bindings)]

    def ask(self, text: str, **bindings) -> bool:
        return bool(self._run(text, bindings))

    def value(self, text: str, default=None, **bindings):
        """The first column of the first row, or ``default``."""
        rows = self.select(text, **bindings)
        return next(iter(rows[0].values()), default) if rows else default

    def quads(self, text: str, dataset: Dataset | None = None, **bindings) -> Dataset:
        """A SELECT ?g ?s ?p ?o as a Dataset (an unbound ?g is the default graph)."""
        ds = dataset if dataset is not None else bind_prefixes(Dataset())
        for row in self.select(text, **bindings):
            target = ds.graph(row["g"]) if "g" in row else ds.default_graph
            target.add((row["s"], row["p"], row["o"]))
        return ds

    def holds_graph(self, iri: str) -> bool:
        """Whether ``iri`` names a graph of this view (not the closure of --inferred, not graph:drafts, and a
        draft's graph only in the drafts view)."""
        return iri in self.graphs

    def graph_names(self) -> list[str]:
        return sorted(self.graphs)
