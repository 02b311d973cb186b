"""Synthetic projects for the scale tests: generated once per session, copied for tests that change them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wbkg.paths import Project
from wbkg.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Project:
    """A small synthetic project (8 articles, seed 3). Tests must not modify it: use synthetic_copy."""
    target = tmp_path_factory.mktemp("synthetic") / "project"
    synthesize(target, 8, seed=3, source_root=ROOT)
    return Project(target)


@pytest.fixture
def synthetic_copy(synthetic, tmp_path) -> Project:
    target = tmp_path / "project"
    shutil.copytree(synthetic.root, target, ignore=shutil.ignore_patterns("build"))
    return Project(target)


@pytest.fixture(scope="session")
def synthetic_built(synthetic, tmp_path_factory) -> Project:
    """The small synthetic project after one scalable build (reason=False). Tests must not modify it."""
    from wbkg.pipeline import build
    target = tmp_path_factory.mktemp("synthetic-built") / "project"
    shutil.copytree(synthetic.root, target, ignore=shutil.ignore_patterns("build"))
    assert build(Project(target), reason=False, jobs=2, progress=False).ok
    return Project(target)


@pytest.fixture
def built_copy(synthetic_built, tmp_path) -> Project:
    """A copy of synthetic_built, build folder included (times kept, so its caches stay valid; links kept,
    so its published exports stay a generation)."""
    target = tmp_path / "project"
    shutil.copytree(synthetic_built.root, target, symlinks=True)
    return Project(target)
