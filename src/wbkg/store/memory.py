"""The rdflib backend: a Dataset in memory and rdflib's SPARQL engine, the reference the Oxigraph answers
are checked against (tests/store) and ``wbkg query --store rdflib``."""
from __future__ import annotations

from rdflib import Dataset

from ..vocab.namespaces import bind_prefixes
from ..query.results import Result, from_rdflib


class RdflibStore:
    name = "rdflib"

    def __init__(self, dataset: Dataset | None = None):
        self.dataset = dataset if dataset is not None else bind_prefixes(Dataset(default_union=True))

    @classmethod
    def from_exports(cls, nquads: bytes, merge: bytes | None = None, path=None) -> "RdflibStore":
        """Every named graph from N-Quads; the default graph is their union (rdflib's default_union), so the
        merge is not needed."""
        store = cls()
        store.dataset.parse(data=nquads, format="nquads")
        return store

    def query(self, text: str, prepared=None, bindings: dict | None = None) -> Result:
        if prepared is None:
            from ..query.prepare import prepare
            prepared = prepare(text)
        return from_rdflib(self.dataset.query(prepared, initBindings=bindings or {}))

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())

    def close(self) -> None:
        self.dataset = None
