"""The wbkg benchmark: one table per corpus size (the seed corpus, then synthetic corpora of 100, 1,000 and
10,000 articles from `wbkg synth`).

For each size, both pipelines are measured in this run, each build in its own process (so that peak RSS,
sampled over the process and its workers, is the build's own):

* the scalable pipeline (``wbkg build --store oxigraph``): triples, build time per stage, a rebuild after
  adding one article, p50/p95 of every stored query on the persistent store (in process), peak RSS;
* the plain in-memory rdflib pipeline (``--store rdflib``) where it finishes within ``--rdflib-timeout``:
  the same figures, and the ratio.

Then, on a synthetic corpus of about 100,000 triples: loading the same N-Quads into Oxigraph and into an
rdflib Dataset, and every stored query on both (geometric mean of the ratios).

Usage: ``python bench/run.py [--sizes seed,100,1000,10000] [--out bench/results] [--reps N]``;
``make bench`` runs the full set. Results are written as JSON per size and printed as Markdown tables.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PYTHON = sys.executable
PARTS = ("ontology", "graph", "corpus", "shapes", "queries")


# --- running a measured child process ------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """RSS in bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measured(code: str, timeout: float | None = None) -> dict:
    """Run Python ``code`` in a child; it prints one JSON line last. Returns that dict with wall time and
    the peak RSS of the child's process tree (sampled every 50 ms)."""
    started = time.perf_counter()
    # output goes to files, not pipes: a child that prints more than a pipe holds must not block
    out_file = tempfile.TemporaryFile(mode="w+")
    err_file = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([PYTHON, "-c", code], stdout=out_file, stderr=err_file, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "WBKG_PROGRESS": "0"})
    peak = 0
    timed_out = False
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        if timeout is not None and time.perf_counter() - started > timeout:
            proc.kill()
            timed_out = True
            break
        time.sleep(0.05)
    proc.wait()
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    wall = time.perf_counter() - started
    if timed_out:
        partial = [line for line in out.strip().splitlines() if line.startswith('{"partial"')]
        result = json.loads(partial[-1])["partial"] if partial else {}
        result.update(timeout=True, wall=wall, peak_rss=peak)
        return result
    if proc.returncode != 0:
        return {"error": err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}",
                "wall": wall, "peak_rss": peak}
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=wall, peak_rss=peak)
    return result


BUILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from wbkg.build import build
    from wbkg.paths import Project
    t = time.perf_counter()
    r = build(Project(Path({root!r})), reason={reason}, store={store!r})
    print(json.dumps({{"ok": r.ok, "timings": r.timings, "triples": r.stats["triples"],
                      "seconds": time.perf_counter() - t, "redone": len(getattr(r, "redone", [])),
                      "verdict": r.checks.render().strip().splitlines()[-1]}}))
""")

QUERIES_OX = textwrap.dedent("""
    import json, time
    from pathlib import Path
    from wbkg.paths import Project
    from wbkg.queries import stored_queries
    from wbkg.scale import open_persistent_store
    p = Project(Path({root!r}))
    store = open_persistent_store(p, require_fresh=False)
    out = {{}}
    for name, q in stored_queries(p.queries_dir).items():
        params = {{x.name: x.example for x in q.parameters if x.example}}
        b = q.bindings(params)
        times = []
        for _ in range({reps}):
            t = time.perf_counter(); r = store.query(q.text, q.prepared, b); times.append(time.perf_counter() - t)
            if times[-1] > 10:  # a slow query is timed fewer times (the table shows how many)
                break
        out[name] = {{"times": times, "rows": len(r)}}
    print(json.dumps(out))
""")

QUERIES_RDFLIB = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from wbkg.paths import Project
    from wbkg.load import load
    from wbkg.queries import stored_queries
    from wbkg.execute import run
    p = Project(Path({root!r}))
    t = time.perf_counter(); loaded = load(p); load_s = time.perf_counter() - t
    out = {{"_load": load_s}}
    budget = time.perf_counter() + {budget}
    for name, q in stored_queries(p.queries_dir).items():
        params = {{x.name: x.example for x in q.parameters if x.example}}
        times = []
        for _ in range({reps}):
            if time.perf_counter() > budget:
                break
            t = time.perf_counter(); r = run(loaded, q, params, store="rdflib"); times.append(time.perf_counter() - t)
            if times[-1] > 10:
                break
        out[name] = {{"times": times, "rows": len(r) if times else None}}
        print(json.dumps({{"partial": out}}), flush=True)
    print(json.dumps(out))
""")


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))
    return values[index]


