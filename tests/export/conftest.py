"""The seed project built once by the scalable pipeline (whose exports are composed), for the export tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def composed_build(copy_of_project, tmp_path_factory):
    """A copy of the project after one scalable build (no HermiT). Tests must not modify it."""
    from wbkg.scale import build_scalable
    project = copy_of_project(tmp_path_factory.mktemp("composed") / "project")
    result = build_scalable(project, reason=False, jobs=2, progress=False)
    assert result.ok, result.checks.render()
    return project
