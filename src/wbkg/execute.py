"""Running a stored or ad-hoc query on the loaded graph."""
from __future__ import annotations

from rdflib import Graph

from .load import Loaded
from .namespaces import GRAPH
from .queries import StoredQuery
from .results import Result, from_rdflib

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


def run(loaded: Loaded, query: StoredQuery, params: dict[str, str], *, inferred: bool = False) -> Result:
    bindings = query.bindings(params)
    if inferred:
        add_inferred(loaded)
    result = loaded.dataset.query(query.prepared, initBindings=bindings)
    return from_rdflib(result)
