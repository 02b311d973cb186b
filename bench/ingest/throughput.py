"""Throughput of `wbkg ingest`: 1,000 synthetic article texts (from `wbkg synth`) ingested into a fresh copy of
this project in one run, as a user runs it (a process of its own), reporting articles/s and the peak RSS of the
run and its workers. Target (issue 10): >= 20 articles/s on 2 cores, memory flat.

Usage: python bench/ingest/throughput.py [--articles 1000] [--jobs 2] [--json OUT]
Memory flat: the run is repeated at a quarter of the size; peak RSS of both is printed, and should be close.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("ontology", "graph", "corpus", "shapes", "queries")


def run(n: int, jobs: int, work: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "WBKG_PROGRESS": "0"}
    synth = work / f"synth-{n}"
    subprocess.run([sys.executable, "-m", "wbkg.cli", "synth", "-n", str(n), "-s", "7", "-o", str(synth)],
                   check=True, env=env, capture_output=True)
    texts = work / f"texts-{n}"
    texts.mkdir()
    for path in sorted((synth / "corpus").glob("*.txt")):
        shutil.copy(path, texts / path.name)
    project = work / f"project-{n}"
    for part in PARTS:
        shutil.copytree(ROOT / part, project / part)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "wbkg.cli", "--root", str(project), "ingest", str(texts),
                           "--jobs", str(jobs)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    drafts = len(list((project / "graph" / "drafts").glob("*.ttl")))
    return {"articles": n, "drafts": drafts, "jobs": jobs, "seconds": round(seconds, 2),
            "articles_per_s": round(n / seconds, 1),
            "peak_rss_mb": round(max(peak_kb, before) / 1024, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wbkg-ingest-bench-") as tmp:
        small = run(max(args.articles // 4, 1), args.jobs, Path(tmp))
        full = run(args.articles, args.jobs, Path(tmp))
    print("| articles | jobs | seconds | articles/s | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|")
    for row in (small, full):
        print(f"| {row['articles']} | {row['jobs']} | {row['seconds']} | {row['articles_per_s']} | "
              f"{row['peak_rss_mb']} |")
    print("note: peak RSS is the largest single process (ru_maxrss of children): the largest of the run and its "
          "workers; the quarter-size run's figure comes first, so memory is flat when the two are close")
    if args.json:
        Path(args.json).write_text(json.dumps({"small": small, "full": full}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
