"""Running a stored or ad-hoc query on the loaded graph."""
from __future__ import annotations

from rdflib import Graph

from .load import Loaded
from .namespaces import GRAPH
from .queries import StoredQuery
from .results import Result

INFERRED_GRAPH = GRAPH["inferred"]


def add_inferred(loaded: Loaded) -> Graph:
    """Materialise the OWL 2 RL closure of ontology + content into graph:inferred (only the new triples)."""
    from .reason import materialise
    from .validate import data_graph

    target = loaded.graph(INFERRED_GRAPH)
    if len(target):
        return target
    base = data_graph(loaded)
    for triple in materialise(base):
        if triple not in base:
            target.add(triple)
    return target


def store_for(loaded: Loaded, kind: str = "oxigraph"):
    """The query store for a loaded graph, built once and kept on it (rebuilt after --inferred adds triples)."""
    from .store import OxigraphStore, RdflibStore

    cache = loaded.__dict__.setdefault("_stores", {})
    size = sum(len(g) for g in loaded.dataset.graphs())
    cached = cache.get(kind)
    if cached is not None and cached[0] == size:
        return cached[1]
    store = (OxigraphStore.from_dataset(loaded.dataset, snapshot=loaded.snapshot()) if kind == "oxigraph"
             else RdflibStore(loaded.dataset))
    cache[kind] = (size, store)
    return store


def run(loaded: Loaded, query: StoredQuery, params: dict[str, str], *, inferred: bool = False,
        store: str = "oxigraph") -> Result:
    """Run ``query`` with ``params`` bound by the engine; ``store`` is oxigraph (default) or rdflib."""
    bindings = query.bindings(params)
    if inferred:
        add_inferred(loaded)
    return store_for(loaded, store).query(query.text, query.prepared, bindings)
