"""End to end: the installed console script `wbkg`, as a user runs it."""
from __future__ import annotations

import pytest

import shutil
import subprocess
import sys
from pathlib import Path

pytestmark = pytest.mark.slow  # not in `make test-fast`


def wbkg_executable() -> str:
    beside = Path(sys.executable).with_name("wbkg")
    found = str(beside) if beside.exists() else shutil.which("wbkg")
    assert found, "the console script wbkg is not installed (pip install -e .)"
    return found


def test_installed_command_builds_and_queries(project_copy):
    exe = wbkg_executable()
    build = subprocess.run([exe, "--root", str(project_copy.root), "build"], capture_output=True, text=True,
                           timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "verdict: PASS" in build.stdout
    listing = subprocess.run([exe, "--root", str(project_copy.root), "queries"], capture_output=True, text=True,
                             timeout=120)
    assert listing.returncode == 0
    first = listing.stdout.split()[0]
    run = subprocess.run([exe, "--root", str(project_copy.root), "query", first, "--format", "csv"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert run.stdout.splitlines(), "no CSV header"


def test_installed_command_exit_code_for_usage_error(project):
    result = subprocess.run([wbkg_executable(), "--root", str(project.root), "query", "no-such-query-at-all"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no stored query named" in result.stderr
