"""Builds in a separate process (`wbkg build`), for the byte-stability and kill tests."""
from __future__ import annotations

import os
import subprocess
import sys

from wbkg.export.formats import PUBLISHED

EDIT = '\nid:kfor skos:altLabel "NATO Kosovo Force mission"@en .\n'


def run_build(root, *, seed: str = "0", kill_at: str | None = None):
    """``wbkg build`` on the project at ``root``, in a new process with PYTHONHASHSEED=seed
    (and WBKG_TEST_KILL_AT=kill_at); the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "WBKG_TEST_KILL_AT", "WBKG_HOME")}
    env.update(PYTHONHASHSEED=seed, WBKG_PROGRESS="0")
    if kill_at:
        env["WBKG_TEST_KILL_AT"] = kill_at
    command = [sys.executable, "-c", "from wbkg.cli import main; main()", "--root", str(root),
               "build", "--no-reason", "--jobs", "1"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def published(build_dir) -> dict:
    """The bytes of every published file, read through the stable paths (None for a missing one)."""
    return {name: (build_dir / name).read_bytes() if (build_dir / name).exists() else None for name in PUBLISHED}


def edit(root) -> None:
    """A change an incremental build handles: one more label for an entity (an article uses it)."""
    with open(root / "graph" / "entities.ttl", "a", encoding="utf-8") as handle:
        handle.write(EDIT)
