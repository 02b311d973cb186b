"""A smoke run of the benchmark (bench/run.py) on a tiny synthetic corpus: every stage runs and the table
has its rows. The real benchmark is `make bench` (not part of the test suite)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def bench_module():
    spec = importlib.util.spec_from_file_location("wbkg_bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_bench_runs_on_a_tiny_corpus_and_prints_a_table(tmp_path):
    bench = bench_module()
    result = bench.bench_size("3", tmp_path, reps=2, rdflib_timeout=300, with_rdflib=False, reason=False)
    ox = result["oxigraph"]
    assert ox["runs"][0]["ok"], ox["runs"][0]
    assert ox["incremental"]["redone"] == 1
    assert ox["runs"][0]["peak_rss"] > 0
    queries = {k: v for k, v in ox["queries"].items() if isinstance(v, dict)}
    assert queries and all(len(v["times"]) == 2 for v in queries.values())
    text = bench.table(result)
    for row in ("full build (total)", "SHACL", "rebuild after adding one article", "peak RSS", "p50"):
        assert row in text, row
    assert "not run" in text  # the rdflib column says why it is empty
    summary = bench.summary([result])
    assert "| triples | " + str(ox["runs"][0]["triples"]) + " |" in summary
    for row in ("full build, scalable", "rebuild after adding one article", "stored queries p50, slowest"):
        assert row in summary, row
