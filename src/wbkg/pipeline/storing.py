"""Stage ``store``: the persistent Oxigraph store under build/oxigraph/ holds every named graph and the merge
of the reviewed ones as the default graph (the drafts' own triples in graph:drafts). A full build bulk-loads it; an incremental build applies the difference
(store/diff.py): the changed lines of each changed graph, then the merge repaired for the triples concerned.
The merge without the derived graphs (schema view, entailments), which SHACL reads (build/scale/merge-without-view.nt), is spliced the
same way."""
from __future__ import annotations

import heapq
import os
import shutil

from rdflib.plugins.serializers.nquads import _nq_row

from ..corpus import is_draft
from ..vocab.namespaces import DERIVED_GRAPHS, DRAFT_GRAPH, DRAFTS_GRAPH, ENTITIES_GRAPH, GRAPH, INFERRED_GRAPH
from ..store import backend
from ..store.diff import NotIncremental, apply
from .manifest import DERIVED, core_file, core_index, mark_pending, merge_file, pieces_dir, save_pieces, scale_dir, store_dir
from .pieces import (article_lines, corpus_piece, entailments_piece, extras, merged_triples, piece_graphs,
                     schema_view_piece, with_view)
from .state import BuildState
from .views import store_view

NAME = "store"


def run(state: BuildState) -> None:
    from ..export.composed import splice_merge, write_merge
    from ..export.serialisers import serialisers
    project, folder, ctx = state.project, state.articles_dir, state.ctx
    added = extras(folder, state.stems)
    view_lines = schema_view_piece(ctx.view, ctx.entities, ctx.metadata, added)
    state.shared = {"ontology": state.ontology_lines,
                    "entities": sorted({_nq_row(t, ENTITIES_GRAPH) for t in ctx.entities}),
                    "corpus": corpus_piece(ctx.metadata, added), "schema-view": view_lines,
                    "entailments": entailments_piece(ctx.entailments, ctx.entities, ctx.metadata, state.stems,
                                                     added, state.summaries)}
    del added
    core, index = core_file(project), core_index(project)
    ser = serialisers()
    mark_pending(scale_dir(project))
    state.change = None
    if state.can_increment:
        try:
            state.store, state.change = update_store(state)
        except NotIncremental:
            state.change = None
        else:
            if not state.change.empty:
                splice_merge(index, {"nt": core}, {"nt": core}, state.change.core_added,
                             state.change.core_removed, ser)
    if state.change is None:
        # the merge of the reviewed graphs (every triple once, sorted N-Triples): the store's default graph
        # and the N-Triples / Turtle / JSON-LD exports are made from it; with the drafts' triples and without
        # the schema view, it is what the checks read (SHACL, HermiT)
        reviewed = [u for u in state.stems if not is_draft(u)]
        lines = merged_triples({k: v for k, v in state.shared.items() if k not in DERIVED}, reviewed, folder)
        merged = with_view(lines, [line for k in DERIVED for line in state.shared[k]])
        draft_lines = merged_triples({}, [u for u in state.stems if is_draft(u)], folder)
        write_merge(list(heapq.merge(lines, sorted(set(draft_lines).difference(lines)))), {"nt": core}, index, ser)
        del lines
        drafts_only = sorted(set(draft_lines).difference(merged)) if draft_lines else []
        state.store = load_store(state, merged, [line[:-3] + f" <{DRAFTS_GRAPH}> .\n" for line in drafts_only])
        del merged  # on disk (build/scale/merge.nt) until the exports are written
    save_pieces(pieces_dir(project), state.shared)


def load_store(state: BuildState, merged: list[str], drafts_only: list[str]):
    """A new persistent store: every named graph, and their merge as the default graph, each bulk-loaded
    from one file (one call per kind of data: each call writes its own files, so one per article would not
    do; files, not strings, so that the text is not held in memory twice)."""
    import pyoxigraph as ox
    from ..fileio import AtomicFile

    project, folder = state.project, state.articles_dir
    path = store_dir(project)
    if path.exists():
        shutil.rmtree(path)
    store = backend("oxigraph")(path)
    quads, merge = scale_dir(project) / "store-input.nq", merge_file(project)
    with AtomicFile(quads) as out:
        for lines in (*state.shared.values(), drafts_only):
            out.write("".join(lines).encode("utf-8"))
        for stem in state.stems:
            with open(folder / f"{stem}.nq", "rb") as handle:
                out.copy_from(handle, 0, os.fstat(handle.fileno()).st_size)
                out.flush_copies()  # before the file is closed
    with AtomicFile(merge) as out:
        for i in range(0, len(merged), 100_000):
            out.write("".join(merged[i:i + 100_000]).encode("utf-8"))
    store.store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
    store.store.bulk_load(path=str(merge), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    quads.unlink()
    return store


def update_store(state: BuildState):
    """The persistent store brought up to date by difference: the shared graphs and the redone or removed
    articles. The closure for --inferred is stale: dropped (the next --inferred query rebuilds it)."""
    import pyoxigraph as ox

    store = backend("oxigraph")(store_dir(state.project))
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    if store.store.contains_named_graph(inferred):
        store.store.remove_graph(inferred)
    names = piece_graphs()
    old = {names[n]: state.previous_pieces[n] for n in names}
    new = {names[n]: state.shared[n] for n in names}
    for stem in state.removed:
        old[str(GRAPH[stem])] = state.old_lines.get(str(GRAPH[stem]), [])
    for stem in state.todo:
        if str(GRAPH[stem]) in state.old_lines:
            old[str(GRAPH[stem])] = state.old_lines[str(GRAPH[stem])]
        new[str(GRAPH[stem])] = article_lines(state.articles_dir, stem)
    change = apply(store, old, new, [str(g) for g in DERIVED_GRAPHS], str(INFERRED_GRAPH), str(DRAFTS_GRAPH),
                   str(DRAFT_GRAPH))
    return store, change



def checking_view(store):
    """The store as the checks read it: the merge of everything, drafts included (the default graph and
    graph:drafts), with ``GRAPH ?g`` over the article graphs and shared graphs, not graph:drafts."""
    return store_view(store, include_drafts=True)
