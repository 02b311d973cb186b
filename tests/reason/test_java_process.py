"""A build killed during reasoning leaves no java process (issue 13, item 4): HermiT's java runs in its own
process group and dies with the build. A stand-in `java` first on PATH writes its pid and waits, so the test
knows when reasoning has started without guessing at timings."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wbkg

SRC = Path(wbkg.__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, what: str, seconds: float = 180.0) -> None:
    """Poll for an event (not a duration): the deadline only bounds a test that would otherwise hang."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_a_killed_build_leaves_no_java(project_copy, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pid_file = tmp_path / "java.pid"
    fake = bin_dir / "java"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}.tmp\nmv {pid_file}.tmp {pid_file}\nexec sleep 600\n")
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", WBKG_PROGRESS="0",
               PYTHONPATH=os.pathsep.join([str(SRC)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    build = subprocess.Popen([sys.executable, "-m", "wbkg.cli", "--root", str(project_copy.root), "build"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: pid_file.exists() or build.poll() is not None, "java to start")
        assert build.poll() is None, "the build ended before reasoning started java"
        java = int(pid_file.read_text())
        assert os.getpgid(java) != os.getpgid(build.pid) and os.getpgid(java) == java   # its own group
        build.send_signal(signal.SIGKILL)
        build.wait()
        wait_for(lambda: not alive(java), "java to end with the build")
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        if pid_file.exists() and alive(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
