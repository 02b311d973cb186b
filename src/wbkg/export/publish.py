"""Where the published exports are."""
from __future__ import annotations

from pathlib import Path

from ..paths import Project
from .formats import file_name


def output_path(project: Project, fmt: str) -> Path:
    """The path of the published export in format ``fmt`` (a name of formats.FORMATS)."""
    return project.build_dir / file_name(fmt)
