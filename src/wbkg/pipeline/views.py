"""Views of the build's store, sharing one pyoxigraph Store: what readers see (reviewed facts, or with the
drafts, or with the closure) and what the build's checks read (everything, drafts included)."""
from __future__ import annotations

from ..vocab.namespaces import DRAFT_GRAPH, DRAFTS_GRAPH, INFERRED_GRAPH


def store_view(store, *, inferred: bool = False, include_drafts: bool = False):
    """A view of an opened build store, sharing its pyoxigraph Store (nothing is opened again): reviewed facts
    only, or with the drafts (their graphs, and their own triples in the default graph); the closure with
    ``inferred``. The server holds both views of the one read-only store."""
    names = [g.value for g in store.store.named_graphs()]
    drafts = any(iri.startswith(str(DRAFT_GRAPH)) for iri in names)
    union = ([INFERRED_GRAPH] if inferred else []) + ([DRAFTS_GRAPH] if include_drafts and drafts else [])
    view = type(store)(_store=store.store, union_with=union)
    if drafts or (str(INFERRED_GRAPH) in names and not inferred):
        # GRAPH ?g ranges over the published graphs: not the closure an earlier --inferred query left, not
        # graph:drafts (a view, not a source), and the drafts' graphs only when asked for
        def shown(iri: str) -> bool:
            if iri == str(DRAFTS_GRAPH) or (iri == str(INFERRED_GRAPH) and not inferred):
                return False
            return include_drafts or not iri.startswith(str(DRAFT_GRAPH))
        view = view.restricted([iri for iri in names if shown(iri)])
    return view
