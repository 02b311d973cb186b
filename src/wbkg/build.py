"""`wbkg build`: load, ground, check, and publish the outputs to build/ only when every check passes."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckReport, run_checks
from .export import FORMATS, serialize_dataset
from .fileio import atomic_write_text
from .load import Loaded, load
from .paths import Project
from .stats import compute as compute_stats

EXPORT_NAME = "wbkg"


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


def output_path(project: Project, fmt: str) -> Path:
    return project.build_dir / f"{EXPORT_NAME}.{FORMATS[fmt][0]}"


def build(project: Project, *, reason: bool = True, progress=lambda stage: None) -> BuildResult:
    started = time.perf_counter()
    progress("load and ground")
    loaded = load(project)
    progress("check")
    checks = run_checks(loaded, reason=reason)
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
            atomic_write_text(path, serialize_dataset(loaded.dataset, fmt))
            result.outputs.append(path)
        result.timings["export"] = time.perf_counter() - export_started
        stats_path = build_dir / "stats.json"
        result.timings["total"] = time.perf_counter() - started
        atomic_write_text(stats_path, json.dumps(result.stats, indent=1, sort_keys=True) + "\n")
        result.outputs.append(stats_path)
    result.timings["total"] = time.perf_counter() - started
    return result