# --- corpora --------------------------------------------------------------------------------------------

def make_corpus(size: str, folder: Path) -> Path:
    target = folder / f"corpus-{size}"
    if target.exists():
        shutil.rmtree(target)
    if size == "seed":
        target.mkdir(parents=True)
        for part in PARTS:
            shutil.copytree(ROOT / part, target / part)
        return target
    from wbkg.synth import synthesize
    synthesize(target, int(size), seed=1, source_root=ROOT)
    return target


def add_one(root: Path, size: str) -> str:
    from wbkg.synth import add_article
    n = sum(1 for _ in (root / "graph" / "articles").glob("*.ttl"))
    if size == "seed":
        # a synthetic article added to the real corpus: it must use entities the seed describes, so use a
        # copy of a real article under a new name instead
        src = sorted((root / "graph" / "articles").glob("*.ttl"))[0]
        stem = "999_bench0000000000"
        text = (root / "corpus" / f"{src.stem}.txt").read_text(encoding="utf-8")
        (root / "corpus" / f"{stem}.txt").write_text(text, encoding="utf-8")
        graph = src.read_text(encoding="utf-8").replace(src.stem, stem)
        (root / "graph" / "articles" / f"{stem}.ttl").write_text(graph, encoding="utf-8")
        meta = (root / "corpus" / "articles.ttl").read_text(encoding="utf-8")
        block = meta[meta.index(f"article:{src.stem}"):]
        block = block[:block.index(" .\n") + 3].replace(src.stem, stem)
        (root / "corpus" / "articles.ttl").write_text(meta + "\n" + block, encoding="utf-8")
        return stem
    return add_article(root, 1, n, int(size))


# --- one size ---------------------------------------------------------------------------------------------

