"""Where queries run: a small interface with an rdflib and an Oxigraph implementation.

rdflib answers from the Dataset the pipeline builds; Oxigraph (pyoxigraph, embedded) holds a copy loaded
from N-Quads and answers 10-1000x faster. Both return wbkg.results.Result, so formats and golden results
do not depend on the store. Parameters are bound by the engine (rdflib initBindings, Oxigraph
substitutions), never by editing the query text; Oxigraph binds only projected variables, so stored
queries project their parameters. A remote SPARQL 1.1 store would be a third implementation of QueryStore.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef

from .namespaces import bind_prefixes
from .results import Result, from_rdflib, normal

STORES = ("oxigraph", "rdflib")


class QueryStore(Protocol):
    name: str

    def query(self, text: str, prepared, bindings: dict) -> Result: ...

    def __len__(self) -> int: ...


class RdflibStore:
    name = "rdflib"

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def query(self, text: str, prepared, bindings: dict) -> Result:
        return from_rdflib(self.dataset.query(prepared, initBindings=bindings))

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())


class OxigraphStore:
    name = "oxigraph"

    def __init__(self, path: Path | None = None):
        import pyoxigraph
        self._ox = pyoxigraph
        self.store = pyoxigraph.Store(str(path)) if path is not None else pyoxigraph.Store()

    @classmethod
    def from_dataset(cls, dataset: Dataset, path: Path | None = None, snapshot=None) -> "OxigraphStore":
        """Load every named graph, and their merge as the default graph.

        The merge is stored, not computed with use_default_graph_as_union: Oxigraph's union repeats a
        triple once per graph that holds it, where SPARQL's RDF merge (and rdflib) hold it once.
        """
        from .export.rdflib_dataset import Snapshot, serialize_dataset
        snapshot = snapshot or Snapshot(dataset)
        return cls.from_exports(serialize_dataset(dataset, "nquads", snapshot).encode("utf-8"),
                                serialize_dataset(dataset, "nt", snapshot).encode("utf-8"), path)

    @classmethod
    def from_exports(cls, nquads: bytes, merge: bytes, path: Path | None = None) -> "OxigraphStore":
        """Load the N-Quads export (every named graph) and the N-Triples export (their merge, as the default
        graph): the same store as ``from_dataset`` on the dataset they were exported from."""
        store = cls(path)
        ox = store._ox
        store.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.store.bulk_load(merge, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        return store

    def query(self, text: str, prepared, bindings: dict) -> Result:
        ox = self._ox
        substitutions = {ox.Variable(str(name)): to_ox(ox, value) for name, value in bindings.items()}
        answer = self.store.query(text, substitutions=substitutions)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", [], [], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in answer:
                graph.add((from_ox(ox, triple.subject), from_ox(ox, triple.predicate),
                           normal(from_ox(ox, triple.object))))
            return Result(prepared.algebra.name.replace("Query", "").upper(), [], [], graph=graph)
        variables = [v.value for v in answer.variables]
        rows = [tuple(normal(from_ox(ox, solution[i])) for i in range(len(variables))) for solution in answer]
        return Result("SELECT", variables, rows)

    def __len__(self) -> int:
        return len(self.store)


def to_ox(ox, term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(ox, term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected Oxigraph term {term!r}")
