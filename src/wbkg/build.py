"""`wbkg build`: load, ground, check, and publish the outputs to build/ only when every check passes."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckReport, run_checks
from .export.formats import FORMATS
from .export.publish import output_path
from .export.rdflib_dataset import serialize_dataset
from .fileio import atomic_write_text
from .load import Loaded, load
from .paths import Project
from .stats import compute as compute_stats


@dataclass
class BuildResult:
    loaded: Loaded
    checks: CheckReport
    outputs: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.checks.ok


#: ``--store auto`` builds in memory with rdflib up to this many articles, with the scalable Oxigraph
#: pipeline (src/wbkg/scale.py) above: measured break-even (bench/run.py) is a few dozen articles.
AUTO_SCALABLE_ARTICLES = 50
STORE_CHOICES = ("auto", "rdflib", "oxigraph")


def choose_store(project: Project, store: str = "auto") -> str:
    """rdflib (the in-memory path) or oxigraph (the scalable path) for ``store`` auto|rdflib|oxigraph."""
    if store not in STORE_CHOICES:
        from .errors import UsageError
        raise UsageError(f"--store {store}: use one of {', '.join(STORE_CHOICES)}", parameter="--store")
    if store != "auto":
        return store
    articles = sum(1 for _ in project.articles_graph_dir.glob("*.ttl"))
    return "oxigraph" if articles > AUTO_SCALABLE_ARTICLES else "rdflib"


def build(project: Project, *, reason: bool = True, progress=lambda stage: None, store: str = "rdflib",
          jobs: int | None = None, show_progress: bool = False):
    """Build, check and export. ``store``: rdflib (everything in one in-memory Dataset; the default for
    library callers), oxigraph (the scalable pipeline: parallel, cached per article, persistent Oxigraph
    store, returns a scale.ScaleBuildResult with the same fields) or auto (by corpus size)."""
    from .scale import SNAPSHOT_FILE, input_stats, write_snapshot_marker
    (project.build_dir / SNAPSHOT_FILE).unlink(missing_ok=True)  # the exports are about to change
    if choose_store(project, store) == "oxigraph":
        from .scale import build_scalable
        progress("scalable build")
        return build_scalable(project, reason=reason, jobs=jobs, progress=show_progress)
    started = time.perf_counter()
    inputs = input_stats(project)  # before loading: an edit made during the build makes the exports stale
    progress("load and ground")
    loaded = load(project)
    progress("check")
    exports: dict[str, str] = {}
    export_seconds = []

    def prepare_exports(report) -> None:
        """Serialise every format in memory while HermiT runs; they are written only if every check passes."""
        if report.problems or (report.shacl is not None and not report.shacl.conforms) \
                or any(len(r) for r in report.violations.values()):
            return
        export_started = time.perf_counter()
        snapshot = loaded.snapshot()
        for fmt in FORMATS:
            exports[fmt] = serialize_dataset(loaded.dataset, fmt, snapshot)
        export_seconds.append(time.perf_counter() - export_started)

    checks = run_checks(loaded, reason=reason, while_reasoning=prepare_exports)
    result = BuildResult(loaded, checks)
    result.timings.update(loaded.timings)
    result.timings.update(checks.timings)
    result.stats = compute_stats(loaded)
    build_dir = project.build_dir
    # reports are always written: they explain a failure
    if checks.shacl is not None:
        atomic_write_text(build_dir / "shacl-report.ttl", checks.shacl.graph.serialize(format="turtle"))
        atomic_write_text(build_dir / "shacl-report.txt", checks.shacl.text)
        result.reports += [build_dir / "shacl-report.ttl", build_dir / "shacl-report.txt"]
    atomic_write_text(build_dir / "check-report.txt", checks.render())
    result.reports.append(build_dir / "check-report.txt")
    if checks.ok:
        progress("export")
        export_started = time.perf_counter()
        for fmt in FORMATS:
            path = output_path(project, fmt)
            atomic_write_text(path, exports[fmt])
            result.outputs.append(path)
        result.timings["export"] = sum(export_seconds) + time.perf_counter() - export_started
        stats_path = build_dir / "stats.json"
        atomic_write_text(stats_path, json.dumps(result.stats, indent=1, sort_keys=True) + "\n")
        result.outputs.append(stats_path)
        write_snapshot_marker(project, inputs)
    result.timings["total"] = time.perf_counter() - started
    return result
