"""Stage ``export``: the reports, the figures and, when every check passed, the exports (wbkg.composed: per-graph
blocks and subject-aligned chunks of the sorted merge, so that a rebuild writes only the changed pieces);
then the manifest the next build compares with."""
from __future__ import annotations

import json
import os

from ..composed import Serialisers, index_state, splice_graphs, splice_merge, write_graphs, write_merge
from ..export import jsonld_context
from ..fileio import atomic_write_text
from ..namespaces import GRAPH
from .manifest import CODE_VERSION, clear_pending, scale_dir, write_manifest
from .pieces import article_lines, piece_graphs, with_view
from .state import BuildResult, BuildState
from .stats import compute as compute_stats

NAME = "export"
EXPORT_NAME = "wbkg"


def output_path(project, fmt: str):
    from ..export import FORMATS
    return project.build_dir / f"{EXPORT_NAME}.{FORMATS[fmt][0]}"


def write_reports(state: BuildState) -> BuildResult:
    """The reports (always: they explain a failure) and the figures; the result of the build so far."""
    checks, project = state.checks, state.project
    result = BuildResult(checks, timings=state.timings, redone=state.todo,
                         reused=len(state.stems) - len(state.todo))
    result.stats = compute_stats(state.shared, state.ctx.entities, state.stems, state.summaries)
    build_dir = project.build_dir
    atomic_write_text(build_dir / "shacl-report.ttl", checks.shacl.graph.serialize(format="turtle"))
    atomic_write_text(build_dir / "shacl-report.txt", checks.shacl.text)
    atomic_write_text(build_dir / "check-report.txt", checks.render())
    atomic_write_text(scale_dir(project) / "stats.json", json.dumps(result.stats, indent=1, sort_keys=True) + "\n")
    result.reports += [build_dir / "shacl-report.ttl", build_dir / "shacl-report.txt", build_dir / "check-report.txt"]
    return result


def run(state: BuildState) -> None:
    """Publish the exports if every check passed, then record what this build saw."""
    project, result = state.project, state.result
    previous_state = state.manifest.get("state")
    exports_state = previous_state if state.change is not None and state.change.empty else os.urandom(8).hex()
    if state.checks.ok:
        result.outputs = write_exports(project, state.stems, state.articles_dir, state.shared, result.stats,
                                       change=state.change, previous_state=previous_state, state=exports_state)
    (scale_dir(project) / "merge.nt").unlink(missing_ok=True)
    summaries = state.summaries
    write_manifest(project, {
        "code": CODE_VERSION, "ontology": state.ctx.ontology_hash, "shapes": state.ctx.shapes_hash,
        "state": exports_state, "files": state.files, "ok": state.checks.ok,
        "articles": {s: {"key": summaries[s]["key"], "lines": summaries[s]["lines"], "stat": summaries[s]["stat"]}
                     for s in state.stems},
        "inferred": False})  # the closure for --inferred is materialised by the first such query
    clear_pending(scale_dir(project))


def serialisers():
    """The Turtle / TriG / JSON-LD settings of the exports: the project's prefixes and @context."""
    prefixes = {k: v for k, v in jsonld_context().items() if isinstance(v, str) and not k.startswith("@")}
    head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1, sort_keys=True)
    return Serialisers(prefixes, head[:-2] + ',\n "@graph": [\n')


def write_exports(project, stems, folder, shared: dict, stats, *, change=None, previous_state=None, state=""):
    """Write every format from the sorted per-graph pieces (see composed.py); return the paths. After an
    incremental build whose predecessor published its exports, only the changed graphs and the chunks of the
    merge that the change falls in are written anew; everything else is copied from the previous files."""
    ser = serialisers()
    graph_paths = {"nq": output_path(project, "nquads"), "trig": output_path(project, "trig")}
    merge_paths = {"nt": output_path(project, "nt"), "ttl": output_path(project, "turtle"),
                   "jsonld": output_path(project, "json-ld")}
    graph_index, merge_index = scale_dir(project) / "export-graphs.json", scale_dir(project) / "export-merge.json"
    names = piece_graphs()
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
    path = scale_dir(project) / "merge.nt"
    if path.exists():
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    core = (scale_dir(project) / "merge-without-view.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    return with_view(core, shared["schema-view"])
