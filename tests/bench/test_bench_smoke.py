"""A smoke run of the benchmark (bench/run.py) on a tiny synthetic corpus: every stage runs and the table
has its rows. The real benchmark is `make bench` (not part of the test suite)."""
from __future__ import annotations

import pytest

import json

pytestmark = pytest.mark.slow  # not in `make test-fast`


def test_bench_runs_on_a_tiny_corpus_and_prints_a_table(tmp_path, bench_script):
    bench = bench_script("run.py")
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
    for row in ("full build, `wbkg build`", "rebuild after adding one article", "stored queries p50, slowest"):
        assert row in summary, row
    # the same run compared with itself and with a slower copy of itself
    runs = {}
    for name, factor in (("before", 1.0), ("after", 1.5)):
        folder = tmp_path / name
        folder.mkdir()
        copy = json.loads(json.dumps(result))
        for run in copy["oxigraph"]["runs"]:
            run["timings"] = {k: v * factor for k, v in run["timings"].items()}
        (folder / "3.json").write_text(json.dumps(copy), encoding="utf-8")
        runs[name] = folder
    same = bench.compare(runs["before"], runs["before"])
    assert "| 3 | full build (total) |" in same and "\n0 figure(s) flagged" in same
    worse = bench.compare(runs["before"], runs["after"])
    assert "| 3 | full build (total) |" in worse and "| 1.50 | **worse** |" in worse


def test_build_figures_are_read_from_what_wbkg_build_prints(bench_script):
    bench = bench_script("run.py")
    out = ("articles: 3; triples: 3289 in 7 named graphs; entities: 62; facts: 228\nverdict: PASS\n"
           "store: oxigraph (/tmp/x/build/oxigraph); articles processed: 3, reused from cache: 0\n"
           "time: load 0.21s, schema-view 0.01s, shacl 1.46s, total 2.78s\n")
    parsed = bench.parse_build_output(out)
    assert parsed["triples"] == 3289 and parsed["redone"] == 3 and parsed["verdict"] == "verdict: PASS"
    assert parsed["timings"] == {"load": 0.21, "schema-view": 0.01, "shacl": 1.46, "total": 2.78}
    assert parsed["pipeline"].startswith("scalable")
