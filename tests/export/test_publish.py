"""Generations and the pointer (export/publish.py), without a build: files are made up."""
from __future__ import annotations

import os
import shutil

import pytest

from wbkg.export import publish
from wbkg.export.formats import FORMATS, PUBLISHED, STATS_NAME
from wbkg.export.publish import CURRENT, current_generation, output_path
from wbkg.fileio import atomic_write_text
from wbkg.project import Project


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "project")


def publish_set(project: Project, tag: str) -> os.PathLike:
    """A generation whose every file says ``tag``, published."""
    generation = publish.new_generation(project)
    for name in PUBLISHED:
        (generation / name).write_text(f"{tag} {name}\n")
    publish.switch(project, generation)
    return generation


def contents(project: Project) -> dict:
    build = project.build_dir
    return {name: (build / name).read_text() if (build / name).exists() else None for name in PUBLISHED}


def entries(project: Project) -> list[str]:
    build = project.build_dir
    return sorted([p.name for p in build.iterdir()] + [f"exports/{p.name}" for p in (build / "exports").iterdir()])


def test_a_first_build_publishes_through_stable_links(project):
    publish.prepare(project)
    assert current_generation(project) is None
    assert contents(project) == dict.fromkeys(PUBLISHED)  # nothing published yet: the links lead nowhere
    generation = publish_set(project, "one")
    assert current_generation(project) == project.build_dir / "exports" / "1" == generation
    assert contents(project) == {name: f"one {name}\n" for name in PUBLISHED}
    for fmt in FORMATS:
        assert output_path(project, fmt).parent == project.build_dir
        assert output_path(project, fmt, generation).read_text() == output_path(project, fmt).read_text()
    assert all(os.readlink(project.build_dir / name) == f"{CURRENT}/{name}" for name in PUBLISHED)


def test_the_switch_replaces_the_whole_set_and_removes_the_old_generation(project):
    publish.prepare(project)
    publish_set(project, "one")
    second = publish_set(project, "two")
    assert contents(project) == {name: f"two {name}\n" for name in PUBLISHED}
    assert current_generation(project) == second
    assert entries(project) == sorted([CURRENT, "exports", "exports/2", *PUBLISHED])


def test_the_start_of_a_build_removes_what_a_killed_one_left(project):
    publish.prepare(project)
    publish_set(project, "one")
    build = project.build_dir
    (build / "exports" / "2").mkdir()
    (build / "exports" / "2" / ".wbkg.nt.abc.tmp").write_text("half")
    (build / "exports" / "2" / "wbkg.nq").write_text("written")
    os.symlink("exports/2", build / ".current.2.tmp")
    (build / ".wbkg.jsonld.k2j3.tmp").write_text("half written, before generations")
    publish.prepare(project)
    assert entries(project) == sorted([CURRENT, "exports", "exports/1", *PUBLISHED])
    assert contents(project) == {name: f"one {name}\n" for name in PUBLISHED}
    assert publish.new_generation(project).name == "2"


def test_plain_files_become_a_generation_without_changing(project):
    """The layout before generations, or the in-memory build, which writes plain files at the stable paths."""
    build = project.build_dir
    build.mkdir(parents=True)
    for name in PUBLISHED:
        (build / name).write_text(f"plain {name}\n")
    publish.prepare(project)
    assert current_generation(project) is not None
    assert contents(project) == {name: f"plain {name}\n" for name in PUBLISHED}
    assert entries(project) == sorted([CURRENT, "exports", "exports/1", *PUBLISHED])


def test_a_writer_that_replaces_a_stable_link_is_seen(project):
    publish.prepare(project)
    publish_set(project, "one")
    atomic_write_text(output_path(project, "turtle"), "written in place\n")  # as build.py's in-memory path does
    assert current_generation(project) is None, "the generation no longer is what the stable paths show"
    assert output_path(project, "turtle").read_text() == "written in place\n"
    publish.prepare(project)
    generation = current_generation(project)
    assert generation is not None and generation.name == "2"
    assert output_path(project, "turtle", generation).read_text() == "written in place\n"
    assert output_path(project, "nt", generation).read_text() == "one wbkg.nt\n"
    assert (project.build_dir / STATS_NAME).read_text() == f"one {STATS_NAME}\n"


def test_a_copy_that_followed_the_links_is_taken_as_plain_files(project, tmp_path):
    publish.prepare(project)
    publish_set(project, "one")
    copy = Project(tmp_path / "copy")
    shutil.copytree(project.root, copy.root)  # symlinks=False: current is a folder, the stable paths files
    publish.prepare(copy)
    assert current_generation(copy) is not None
    assert contents(copy) == contents(project)
    assert os.path.islink(copy.build_dir / CURRENT)


def test_the_kill_hook_is_inert_unless_asked(monkeypatch):
    monkeypatch.delenv(publish.KILL_ENV, raising=False)
    for stage in publish.STAGES:
        publish.checkpoint(stage)
    with pytest.raises(ValueError):
        publish.checkpoint("no-such-stage")
