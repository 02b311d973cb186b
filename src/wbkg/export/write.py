"""The exports of a scalable build, written from its sorted per-graph pieces (see composed.py)."""
from __future__ import annotations

import json

from ..fileio import atomic_write_text
from .composed import index_state, splice_graphs, splice_merge, write_graphs, write_merge
from .publish import output_path
from .serialisers import serialisers


def write_exports(project, stems, folder, shared: dict, stats, *, change=None, previous_state=None, state=""):
    """Write every format from the sorted per-graph pieces (see composed.py); return the paths. After an
    incremental build whose predecessor published its exports, only the changed graphs and the chunks of the
    merge that the change falls in are written anew; everything else is copied from the previous files."""
    from ..scale import GRAPH, _piece_graphs, article_lines, scale_dir
    ser = serialisers()
    graph_paths = {"nq": output_path(project, "nquads"), "trig": output_path(project, "trig")}
    merge_paths = {"nt": output_path(project, "nt"), "ttl": output_path(project, "turtle"),
                   "jsonld": output_path(project, "json-ld")}
    graph_index, merge_index = scale_dir(project) / "export-graphs.json", scale_dir(project) / "export-merge.json"
    names = _piece_graphs()
    pieces = {names[name]: lines for name, lines in shared.items()}
    stem_of = {str(GRAPH[s]): s for s in stems}
    order = sorted(list(pieces) + list(stem_of))

    def graph_lines(iri):
        return pieces[iri] if iri in pieces else article_lines(folder, stem_of[iri])

    published = all(p.exists() for p in (*graph_paths.values(), *merge_paths.values()))
    if change is not None and published and index_state(graph_index) == previous_state \
            and index_state(merge_index) == previous_state:
        if not change.empty:
            changed = {iri: graph_lines(iri) for iri in change.graphs if iri in pieces or iri in stem_of}
            splice_graphs(graph_index, graph_paths, graph_paths, order, changed, ser, state)
            splice_merge(merge_index, merge_paths, merge_paths, change.merge_added, change.merge_removed, ser, state)
    else:
        write_graphs(((iri, graph_lines(iri)) for iri in order), graph_paths, graph_index, ser, state)
        write_merge(merge_lines(project, shared), merge_paths, merge_index, ser, state)
    stats_path = project.build_dir / "stats.json"
    atomic_write_text(stats_path, json.dumps(stats, indent=1, sort_keys=True) + "\n")
    return [graph_paths["nq"], merge_paths["nt"], merge_paths["ttl"], graph_paths["trig"], merge_paths["jsonld"],
            stats_path]


def merge_lines(project, shared: dict) -> list[str]:
    """The merge as sorted N-Triples lines: the file a full build left (build/scale/merge.nt), else the merge
    SHACL reads (kept up to date by every build) with the schema view added."""
    from ..scale import scale_dir, with_view
    path = scale_dir(project) / "merge.nt"
    if path.exists():
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    core = (scale_dir(project) / "merge-without-view.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    return with_view(core, shared["schema-view"])
