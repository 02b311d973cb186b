"""Stage ``store``: the persistent Oxigraph store under build/oxigraph/ holds every named graph and their
merge as the default graph. A full build bulk-loads it; an incremental build applies the difference
(store/diff.py): the changed lines of each changed graph, then the merge repaired for the triples concerned.
The merge without the schema view, which SHACL reads (build/scale/merge-without-view.nt), is spliced the
same way."""
from __future__ import annotations

import os
import shutil

from rdflib.plugins.serializers.nquads import _nq_row

from ..vocab.namespaces import ENTITIES_GRAPH, GRAPH, INFERRED_GRAPH, SCHEMA_VIEW_GRAPH
from ..store import backend
from ..store.diff import NotIncremental, apply
from .manifest import core_file, core_index, mark_pending, merge_file, pieces_dir, save_pieces, scale_dir, store_dir
from .pieces import article_lines, corpus_piece, merged_triples, piece_graphs, schema_view_piece, with_view
from .state import BuildState

NAME = "store"


def run(state: BuildState) -> None:
    from ..export.composed import splice_merge, write_merge
    from ..export.serialisers import serialisers
    project, folder, ctx = state.project, state.articles_dir, state.ctx
    view_lines = schema_view_piece(ctx.view, ctx.entities, ctx.metadata, state.stems, folder)
    state.shared = {"ontology": state.ontology_lines,
                    "entities": sorted({_nq_row(t, ENTITIES_GRAPH) for t in ctx.entities}),
                    "corpus": corpus_piece(ctx.metadata, state.stems, folder), "schema-view": view_lines}
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
        # the merge (every triple once, sorted N-Triples): the store's default graph, the global SHACL input
        # (without the schema view) and the N-Triples / Turtle / JSON-LD exports are all made from it
        lines = merged_triples({k: v for k, v in state.shared.items() if k != "schema-view"}, state.stems, folder)
        write_merge(lines, {"nt": core}, index, ser)
        merged = with_view(lines, view_lines)
        del lines
        state.store = load_store(state, merged)
        del merged  # on disk (build/scale/merge.nt) until the exports are written
    save_pieces(pieces_dir(project), state.shared)


def load_store(state: BuildState, merged: list[str]):
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
        for lines in state.shared.values():
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
    change = apply(store, old, new, str(SCHEMA_VIEW_GRAPH), str(INFERRED_GRAPH))
    return store, change
