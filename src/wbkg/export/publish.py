"""The published exports change as one unit: each build writes a new generation, then switches one pointer.

Layout of build/::

    exports/<n>/          one generation: wbkg.ttl .trig .jsonld .nt .nq, stats.json, and the indexes of
                          the composed files (index-graphs.json, index-merge.json) that the next
                          incremental build splices from
    current -> exports/<n>        the pointer: a symbolic link, replaced by rename (atomic)
    wbkg.ttl -> current/wbkg.ttl  the paths users know, one stable link per published file
    ...
    stats.json -> current/stats.json

A build writes generation n+1 beside the current one (nothing points to it yet), switches ``current`` to it
with one rename, then removes the old generation. Killed at any moment, the published set is the old one
or the new one, never a mix; what a killed build left (a generation never switched to, temporary files) is
removed at the start of the next build, and after every switch.

Readers: ``output_path(project, fmt)`` is the stable path of a format (it follows the pointer when opened);
a reader that opens several files and needs them from one build takes ``current_generation(project)``
once and passes it to ``output_path``. Files in a generation are never modified; a generation is removed
once it is no longer current (an open file stays readable; opening one after that fails: ask again).
"""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

from ..project import Project
from .formats import PUBLISHED, drafts_file_name, file_name

EXPORTS = "exports"
CURRENT = "current"
#: test hook: ``WBKG_TEST_KILL_AT=<stage>`` makes a build kill itself (SIGKILL) at that stage of publishing
KILL_ENV = "WBKG_TEST_KILL_AT"
STAGES = ("before-write", "mid-write", "before-switch", "before-cleanup")


def output_path(project: Project, fmt: str, generation: Path | None = None) -> Path:
    """The path of the published export in format ``fmt`` (a name of formats.FORMATS): the stable
    ``build/wbkg.<ext>``, or the file in ``generation`` (from current_generation)."""
    name = file_name(fmt)
    return generation / name if generation is not None else project.build_dir / name


def drafts_path(project: Project, fmt: str) -> Path:
    """The published drafts in a dataset format: the stable ``build/wbkg-drafts.<ext>``."""
    return project.build_dir / drafts_file_name(fmt)


def current_generation(project: Project) -> Path | None:
    """The folder of the published generation (``build/exports/<n>``), or None when there is none, or when
    the stable paths do not lead to it (exports written by another writer, such as the in-memory build,
    or an older wbkg: then ``output_path(project, fmt)`` alone says where the exports are)."""
    build = project.build_dir
    try:
        target = os.readlink(build / CURRENT)
        if any(os.readlink(build / name) != f"{CURRENT}/{name}" for name in PUBLISHED):
            return None
    except OSError:
        return None
    generation = build / target
    return generation if target.startswith(f"{EXPORTS}/") and generation.is_dir() else None


def checkpoint(stage: str) -> None:
    """Where a test can kill the build (see KILL_ENV); nothing otherwise."""
    if stage not in STAGES:
        raise ValueError(f"no publishing stage {stage!r}")
    if os.environ.get(KILL_ENV) == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def prepare(project: Project) -> None:
    """Start of a build: remove what a killed build left, and make the stable paths links through the
    pointer. Exports found as plain files there (the in-memory build writes those, as did wbkg before
    generations) first become a generation of their own, so that what is published does not change."""
    build = project.build_dir
    build.mkdir(parents=True, exist_ok=True)
    remove_stale(project)
    loose = [name for name in PUBLISHED if not _is_stable_link(build / name)]
    if any((build / name).exists() or (build / name).is_symlink() for name in loose):
        generation = new_generation(project)
        for name in PUBLISHED:
            source = (build / name).resolve()
            if source.is_file():
                link_or_copy(source, generation / name)
        switch(project, generation, checkpoints=False)
    else:
        _link_stable_paths(build)


def new_generation(project: Project) -> Path:
    """A new, empty generation folder, numbered after every one there is."""
    exports = project.build_dir / EXPORTS
    exports.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name) for p in exports.iterdir() if p.name.isdigit()]
    generation = exports / str(max(numbers, default=0) + 1)
    generation.mkdir()
    return generation


def switch(project: Project, generation: Path, *, checkpoints: bool = True) -> None:
    """Publish ``generation`` (complete, on disk): point ``current`` to it, then remove the old one."""
    build = project.build_dir
    _fsync(generation)
    if checkpoints:
        checkpoint("before-switch")
    temporary = build / f".{CURRENT}.{generation.name}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(f"{EXPORTS}/{generation.name}", temporary)
    if (build / CURRENT).is_dir() and not (build / CURRENT).is_symlink():
        shutil.rmtree(build / CURRENT)  # a copy that followed the link: not a pointer, nothing refers to it
    os.replace(temporary, build / CURRENT)
    _link_stable_paths(build)
    _fsync(build)
    if checkpoints:
        checkpoint("before-cleanup")
    remove_stale(project)


def remove_stale(project: Project) -> None:
    """Remove every generation but the current one, and the temporary files of publishing (the pointer's,
    and the exports' as wbkg wrote them before generations)."""
    build = project.build_dir
    current = None
    try:
        current = os.readlink(build / CURRENT)
    except OSError:
        pass
    exports = build / EXPORTS
    if exports.is_dir():
        for path in exports.iterdir():
            if f"{EXPORTS}/{path.name}" != current:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
    for name in (CURRENT, *PUBLISHED):
        for path in build.glob(f".{name}.*.tmp"):
            path.unlink(missing_ok=True)
    for name in ("export-graphs.json", "export-merge.json"):  # where the indexes were before generations
        (build / "scale" / name).unlink(missing_ok=True)


def _is_stable_link(path: Path) -> bool:
    try:
        return os.readlink(path) == f"{CURRENT}/{path.name}"
    except OSError:
        return False


def _link_stable_paths(build: Path) -> None:
    """Make each published path a link through ``current`` (each replaced by rename: never missing)."""
    for name in PUBLISHED:
        path = build / name
        if not _is_stable_link(path):
            temporary = build / f".{name}.link.tmp"
            temporary.unlink(missing_ok=True)
            os.symlink(f"{CURRENT}/{name}", temporary)
            os.replace(temporary, path)


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync(folder: Path) -> None:
    """Make a folder's entries (and, for a generation, its files' renames) durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
