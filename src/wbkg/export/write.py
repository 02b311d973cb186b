"""The exports of a build, written from its sorted per-graph pieces (see composed.py) into a new
generation, which is then published (see publish.py)."""
from __future__ import annotations

import json

from ..fileio import atomic_write_bytes
from .composed import GRAPH_FORMATS, MERGE_FORMATS, index_state, splice_graphs, splice_merge, write_graphs, \
    write_merge
from .formats import DATASET_FORMATS, STATS_NAME, drafts_file_name, extension, format_of_extension
from .publish import checkpoint, current_generation, link_or_copy, new_generation, output_path, switch
from .serialisers import serialisers

GRAPH_INDEX, MERGE_INDEX, DRAFTS_INDEX = "index-graphs.json", "index-merge.json", "index-drafts.json"


def write_exports(project, order: list[str], graph_lines, merge_lines, stats, *, change=None, previous_state=None,
                  state="", drafts=()):
    """Write every format from the sorted pieces and publish them with stats.json as a new generation; return
    the (stable) paths. ``order``: the named graphs' IRIs, sorted; ``graph_lines(iri)``: a graph's sorted
    N-Quads lines; ``merge_lines()``: the merge's sorted N-Triples lines. After an incremental build whose
    predecessor published the current generation, only the changed graphs and the chunks of the merge that
    the change falls in are written anew; everything else is copied from the current generation's files
    (copy_file_range). When nothing changed, the current generation stays. ``drafts``: the drafts' IRIs,
    sorted, written whole (they are few) to ``wbkg-drafts.<ext>`` in the dataset formats."""
    ser = serialisers()
    known = set(order)

    outputs = [output_path(project, fmt) for fmt in ("nquads", "nt", "turtle", "trig", "json-ld")]
    outputs += [project.build_dir / drafts_file_name(fmt) for fmt in DATASET_FORMATS]
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
        changed = {iri: graph_lines(iri) for iri in change.graphs if iri in known}
        splice_graphs(previous / GRAPH_INDEX, files(previous, GRAPH_FORMATS), graph_paths, order, changed, ser,
                      state, new_index_path=generation / GRAPH_INDEX)
        checkpoint("mid-write")
        splice_merge(previous / MERGE_INDEX, files(previous, MERGE_FORMATS), merge_paths, change.merge_added,
                     change.merge_removed, ser, state, new_index_path=generation / MERGE_INDEX)
    else:
        write_graphs(((iri, graph_lines(iri)) for iri in order), graph_paths, generation / GRAPH_INDEX, ser, state)
        checkpoint("mid-write")
        write_merge(merge_lines(), merge_paths, generation / MERGE_INDEX, ser, state)
    write_graphs(((iri, graph_lines(iri)) for iri in drafts),
                 {extension(fmt): generation / drafts_file_name(fmt) for fmt in DATASET_FORMATS},
                 generation / DRAFTS_INDEX, ser, state)
    atomic_write_bytes(generation / STATS_NAME, stats_bytes)
    switch(project, generation)
    return outputs
