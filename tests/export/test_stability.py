"""The same inputs give the same bytes in every published file (.ttl .trig .jsonld .nt .nq, stats.json),
whatever PYTHONHASHSEED, after a full build or an incremental one; each build runs in its own process
(`wbkg build`)."""
from __future__ import annotations

import pytest
from buildkit import edit, published, run_build

from wbkg.export.formats import PUBLISHED

pytestmark = pytest.mark.slow  # not in `make test-fast`


def differing(a: dict, b: dict) -> list[str]:
    return [name for name in PUBLISHED if a[name] != b[name]]


@pytest.mark.parametrize("seed", ["1", "2"])
def test_full_builds_under_other_hash_seeds(references, copy_of_project, tmp_path, seed):
    """The reference was built with PYTHONHASHSEED=0."""
    root = copy_of_project(tmp_path / "project").root
    done = run_build(root, seed=seed)
    assert done.returncode == 0, done.stdout + done.stderr
    assert differing(published(root / "build"), references.old) == []


def test_an_incremental_build_equals_a_full_one(references, built_copy):
    """Old build with seed 0, the edit built incrementally with seed 2; the full build of the edit had seed 1."""
    edit(built_copy)
    done = run_build(built_copy, seed="2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reused from cache: 0" not in done.stdout, "expected an incremental build"
    assert differing(published(built_copy / "build"), references.new) == []
