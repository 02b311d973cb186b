"""Start-up time and memory of `wbkg serve` on a built project: seconds from starting the server until GET /
answers 200, and the RSS and PSS of its process tree (server, zygote, workers) after start-up and after a
round of pages (an entity, the timeline, VoID, a SPARQL query, ...). Medians of --starts runs.

    python bench/serve_startup.py /tmp/wbkg-1000          # a project built with `wbkg build --store oxigraph`
    python bench/serve_startup.py /tmp/wbkg-1000 --starts 3 --json out.json

PSS splits the pages that the zygote and its workers share copy-on-write; RSS counts them once per process.
Every request goes to 127.0.0.1 only; the loops are bounded in count and time.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = ("SELECT ?person ?name WHERE { ?person a <https://w3id.org/wbkg/ontology#Person> ; "
         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY STR(?name) LIMIT 20")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    """pid and every descendant, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, ()))
    return out


def memory(pid: int) -> dict:
    """MiB of RSS and PSS, summed over the tree and per process."""
    per = []
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                fields = {line.split(":")[0]: int(line.split()[1]) for line in handle if line.split()[-1] == "kB"}
        except OSError:
            continue
        per.append((p, fields.get("Rss", 0) / 1024, fields.get("Pss", 0) / 1024))
    return {"rss": sum(r for _p, r, _s in per), "pss": sum(s for _p, _r, s in per),
            "processes": [(p, round(r), round(s)) for p, r, s in per]}


def get(url: str, timeout: float = 60) -> tuple[int, float]:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - started


def pages(root: Path) -> list[str]:
    """About 20 paths: NATO (named in many articles), the first and last article, the other kinds of page."""
    stems = sorted(p.stem for p in (root / "graph" / "articles").glob("*.ttl"))
    slug = "nato"
    q = urllib.parse.urlencode({"query": QUERY})
    return ["/", f"/id/{slug}", f"/id/{slug}.ttl", "/timeline", "/timeline?from=2017&to=2017", "/.well-known/void",
            "/.well-known/void.ttl", f"/sparql?{q}", f"/article/{stems[0]}", f"/article/{stems[-1]}",
            f"/article/{stems[0]}.ttl", "/search?q=mini", "/search?q=a", "/ontology", "/browse/Person",
            "/browse/Event", "/graph/entities", "/queries", "/articles", "/context.jsonld", f"/id/{slug}"]


def one_start(root: Path, command: list[str], budget: float) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--root", str(root), "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"wbkg serve exited with {process.returncode}: {process.stderr.read().decode()}")
            if time.perf_counter() - started > budget:
                raise RuntimeError(f"no answer within {budget} s")
            try:
                if get(base + "/", timeout=budget)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        ready = time.perf_counter() - started
        time.sleep(0.5)   # the workers finish starting
        after_start = memory(process.pid)
        timings = {}
        for path in pages(root):
            status, seconds = get(base + path, timeout=budget)
            timings[path] = (status, round(seconds, 3))
        after_pages = memory(process.pid)
        return {"ready": ready, "start": after_start, "pages": after_pages, "timings": timings}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, help="a project built with `wbkg build --store oxigraph`")
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--budget", type=float, default=300.0, help="seconds to wait for an answer")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args()
    command = [sys.executable, "-m", "wbkg.cli"]
    runs = []
    for i in range(args.starts):
        run = one_start(args.root.resolve(), command, args.budget)
        runs.append(run)
        print(f"start {i + 1}: ready in {run['ready']:.2f} s; RSS {run['start']['rss']:.0f} MiB "
              f"(PSS {run['start']['pss']:.0f}) after start, {run['pages']['rss']:.0f} MiB "
              f"(PSS {run['pages']['pss']:.0f}) after {len(run['timings'])} pages", flush=True)
    med = statistics.median
    print(f"median of {len(runs)}: ready {med(r['ready'] for r in runs):.2f} s; "
          f"after start RSS {med(r['start']['rss'] for r in runs):.0f} MiB, PSS {med(r['start']['pss'] for r in runs):.0f} MiB; "
          f"after pages RSS {med(r['pages']['rss'] for r in runs):.0f} MiB, PSS {med(r['pages']['pss'] for r in runs):.0f} MiB")
    slowest = sorted(((t[1], p, t[0]) for p, t in runs[-1]["timings"].items()), reverse=True)[:5]
    print("slowest pages (last run): " + ", ".join(f"{p} {s:.2f} s ({c})" for s, p, c in slowest))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
