"""Shared fixtures: the real project, its loaded graph (once per session), and throw-away copies to break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wbkg.load import load
from wbkg.paths import Project, locate

PROJECT_PARTS = ("ontology", "graph", "corpus", "shapes", "queries")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden results of the stored queries from the current graph.")


@pytest.fixture(scope="session")
def project() -> Project:
    return locate(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="session")
def loaded(project):
    """The real graph, loaded and grounded once. Tests must not modify it."""
    return load(project)


def copy_project(source: Project, target: Path) -> Project:
    for part in PROJECT_PARTS:
        if (source.root / part).exists():
            shutil.copytree(source.root / part, target / part)
    return Project(target)


@pytest.fixture(scope="session")
def copy_of_project(project):
    """A function that copies the project's sources under a directory (for module-scoped work dirs).

    A fixture rather than an import: every test directory has its own conftest module, so
    ``from conftest import ...`` resolves to whichever conftest happened to be imported first.
    """
    return lambda target: copy_project(project, target)


@pytest.fixture
def project_copy(project, tmp_path) -> Project:
    """A private copy of the project's sources, safe to break."""
    return copy_project(project, tmp_path / "project")
