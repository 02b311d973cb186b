"""The exports of a scalable build, written from its sorted per-graph pieces (see composed.py) into a new
generation, which is then published (see publish.py)."""
from __future__ import annotations

import json

from ..fileio import atomic_write_bytes
from .composed import GRAPH_FORMATS, MERGE_FORMATS, index_state, splice_graphs, splice_merge, write_graphs, \
    write_merge
from .formats import STATS_NAME, format_of_extension
from .publish import checkpoint, current_generation, link_or_copy, new_generation, output_path, switch
from .serialisers import serialisers

GRAPH_INDEX, MERGE_INDEX = "index-graphs.json", "index-merge.json"


def write_exports(project, stems, folder, shared: dict, stats, *, change=None, previous_state=None, state=""):
    """Write every format from the sorted per-graph pieces and publish them with stats.json as a new
    generation; return the (stable) paths. After an incremental build whose predecessor published the
    current generation, only the changed graphs and the chunks of the merge that the change falls in are
    written anew; everything else is copied from the current generation's files (copy_file_range). When
    nothing changed, the current generation stays."""
    from ..scale import GRAPH, _piece_graphs, article_lines
    ser = serialisers()
    names = _piece_graphs()
    pieces = {names[name]: lines for name, lines in shared.items()}
    stem_of = {str(GRAPH[s]): s for s in stems}
    order = sorted(list(pieces) + list(stem_of))

    def graph_lines(iri):
        return pieces[iri] if iri in pieces else article_lines(folder, stem_of[iri])

    outputs = [output_path(project, fmt) for fmt in ("nquads", "nt", "turtle", "trig", "json-ld")]
    outputs.append(project.build_dir / STATS_NAME)
    stats_bytes = (json.dumps(stats, indent=1, sort_keys=True) + "\n").encode("utf-8")
    previous = current_generation(project)
    splice = change is not None and previous is not None and previous_state is not None \
        and index_state(previous / GRAPH_INDEX) == previous_state \
        and index_state(previous / MERGE_INDEX) == previous_state
    if splice and change.empty and (previous / STATS_NAME).read_bytes() == stats_bytes:
        return outputs

    generation = new_generation(project)
    checkpoint("before-write")

    def files(folder, kinds):
        return {ext: output_path(project, format_of_extension(ext), folder) for ext in kinds}
    graph_paths, merge_paths = files(generation, GRAPH_FORMATS), files(generation, MERGE_FORMATS)
    if splice and change.empty:
        for name in [p.name for p in (*graph_paths.values(), *merge_paths.values())] + [GRAPH_INDEX, MERGE_INDEX]:
            link_or_copy(previous / name, generation / name)  # never modified in place: sharing is safe
    elif splice:
        changed = {iri: graph_lines(iri) for iri in change.graphs if iri in pieces or iri in stem_of}
        splice_graphs(previous / GRAPH_INDEX, files(previous, GRAPH_FORMATS), graph_paths, order, changed, ser,
                      state, new_index_path=generation / GRAPH_INDEX)
        checkpoint("mid-write")
        splice_merge(previous / MERGE_INDEX, files(previous, MERGE_FORMATS), merge_paths, change.merge_added,
                     change.merge_removed, ser, state, new_index_path=generation / MERGE_INDEX)
    else:
        write_graphs(((iri, graph_lines(iri)) for iri in order), graph_paths, generation / GRAPH_INDEX, ser, state)
        checkpoint("mid-write")
        write_merge(merge_lines(project, shared), merge_paths, generation / MERGE_INDEX, ser, state)
    atomic_write_bytes(generation / STATS_NAME, stats_bytes)
    switch(project, generation)
    return outputs


def merge_lines(project, shared: dict) -> list[str]:
    """The merge as sorted N-Triples lines: the file a full build left (build/scale/merge.nt), else the merge
    SHACL reads (kept up to date by every build) with the schema view added."""
    from ..scale import scale_dir, with_view
    path = scale_dir(project) / "merge.nt"
    if path.exists():
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    core = (scale_dir(project) / "merge-without-view.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    return with_view(core, shared["schema-view"])
