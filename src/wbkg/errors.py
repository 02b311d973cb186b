"""Errors with the exit codes the CLI documents: 1 a check failed, 2 usage or input error."""
from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


def display_path(path: Path | str) -> str:
    """A path as a person wants to read it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class WbkgError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = EXIT_USAGE


class UsageError(WbkgError):
    """A bad parameter or option; names the parameter at fault."""

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.parameter = parameter


class InputError(WbkgError):
    """Bad input data: names the file, and the line and column where known (1-based)."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None,
                 column: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.detail = message
        where = ""
        if self.path is not None:
            where = display_path(self.path)
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message)


class EnvironmentProblem(WbkgError):
    """Something the machine lacks (Java for HermiT)."""


class CheckFailed(WbkgError):
    """The graph does not conform, is inconsistent, or a check returned rows."""

    exit_code = EXIT_CHECK_FAILED
