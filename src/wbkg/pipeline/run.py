"""The build: named stages over one state, each timed and announced, in one process pool."""
from __future__ import annotations

import os
import sys
import time

from ..export.publish import prepare as prepare_exports
from ..project import Project
from ..problems import CHECK, WARNING
from . import check, ground, inputs, publish, storing, validate
from . import reason as reasoning
from .report import CheckReport
from .sources import result_sources, violation_sources
from .state import BuildResult, BuildState
from .workers import jobs_default, pool


def build(project: Project, *, reason: bool = True, jobs: int | None = None,
          progress: bool = False) -> BuildResult:
    """Build, check and publish: load, ground, store, shacl, violation-queries, reasoning, export. Input
    errors raise InputError (exit 2) and leave the caches as the store holds them; a graph that fails a
    check is reported and not published."""
    state = BuildState(project, reason=reason, jobs=jobs or jobs_default(), progress=progress)
    started = time.perf_counter()
    prepare_exports(project)  # what a killed build left goes before anything is done
    _stage(state, inputs)
    with pool(state.jobs, state.ctx, state.shapes, "".join(state.ontology_lines)) as workers:
        state.pool = workers
        _stage(state, ground)
        _stage(state, storing)
        state.checking = storing.checking_view(state.store)
        shacl = _stage(state, validate)
        state.pool = None
    state.checks = CheckReport([p for p in state.problems if p.severity == CHECK],
                               warnings=[p for p in state.problems if p.severity == WARNING])
    state.checks.shacl = shacl
    if not shacl.conforms:
        state.checks.shacl_sources = result_sources(project, shacl.graph, state.summaries, state.ctx.entities,
                                                    state.articles_dir)
    state.checks.violations = _stage(state, check)
    if any(len(r) for r in state.checks.violations.values()):
        from ..query.stored import stored_queries
        queries = stored_queries(project.queries_dir)
        state.checks.violation_sources = violation_sources(project, state.checks.violations, queries,
                                                           state.summaries)
        state.checks.violation_fixes = {name: q.fix for name, q in queries.items() if q.fix}
    if state.reason:
        state.checks.reasoner = _stage(state, reasoning)
    else:
        reasoning.skip(state)
    state.result = publish.write_reports(state)
    _stage(state, publish)  # the exports only if every check passed; the manifest always (what the store holds)
    state.store.close()  # RocksDB allows one writer: the next build or query may open it
    state.timings["total"] = time.perf_counter() - started
    return state.result


def _stage(state: BuildState, stage):
    started = time.perf_counter()
    out = stage.run(state)
    state.timings[stage.NAME] = seconds = time.perf_counter() - started
    if state.progress and os.environ.get("WBKG_PROGRESS", "1") != "0":
        print(f"[wbkg] {stage.NAME}: {seconds:.2f}s", file=sys.stderr, flush=True)
    return out
