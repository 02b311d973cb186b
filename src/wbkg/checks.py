"""The checks a graph must pass before it is published: grounding and coverage (load.py), SHACL,
the stored *-violation queries, and OWL consistency."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .load import Loaded
from .problems import CHECK, INPUT, WARNING, Problem, raise_for
from .queries import stored_queries
from .reason import ReasonerReport, hermit, without_text_spans
from .results import Result
from .shacl.engine import ShaclReport, load_shapes, validate_graph
from .validate import data_graph


@dataclass
class CheckReport:
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    shacl: ShaclReport | None = None
    violations: dict[str, Result] = field(default_factory=dict)
    reasoner: ReasonerReport | None = None
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
        failing = {name: r for name, r in self.violations.items() if len(r)}
        lines.append(f"violation queries ({len(self.violations)}): "
                     + ("none returned rows" if not failing else
                        "; ".join(f"{name} returned {len(r)} row(s)" for name, r in sorted(failing.items()))))
        for name, result in sorted(failing.items()):
            from .results import render
            lines += ["  " + line for line in render(result, "table").splitlines()]
        if self.reasoner is not None:
            lines.append(self.reasoner.summary())
        lines.append("verdict: " + ("PASS" if self.ok else "FAIL"))
        return "\n".join(lines) + "\n"


def run_violation_queries(loaded: Loaded) -> dict[str, Result]:
    from .execute import run
    out = {}
    for name, query in stored_queries(loaded.project.queries_dir).items():
        if query.is_violation_check:
            out[name] = run(loaded, query, {})
    return out


def run_checks(loaded: Loaded, *, reason: bool = True, shacl: bool = True, while_reasoning=None) -> CheckReport:
    """Run every check. Input problems (a quote not in its article) raise InputError at once.

    ``while_reasoning(report)``, if given, runs after the Python checks and before waiting for HermiT (the
    build prepares its exports there, on the first core, while HermiT uses the second)."""
    raise_for([p for p in loaded.problems if p.severity == INPUT], "grounding")
    report = CheckReport([p for p in loaded.problems if p.severity == CHECK],
                         warnings=[p for p in loaded.problems if p.severity == WARNING])
    data = data_graph(loaded)
    with ThreadPoolExecutor(max_workers=1) as background:
        # HermiT runs in a Java subprocess: started first, it uses the other core while Python checks run
        reasoning = background.submit(_timed, consistency, data) if reason else None
        if shacl:
            started = time.perf_counter()
            report.shacl = validate_graph(data, load_shapes(loaded.project.shapes_dir))
            report.timings["shacl"] = time.perf_counter() - started
        started = time.perf_counter()
        report.violations = run_violation_queries(loaded)
        report.timings["violation-queries"] = time.perf_counter() - started
        if while_reasoning is not None:
            while_reasoning(report)
        if reasoning is not None:
            report.reasoner, report.timings["reasoning"] = reasoning.result()
    return report


def consistency(data):
    """The build's OWL check: HermiT's consistency verdict on the facts (text spans left out, see
    reason.without_text_spans); `wbkg reason` reasons over everything and lists the inferences."""
    return hermit(without_text_spans(data), inferences=False, scope="facts without text spans")


def _timed(function, *args):
    started = time.perf_counter()
    return function(*args), time.perf_counter() - started
