"""The report of the checks a graph must pass before it is published: grounding and coverage, SHACL, the
stored *-violation queries, and OWL consistency (filled in by the pipeline's stages)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem
from ..reason.hermit import ReasonerReport
from ..query.results import Result
from ..shacl.engine import ShaclReport


@dataclass
class CheckReport:
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    shacl: ShaclReport | None = None
    violations: dict[str, Result] = field(default_factory=dict)
    reasoner: ReasonerReport | None = None
    shacl_sources: list[str] = field(default_factory=list)   # file:line of the triples SHACL results are about
    violation_sources: dict[str, list[str]] = field(default_factory=dict)  # query -> file:line of its rows
    violation_fixes: dict[str, str] = field(default_factory=dict)          # query -> its '# fix:' hint
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (not self.problems
                and (self.shacl is None or self.shacl.conforms)
                and not any(len(r) for r in self.violations.values())
                and (self.reasoner is None or self.reasoner.consistent))

    def render(self) -> str:
        lines = []
        grounding = [p for p in self.problems]
        lines.append(f"grounding and coverage: {'ok' if not grounding else f'{len(grounding)} problem(s)'}")
        lines += [f"  {p}" for p in grounding]
        if self.warnings:
            lines.append(f"warnings: {len(self.warnings)}")
            lines += [f"  {p}" for p in self.warnings]
        if self.shacl is not None:
            lines.append(self.shacl.summary())
            if not self.shacl.conforms:
                lines += ["  " + line for line in self.shacl.text.splitlines()]
                if self.shacl_sources:
                    lines.append("  written at:")
                    lines += ["    " + line for line in self.shacl_sources]
        failing = {name: r for name, r in self.violations.items() if len(r)}
        lines.append(f"violation queries ({len(self.violations)}): "
                     + ("none returned rows" if not failing else
                        "; ".join(f"{name} returned {len(r)} row(s)" for name, r in sorted(failing.items()))))
        for name, result in sorted(failing.items()):
            from ..query.results import render
            lines += ["  " + line for line in render(result, "table").splitlines()]
            if self.violation_sources.get(name):
                lines.append("  written at:")
                lines += ["    " + line for line in self.violation_sources[name]]
            if self.violation_fixes.get(name):
                lines.append(f"  fix: {self.violation_fixes[name]}")
        if self.reasoner is not None:
            lines.append(self.reasoner.summary())
        lines.append("verdict: " + ("PASS" if self.ok else "FAIL"))
        return "\n".join(lines) + "\n"
