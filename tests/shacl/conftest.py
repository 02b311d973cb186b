"""The synthetic project the SHACL tests validate: generated once per session, copied for tests that change
it (the same fixtures as tests/scale/conftest.py, which these tests lived beside)."""
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
