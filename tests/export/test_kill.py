"""A build killed (SIGKILL) at any stage of publishing leaves the published set entirely old or entirely new,
and the next build publishes the new one and leaves nothing stale behind. The build kills itself at the
named stage (WBKG_TEST_KILL_AT, see export/publish.py); its published bytes are compared with two
reference builds."""
from __future__ import annotations

import os
import signal

import pytest
from buildkit import edit, published, run_build

from wbkg.export.formats import PUBLISHED
from wbkg.export.publish import CURRENT, EXPORTS, STAGES, current_generation
from wbkg.project import Project

pytestmark = pytest.mark.slow  # not in `make test-fast`

#: what is published once the build is killed at each stage
EXPECTED = {"before-write": "old", "mid-write": "old", "before-switch": "old", "before-cleanup": "new"}


def leftovers(build) -> list[str]:
    """What a finished build should not leave: generations other than the current one, temporary files."""
    current = os.readlink(build / CURRENT)
    stale = [f"{EXPORTS}/{p.name}" for p in (build / EXPORTS).iterdir() if f"{EXPORTS}/{p.name}" != current]
    stale += [p.name for p in build.glob(".*")]
    stale += [f"{EXPORTS}/{p.parent.name}/{p.name}" for p in (build / EXPORTS).glob("*/.*")]
    return stale


def test_every_stage_has_a_case():
    assert set(EXPECTED) == set(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_killed_while_publishing(references, built_copy, stage):
    build = built_copy / "build"
    edit(built_copy)
    killed = run_build(built_copy, kill_at=stage)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    now = published(build)
    assert now == getattr(references, EXPECTED[stage]), f"killed {stage}: not the {EXPECTED[stage]} set"
    generation = current_generation(Project(built_copy))
    assert generation is not None and all((generation / name).is_file() for name in PUBLISHED)
    assert leftovers(build), "the killed build left a generation behind (the new one, or the old one)"

    done = run_build(built_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert published(build) == references.new
    assert leftovers(build) == []


def test_the_files_of_a_build_killed_before_generations_are_cleared(references, built_copy):
    """Before generations, a build killed while renaming its exports left wbkg.ttl new, others old, and a
    stray .wbkg.jsonld.*.tmp: the next build publishes one set and removes the stray file."""
    build = built_copy / "build"
    for name in PUBLISHED:  # the layout of old: plain files
        data = (build / name).read_bytes()
        (build / name).unlink()
        (build / name).write_bytes(data)
    (build / "wbkg.ttl").write_bytes(references.new["wbkg.ttl"])
    (build / ".wbkg.jsonld.x1y2z3.tmp").write_bytes(b"half written")
    edit(built_copy)
    done = run_build(built_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert published(build) == references.new
    assert leftovers(build) == []
    assert all(os.readlink(build / name) == f"{CURRENT}/{name}" for name in PUBLISHED)
