"""Problems found while building: collected, reported together, mapped to exit codes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CheckFailed, InputError, display_path

INPUT = "input"   # bad input data: exit 2
CHECK = "check"   # the graph is wrong: exit 1
WARNING = "warning"  # reported, does not fail the build


@dataclass(frozen=True)
class Problem:
    severity: str
    check: str
    message: str
    path: Path | None = None
    line: int | None = None
    focus: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            shown = display_path(self.path)
            where = f"{shown}:{self.line}: " if self.line else f"{shown}: "
        return f"{where}[{self.check}] {self.message}"

    def to_json(self) -> dict:
        """As the build's caches keep it (build/scale/articles/<stem>.json)."""
        return {"severity": self.severity, "check": self.check, "message": self.message,
                "path": str(self.path) if self.path else None, "line": self.line, "focus": self.focus}

    @classmethod
    def from_json(cls, d: dict) -> "Problem":
        return cls(d["severity"], d["check"], d["message"], Path(d["path"]) if d["path"] else None, d["line"],
                   d["focus"])


def raise_for(problems: list[Problem], stage: str) -> None:
    """Raise InputError if any input problem, CheckFailed if any check problem; the message lists all."""
    problems = [p for p in problems if p.severity != WARNING]
    if not problems:
        return
    lines = [str(p) for p in problems]
    summary = f"{stage}: {len(problems)} problem(s)\n" + "\n".join(f"  {line}" for line in lines)
    first_input = next((p for p in problems if p.severity == INPUT), None)
    if first_input is not None:
        error = InputError(summary)
        error.path, error.line = first_input.path, first_input.line
        error.problems = problems
        raise error
    error = CheckFailed(summary)
    error.problems = problems
    raise error
