"""The seed project built once, for the export tests."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from buildkit import edit, published, run_build


@pytest.fixture(scope="session")
def composed_build(copy_of_project, tmp_path_factory):
    """A copy of the project after one build (no HermiT). Tests must not modify it."""
    from wbkg.pipeline import build
    project = copy_of_project(tmp_path_factory.mktemp("composed") / "project")
    result = build(project, reason=False, jobs=2)
    assert result.ok, result.checks.render()
    return project


@pytest.fixture(scope="session")
def references(copy_of_project, tmp_path_factory):
    """Two full builds in their own process: ``old``, of the project (PYTHONHASHSEED=0), kept as ``built``
    (a project folder with its build, to copy); ``new``, of the project with ``edit`` (PYTHONHASHSEED=1).
    Each with the bytes of its published files."""
    base = tmp_path_factory.mktemp("references")
    old = copy_of_project(base / "old").root
    done = run_build(old, seed="0")
    assert done.returncode == 0, done.stdout + done.stderr
    new = copy_of_project(base / "new").root
    edit(new)
    done = run_build(new, seed="1")
    assert done.returncode == 0, done.stdout + done.stderr
    refs = SimpleNamespace(built=old, old=published(old / "build"), new=published(new / "build"))
    assert None not in refs.old.values() and None not in refs.new.values()
    assert refs.old != refs.new
    return refs


@pytest.fixture
def built_copy(references, tmp_path):
    """A copy of the old reference project, its build folder included (links kept, times kept)."""
    target = tmp_path / "project"
    shutil.copytree(references.built, target, symlinks=True)
    return target
