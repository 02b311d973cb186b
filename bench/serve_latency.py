"""Latency of every stored query through the SPARQL endpoint, and throughput of a simple SELECT from parallel
clients. Starts `wbkg serve` on a free loopback port (or uses --url), prints a table.

    python bench/serve_latency.py                 # the project this file belongs to, 20 runs per query
    python bench/serve_latency.py --runs 50 --clients 8 --seconds 10 --store rdflib
    python bench/serve_latency.py --url http://127.0.0.1:8000   # a server already running

Every request goes to 127.0.0.1 only; the loops are bounded in count and time.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wbkg.project import locate  # noqa: E402
from wbkg.query.stored import stored_queries  # noqa: E402

SIMPLE = ("SELECT ?person ?name WHERE { ?person a <https://w3id.org/wbkg/ontology#Person> ; "
          "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY STR(?name) LIMIT 20")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, store: str, workers: int | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    options = ["--store", store] + (["--workers", str(workers)] if workers else [])
    process = subprocess.Popen([sys.executable, "-m", "wbkg.cli", "--root", str(root), "serve", "--port", str(port),
                                *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"wbkg serve exited: {process.stderr.read().decode()}")
        try:
            urllib.request.urlopen(f"{url}/context.jsonld", timeout=2).read()
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("wbkg serve did not start within 120 s")


def request(url: str, query: str, bindings: dict[str, str], accept: str) -> tuple[float, int, int]:
    data = urllib.parse.urlencode({"query": query, **{f"${k}": v for k, v in bindings.items()}}).encode()
    req = urllib.request.Request(f"{url}/sparql", data=data, headers={"Accept": accept})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return time.perf_counter() - started, status, len(body)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=None, help="project folder (default: this repository)")
    parser.add_argument("--url", default=None, help="use a running server instead of starting one")
    parser.add_argument("--store", default="oxigraph", choices=["oxigraph", "rdflib"])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per stored query (after one warm-up)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of the throughput test")
    args = parser.parse_args()

    project = locate(args.root or ROOT)
    queries = stored_queries(project.queries_dir)
    process = None
    url = args.url
    if url is None:
        process, url = start(project.root, args.store, args.workers)
    try:
        print(f"server: {url} ({'started here, ' + args.store if process else 'given'}); "
              f"{len(queries)} stored queries, {args.runs} runs each, after one warm-up")
        print(f"{'query':<36} {'form':<9} {'rows/bytes':>10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
        print("-" * 86)
        medians = []
        for name, q in queries.items():
            bindings = {}
            for p in q.parameters:
                if p.example:
                    term = q.bindings({p.name: p.example})[p.name]
                    bindings[p.name] = term.n3()
            accept = "text/turtle" if q.form in ("CONSTRUCT", "DESCRIBE") else "text/csv"
            _t, status, size = request(url, q.text, bindings, accept)
            times = []
            for _ in range(args.runs):
                t, status, size = request(url, q.text, bindings, accept)
                times.append(t)
            median = statistics.median(times) * 1000
            medians.append(median)
            flag = "" if status == 200 else f"  HTTP {status}"
            print(f"{name:<36} {q.form:<9} {size:>10} {median:>10.1f} {percentile(times, 0.95) * 1000:>8.1f} "
                  f"{max(times) * 1000:>8.1f}{flag}")
        if medians:
            print(f"{'all stored queries (median of medians)':<57} {statistics.median(medians):>10.1f}")

        # throughput: a simple SELECT from parallel clients for a fixed time
        counts = [0] * args.clients
        errors = [0] * args.clients
        latencies: list[list[float]] = [[] for _ in range(args.clients)]
        stop_at = time.monotonic() + args.seconds

        def client(i: int) -> None:
            while time.monotonic() < stop_at:
                t, status, _size = request(url, SIMPLE, {}, "application/sparql-results+json")
                if status == 200:
                    counts[i] += 1
                    latencies[i].append(t)
                else:
                    errors[i] += 1
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        total = sum(counts)
        flat = [x for xs in latencies for x in xs]
        print()
        print(f"simple SELECT, {args.clients} parallel clients, {elapsed:.1f} s: {total} answers, "
              f"{sum(errors)} errors, {total / elapsed:.0f} requests/s; latency median "
              f"{statistics.median(flat) * 1000:.1f} ms, p95 {percentile(flat, 0.95) * 1000:.1f} ms")
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
