"""The bench scripts are files, not modules of the package: loaded by path, once each."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="session")
def bench_script():
    """A function loading bench/<file> as a module (registered, so its dataclasses and pickles work)."""
    def load(file: str):
        name = "wbkg_bench_" + Path(file).stem
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, BENCH / file)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        return sys.modules[name]
    return load
