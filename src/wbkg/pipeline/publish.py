"""Stage ``export``: the reports, the figures and, when every check passed, the exports (wbkg.export: per-graph
blocks and subject-aligned chunks of the sorted merge, published as one generation, so that a rebuild writes
only the changed pieces); then the manifest the next build compares with."""
from __future__ import annotations

import json
import os

from ..corpus import is_draft
from ..export.write import write_exports
from ..fileio import atomic_write_text
from ..vocab.namespaces import GRAPH
from .manifest import CODE_VERSION, DERIVED, clear_pending, core_file, merge_file, scale_dir, stats_file, write_manifest
from .pieces import article_lines, merged_triples, piece_graphs, with_view
from .state import BuildResult, BuildState
from .stats import compute as compute_stats

NAME = "export"


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
    atomic_write_text(stats_file(project), json.dumps(result.stats, indent=1, sort_keys=True) + "\n")
    result.reports += [build_dir / "shacl-report.ttl", build_dir / "shacl-report.txt", build_dir / "check-report.txt"]
    return result


def run(state: BuildState) -> None:
    """Publish the exports if every check passed, then record what this build saw."""
    project, result = state.project, state.result
    previous_state = state.manifest.get("state")
    exports_state = previous_state if state.change is not None and state.change.empty else os.urandom(8).hex()
    if state.checks.ok:
        names = piece_graphs()
        pieces = {names[name]: lines for name, lines in state.shared.items()}
        stem_of = {str(GRAPH[s]): s for s in state.stems}
        drafts = sorted(iri for iri, unit in stem_of.items() if is_draft(unit))

        def graph_lines(iri):
            return pieces[iri] if iri in pieces else article_lines(state.articles_dir, stem_of[iri])
        result.outputs = write_exports(project, sorted(set([*pieces, *stem_of]).difference(drafts)), graph_lines,
                                       lambda: merge_lines(project, state.shared, state.articles_dir, state.stems), result.stats,
                                       change=state.change, previous_state=previous_state, state=exports_state,
                                       drafts=drafts)
    merge_file(project).unlink(missing_ok=True)
    summaries = state.summaries
    write_manifest(project, {
        "code": CODE_VERSION, "ontology": state.ctx.ontology_hash, "shapes": state.ctx.shapes_hash,
        "state": exports_state, "files": state.files, "ok": state.checks.ok,
        "articles": {s: {"key": summaries[s]["key"], "lines": summaries[s]["lines"], "stat": summaries[s]["stat"]}
                     for s in state.stems},
        "inferred": False})  # the closure for --inferred is materialised by the first such query
    clear_pending(scale_dir(project))


def merge_lines(project, shared: dict, folder=None, units=()) -> list[str]:
    """The merge of the reviewed graphs as sorted N-Triples lines: the file a full build left
    (build/scale/merge.nt), else the merge SHACL reads (kept up to date by every build) with the schema view
    and the entailments added; when there are drafts, whose triples that merge holds too, the reviewed graphs merged again."""
    path = merge_file(project)
    if path.exists():
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    if any(is_draft(u) for u in units):
        reviewed = [u for u in units if not is_draft(u)]
        core = merged_triples({k: v for k, v in shared.items() if k not in DERIVED}, reviewed, folder)
        return with_view(core, [line for k in DERIVED for line in shared[k]])
    core = core_file(project).read_text(encoding="utf-8").splitlines(keepends=True)
    return with_view(core, [line for k in DERIVED for line in shared[k]])
