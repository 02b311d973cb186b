"""The same inputs give the same bytes in every published file (.ttl .trig .jsonld .nt .nq, stats.json),
whatever PYTHONHASHSEED, after a full build or an incremental one; each build runs in its own process
(`wbkg build --store oxigraph`)."""
from __future__ import annotations

import pytest
from buildkit import edit, published, run_build

from wbkg.export.formats import PUBLISHED


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


def test_the_in_memory_dataset_serialiser_too(project):
    """export.rdflib_dataset (query results, `wbkg export`): rdflib's TriG wrote graphs in set order."""
    import subprocess
    import sys
    script = ("import hashlib, sys; from wbkg.load import load; from wbkg.paths import locate; "
              "from wbkg.export.rdflib_dataset import serialize_dataset; d = load(locate(sys.argv[1])).dataset; "
              "print([hashlib.sha256(serialize_dataset(d, f).encode()).hexdigest() "
              "for f in ('trig', 'turtle', 'json-ld', 'nt', 'nquads')])")
    digests = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run([sys.executable, "-c", script, str(project.root)], capture_output=True, text=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, timeout=300)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout)
    assert len(digests) == 1