def bench_size(size: str, work: Path, reps: int, rdflib_timeout: float, with_rdflib: bool,
               reason: bool = True, query_budget: float = 300.0) -> dict:
    print(f"[bench] {size}: generating", file=sys.stderr, flush=True)
    root = make_corpus(size, work)
    result: dict = {"size": size}
    builds = 5 if size == "seed" else 1
    ox_runs = []
    for i in range(builds):
        shutil.rmtree(root / "build", ignore_errors=True)
        print(f"[bench] {size}: oxigraph build {i + 1}/{builds}", file=sys.stderr, flush=True)
        ox_runs.append(measured(BUILD.format(root=str(root), reason=reason, store="oxigraph")))
    result["oxigraph"] = {"runs": ox_runs}
    print(f"[bench] {size}: oxigraph queries", file=sys.stderr, flush=True)
    result["oxigraph"]["queries"] = measured(QUERIES_OX.format(root=str(root), reps=reps))
    print(f"[bench] {size}: add one article", file=sys.stderr, flush=True)
    stem = add_one(root, size)
    result["oxigraph"]["incremental"] = measured(BUILD.format(root=str(root), reason=reason, store="oxigraph"))
    result["oxigraph"]["incremental"]["added"] = stem
    # undo the addition for the rdflib path, so both paths build the same corpus
    for path in (root / "corpus" / f"{stem}.txt", root / "graph" / "articles" / f"{stem}.ttl"):
        path.unlink()
    shutil.rmtree(root / "corpus")
    shutil.rmtree(root / "graph")
    fresh = make_corpus(size, work / "again")
    shutil.copytree(fresh / "corpus", root / "corpus")
    shutil.copytree(fresh / "graph", root / "graph")
    shutil.rmtree(work / "again")
    if with_rdflib:
        rd_runs = []
        for i in range(builds):
            shutil.rmtree(root / "build", ignore_errors=True)
            print(f"[bench] {size}: rdflib build {i + 1}/{builds}", file=sys.stderr, flush=True)
            run = measured(BUILD.format(root=str(root), reason=reason, store="rdflib"), timeout=rdflib_timeout)
            rd_runs.append(run)
            if run.get("timeout") or run.get("error"):
                break
        result["rdflib"] = {"runs": rd_runs}
        if not (rd_runs[-1].get("timeout") or rd_runs[-1].get("error")):
            print(f"[bench] {size}: rdflib queries", file=sys.stderr, flush=True)
            result["rdflib"]["queries"] = measured(
                QUERIES_RDFLIB.format(root=str(root), reps=3, budget=query_budget),
                timeout=query_budget + 300)
    if size == "seed":
        # as a user runs it: `wbkg build` (in memory for the seed corpus), then queries in new processes
        shutil.rmtree(root / "build", ignore_errors=True)
        measured(BUILD.format(root=str(root), reason=reason, store="auto"))
        from wbkg.queries import stored_queries
        wall = []
        for name, q in sorted(stored_queries(root / "queries").items()):
            params = [x for p in q.parameters if p.example for x in ("--param", f"{p.name}={p.example}")]
            times = []
            for _ in range(3):
                t = time.perf_counter()
                done = subprocess.run([PYTHON, "-m", "wbkg.cli", "--root", str(root), "query", name, *params],
                                      capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
                assert done.returncode in (0, 1), (name, done.stderr[-500:])
                times.append(time.perf_counter() - t)
            wall.append((name, statistics.median(times)))
        result["cli_query_wall"] = dict(wall)
    shutil.rmtree(root, ignore_errors=True)
    return result


def bench_100k(work: Path, reps: int) -> dict:
    """Loading and querying the same ~100k-triple dataset in Oxigraph and in rdflib (in process)."""
    root = make_corpus("190", work)  # about 100k triples
    code = textwrap.dedent(f"""
        import json, signal, time
        from pathlib import Path
        from wbkg.build import build
        from wbkg.paths import Project
        LIMIT = 60
        def _stop(signum, frame):
            raise TimeoutError
        signal.signal(signal.SIGALRM, _stop)
        p = Project(Path({str(root)!r}))
        r = build(p, reason=False, store="oxigraph")
        nq = (p.build_dir / "wbkg.nq").read_bytes()
        nt = (p.build_dir / "wbkg.nt").read_bytes()
        import pyoxigraph as ox
        from rdflib import Dataset
        from wbkg.store import OxigraphStore, RdflibStore
        load = {{}}
        # the same work on both sides: parse the N-Quads into a queryable dataset (our own exports, already
        # checked: Oxigraph's lenient mode skips re-validating IRIs, as rdflib's N-Quads parser does);
        # Oxigraph also loads the merge (its union default graph would repeat a triple once per graph)
        times, nq_only = [], []
        for _ in range(3):
            t = time.perf_counter(); s = ox.Store(); s.load(nq, format=ox.RdfFormat.N_QUADS, lenient=True)
            nq_only.append(time.perf_counter() - t)
            s.load(nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)
            times.append(time.perf_counter() - t)
        load["oxigraph"] = min(times)
        load["oxigraph_nquads"] = min(nq_only)
        t = time.perf_counter(); persistent = ox.Store.read_only(str(p.build_dir / "oxigraph"))
        persistent.query("ASK {{ ?s ?p ?o }}"); load["oxigraph_open"] = time.perf_counter() - t
        del persistent
        rd = []
        for _ in range(2):
            t = time.perf_counter(); d = Dataset(default_union=True); d.parse(data=nq.decode(), format="nquads")
            rd.append(time.perf_counter() - t)
        load["rdflib"] = min(rd)
        ox_store = OxigraphStore(); ox_store.store = s
        rd_store = RdflibStore(d)
        from wbkg.queries import stored_queries
        queries = {{}}
        for name, q in stored_queries(p.queries_dir).items():
            params = {{x.name: x.example for x in q.parameters if x.example}}
            b = q.bindings(params)
            row = {{}}
            for label, store, n in (("oxigraph", ox_store, {reps}), ("rdflib", rd_store, 3)):
                ts = []
                for _ in range(n):
                    t = time.perf_counter()
                    signal.alarm(LIMIT)  # rdflib's engine is Python: the alarm stops a query that runs away
                    try:
                        store.query(q.text, q.prepared, b)
                    except TimeoutError:
                        ts.append(float(LIMIT))
                        row[label + "_capped"] = True
                        break
                    finally:
                        signal.alarm(0)
                    ts.append(time.perf_counter() - t)
                    if ts[-1] > 20:
                        break
                row[label] = sorted(ts)[len(ts) // 2]
            queries[name] = row
        print(json.dumps({{"triples": r.stats["triples"], "load": load, "queries": queries}}))
    """)
    result = measured(code, timeout=3600)
    shutil.rmtree(root, ignore_errors=True)
    return result


# --- reporting -----------------------------------------------------------------------------------------

def fmt_s(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def fmt_gib(value) -> str:
    return "–" if not value else f"{value / 2**30:.2f} GiB"


def median_run(runs: list[dict]) -> dict:
    good = [r for r in runs if "timings" in r]
    if not good:
        return runs[-1] if runs else {}
    good.sort(key=lambda r: r["timings"].get("total", r["wall"]))
    return good[len(good) // 2]


STAGES = (("load", ("load",)), ("grounding", ("grounding", "schema-view")), ("store load", ("store",)),
          ("SHACL", ("shacl",)), ("violation queries", ("violation-queries",)), ("reasoning", ("reasoning",)),
          ("export", ("export",)))


def table(result: dict) -> str:
    ox = result.get("oxigraph", {})
    rd = result.get("rdflib", {})
    ox_run = median_run(ox.get("runs", []))
    rd_run = median_run(rd.get("runs", [])) if rd else {}
    lines = [f"### {result['size']} {'(the five real articles)' if result['size'] == 'seed' else 'articles'}", ""]
    n_runs = len(ox.get("runs", []))
    lines.append(f"triples: {ox_run.get('triples', '–')}; builds: median of {n_runs} run(s); verdict: "
                 f"{ox_run.get('verdict', ox_run.get('error', '–'))}")
    lines.append("")
    lines.append("| figure | scalable (Oxigraph) | in-memory rdflib | rdflib / Oxigraph |")
    lines.append("|---|---|---|---|")

    def rd_note():
        if not rd:
            return "not run"
        last = rd.get("runs", [{}])[-1]
        if last.get("timeout"):
            return f"did not finish in {last['wall']:.0f} s"
        if last.get("error"):
            return f"failed: {last['error'][:60]}"
        return None

    def row(label, a, b, unit="s"):
        note = rd_note()
        fa = fmt_s(a) if unit == "s" else fmt_gib(a)
        fb = (fmt_s(b) if unit == "s" else fmt_gib(b)) if b is not None else (note or "–")
        ratio = f"{b / a:.1f}x" if a and b else "–"
        lines.append(f"| {label} | {fa} | {fb} | {ratio} |")

    ot, rt = ox_run.get("timings", {}), rd_run.get("timings", {})
    row("full build (total)", ot.get("total"), rt.get("total") if rt else None)
    for label, keys in STAGES:
        a = sum(ot.get(k, 0) for k in keys) if any(k in ot for k in keys) else None
        b = sum(rt.get(k, 0) for k in keys) if rt and any(k in rt for k in keys) else None
        if a is None and b is None:
            continue
        row(f"  {label}", a, b)
    inc = ox.get("incremental", {})
    lines.append(f"| rebuild after adding one article | {fmt_s(inc.get('timings', {}).get('total'))} "
                 f"({inc.get('redone', '–')} article(s) redone) | full rebuild only | – |")
    row("peak RSS (build, all processes)", ox_run.get("peak_rss"), rd_run.get("peak_rss") if rt else None, unit="b")
    oq = ox.get("queries", {})
    rq = rd.get("queries", {}) if rd else {}
    names = sorted(k for k in oq if isinstance(oq[k], dict) and "times" in oq[k])
    if names:
        lines.append("")
        lines.append("| stored query | rows | Oxigraph p50 | Oxigraph p95 | rdflib p50 | rdflib p95 | rdflib / Oxigraph (p50) |")
        lines.append("|---|---|---|---|---|---|---|")
        for name in names:
            ot_ = oq[name]["times"]
            rt_ = rq.get(name, {}).get("times", []) if isinstance(rq.get(name), dict) else []
            o50, o95 = quantile(ot_, 0.5), quantile(ot_, 0.95)
            r50, r95 = (quantile(rt_, 0.5), quantile(rt_, 0.95)) if rt_ else (None, None)
            ratio = f"{r50 / o50:.0f}x" if r50 and o50 else ("–" if not rq else "not run (budget)")
            runs = f" ({len(ot_)} runs)" if len(ot_) < 5 else ""
            lines.append(f"| {name} | {oq[name]['rows']} | {fmt_s(o50)}{runs} | {fmt_s(o95)} | {fmt_s(r50)} "
                         f"| {fmt_s(r95)} | {ratio} |")
    if "cli_query_wall" in result:
        walls = result["cli_query_wall"]
        worst = max(walls.items(), key=lambda kv: kv[1]) if walls else ("–", None)
        lines.append("")
        lines.append(f"`wbkg query NAME` wall time (new process, median of 3): median over queries "
                     f"{fmt_s(statistics.median(walls.values()))}, slowest {worst[0]} {fmt_s(worst[1])}")
    return "\n".join(lines) + "\n"


def table_100k(result: dict) -> str:
    if "load" not in result:
        return f"### ~100k triples: Oxigraph vs rdflib\n\nnot measured: {result}\n"
    lines = [f"### Oxigraph vs rdflib on the same {result['triples']} triples", ""]
    load = result["load"]
    lines.append(f"loading the N-Quads (best of 3 / 2): Oxigraph, named graphs and their merge {fmt_s(load['oxigraph'])}, "
                 f"rdflib {fmt_s(load['rdflib'])}, ratio {load['rdflib'] / load['oxigraph']:.1f}x")
    if "oxigraph_nquads" in load:
        lines.append(f"the N-Quads alone into Oxigraph (rdflib's work): {fmt_s(load['oxigraph_nquads'])}, ratio "
                     f"{load['rdflib'] / load['oxigraph_nquads']:.1f}x; opening the build's persistent store "
                     f"(what `wbkg query` does): {fmt_s(load['oxigraph_open'])}, ratio "
                     f"{load['rdflib'] / load['oxigraph_open']:.0f}x")
    ratios = [row["rdflib"] / row["oxigraph"] for row in result["queries"].values() if row["oxigraph"] > 0]
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else float("nan")
    lines.append(f"stored queries ({len(ratios)}), p50 each: geometric mean of rdflib / Oxigraph = {geo:.1f}x")
    lines.append("")
    lines.append("| stored query | Oxigraph p50 | rdflib p50 | ratio |")
    lines.append("|---|---|---|---|")
    for name, row in sorted(result["queries"].items()):
        capped = ">= " if row.get("rdflib_capped") else ""
        lines.append(f"| {name} | {fmt_s(row['oxigraph'])} | {capped}{fmt_s(row['rdflib'])} | "
                     f"{capped}{row['rdflib'] / row['oxigraph']:.0f}x |")
    if any(row.get("rdflib_capped") for row in result["queries"].values()):
        lines.append("")
        lines.append("`>=`: rdflib was stopped after 60 s; the ratio is a lower bound (and so is the geometric mean).")
    return "\n".join(lines) + "\n"


def summary(results: list[dict]) -> str:
    """One compact table over every size (the README's Performance table): scalable build, its stages,
    the incremental rebuild, peak RSS, stored queries (Oxigraph p50: median and slowest), and the
    in-memory rdflib build where it ran."""
    if not results:
        return ""
    sizes = [r["size"] for r in results]
    lines = ["| figure | " + " | ".join(f"{s} articles" if s != "seed" else "seed (5 articles)" for s in sizes) + " |",
             "|---" * (len(sizes) + 1) + "|"]

    def add(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    runs = [median_run(r.get("oxigraph", {}).get("runs", [])) for r in results]
    add("triples", [str(run.get("triples", "–")) for run in runs])
    add("full build, scalable (Oxigraph)", [fmt_s(run.get("timings", {}).get("total")) for run in runs])
    for label, keys in STAGES:
        cells = []
        for run in runs:
            t = run.get("timings", {})
            cells.append(fmt_s(sum(t.get(k, 0) for k in keys)) if any(k in t for k in keys) else "–")
        add(f"  {label}", cells)
    add("rebuild after adding one article",
        [fmt_s(r.get("oxigraph", {}).get("incremental", {}).get("timings", {}).get("total")) for r in results])
    add("peak RSS (all processes)", [fmt_gib(run.get("peak_rss")) for run in runs])
    medians, worst = [], []
    for r in results:
        q = {k: v for k, v in r.get("oxigraph", {}).get("queries", {}).items() if isinstance(v, dict) and v.get("times")}
        p50 = {k: quantile(v["times"], 0.5) for k, v in q.items()}
        medians.append(fmt_s(statistics.median(p50.values())) if p50 else "–")
        name = max(p50, key=p50.get) if p50 else None
        worst.append(f"{fmt_s(p50[name])} ({name})" if name else "–")
    add("stored queries p50, median over the queries", medians)
    add("stored queries p50, slowest", worst)
    cells = []
    for r in results:
        rd = r.get("rdflib")
        if not rd:
            cells.append("not run")
            continue
        run = median_run(rd.get("runs", []))
        cells.append(fmt_s(run.get("timings", {}).get("total")) if "timings" in run else
                     ("did not finish" if run.get("timeout") else "failed"))
    add("full build, in-memory rdflib", cells)
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {sys.version.split()[0]}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,100,1000,10000")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--reps", type=int, default=20, help="runs of each stored query (Oxigraph)")
    parser.add_argument("--rdflib-timeout", type=float, default=1800.0)
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size run on the rdflib path")
    parser.add_argument("--rdflib-query-budget", type=float, default=300.0,
                        help="seconds for timing the stored queries on rdflib, per size")
    parser.add_argument("--no-100k", action="store_true", help="skip the ~100k-triple comparison")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: print the tables again from the JSON files in --out")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        return report_only(out, [s.strip() for s in args.sizes.split(",") if s.strip()], not args.no_100k)
    work = Path(tempfile.mkdtemp(prefix="wbkg-bench-"))
    report = [f"machine: {machine()}", ""]
    results = []
    try:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            with_rdflib = size == "seed" or int(size) <= args.rdflib_max
            reps = args.reps if size in ("seed", "100") else max(5, args.reps // (2 if size == "1000" else 4))
            result = bench_size(size, work, reps, args.rdflib_timeout, with_rdflib,
                                query_budget=args.rdflib_query_budget)
            (out / f"{size}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
            results.append(result)
            text = table(result)
            report.append(text)
            print(text, flush=True)
        if not args.no_100k:
            print("[bench] ~100k triples: Oxigraph vs rdflib", file=sys.stderr, flush=True)
            result = bench_100k(work, args.reps)
            (out / "100k.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
            text = table_100k(result)
            report.append(text)
            print(text, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "### Summary\n\n" + summary(results)
    report.insert(2, text)
    print(text, flush=True)
    (out / "report.md").write_text("\n".join(report), encoding="utf-8")
    return 0


def report_only(out: Path, sizes: list[str], with_100k: bool) -> int:
    """The report of earlier measurements (each size's JSON in ``out``), e.g. after re-measuring one size."""
    results = []
    report = [f"machine: {machine()}", ""]
    for size in sizes:
        path = out / f"{size}.json"
        if not path.exists():
            print(f"bench: {path}: no result for size {size} (run the benchmark for it first)", file=sys.stderr)
            return 2
        results.append(json.loads(path.read_text(encoding="utf-8")))
        report.append(table(results[-1]))
    if with_100k and (out / "100k.json").exists():
        report.append(table_100k(json.loads((out / "100k.json").read_text(encoding="utf-8"))))
    report.insert(2, "### Summary\n\n" + summary(results))
    text = "\n".join(report)
    print(text, flush=True)
    (out / "report.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
