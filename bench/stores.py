"""The store comparison of `make bench`: embedded Oxigraph (the build's store) against an Oxigraph server and
Virtuoso 7, both started here on loopback (tests/store/remotekit.py), in one run on one machine.

Per corpus size (synthetic, `wbkg synth`): the build (time, triples in the merge), full publish time and the
bulk path each used (embedded: loading the exports into a new store on disk, which is what the build's store
stage does), incremental publish after one more article (`wbkg publish` sends that article's graphs and the
merge), and p50/p95 of every stored query on each store, with the ratio remote / embedded; peak RSS of this
process (build and embedded store) and of each server.

Bounded at any size: each (query, store) runs up to ``--reps`` times but stops repeating once its total passes
``--budget`` seconds (the table shows the repetitions when fewer than asked). A remote query has ``--timeout``
seconds (the client's timeout, and the store's own query limit so that it stops working too): past it, it
is "no answer within N s". The embedded store has no timeout: a first run past the budget is its one figure.
Figures are saved after every step (``<size>.json``; the table in ``<size>.md``), so a run cut short keeps
what it measured.

Usage: python bench/stores.py [--sizes 1000,10000] [--reps 5] [--budget 60] [--timeout 120]
                              [--out bench/results/stores]
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "store")]

from remotekit import OxigraphServer, Virtuoso, client  # noqa: E402

from wbkg.pipeline import build  # noqa: E402
from wbkg.project import Project  # noqa: E402
from wbkg.publish import PublishFailed, publish  # noqa: E402
from wbkg.publish.graphs import default_graph  # noqa: E402
from wbkg.query.stored import stored_queries  # noqa: E402
from wbkg.store import backend  # noqa: E402
from wbkg.synth import add_article, query_params, synthesize  # noqa: E402

STORES = {"embedded": "embedded Oxigraph", "oxigraph-server": "Oxigraph server", "virtuoso": "Virtuoso 7.2"}
REMOTE = ["oxigraph-server", "virtuoso"]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def own_peak_rss_mb(reset: bool = False) -> float | None:
    """This process's peak resident memory (Linux VmHWM); ``reset`` starts a new peak (clear_refs 5)."""
    try:
        if reset:
            Path("/proc/self/clear_refs").write_text("5")
        found = re.search(r"^VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        return None
    return int(found.group(1)) / 1024 if found else None


def publish_to(server, project) -> dict:
    """``wbkg publish`` to ``server``: seconds, graphs sent, the bulk path, and what went wrong if anything.
    ``loaded``: the store holds the data (a publish whose count check alone failed still sent everything)."""
    started = time.perf_counter()
    try:
        report = publish(project, server.graph_store, endpoint=server.endpoint, client=client(auth=server.auth(),
                         timeout=7200.0), **server.options)
    except PublishFailed as exc:
        print(f"{server.name}: {exc}", file=sys.stderr, flush=True)
        return {"s": time.perf_counter() - started, "error": str(exc)[:300],
                "loaded": "not published" not in str(exc)}   # everything sent; the check failed or could not run
    return {"s": time.perf_counter() - started, "sent": len(report.sent), "loaded": True,
            "bulk": report.bulk or "a PUT per graph", "folded": {g: [str(f) for f in found]   # docs/STORES.md
                                                                 for g, found in report.folded.items()}}


def run_query(store, query, bindings, reps: int, budget: float, timeout: float | None) -> dict:
    """Up to ``reps`` runs, fewer once their total passes ``budget``; an error ends the series."""
    times: list[float] = []
    while len(times) < reps and sum(times) <= budget:
        started = time.perf_counter()
        try:
            store.query(query.text, query.prepared, bindings)
        except Exception as exc:   # a store refusing a query, or not answering in time, is a figure too
            spent, text = time.perf_counter() - started, " ".join(str(exc).split())
            text = re.sub(r"^--endpoint \S+: ", "", text)   # the URL is a throw-away port
            late = timeout and (spent >= timeout * 0.95 or re.search(r"timed out|time limit|timeout", text, re.I))
            return {"times": times, "error": f"no answer within {timeout:g} s" if late else text[:100],
                    "detail": text[:300]}
        times.append(time.perf_counter() - started)
    return {"times": times}


def measure(size: int, args, work: Path, save) -> dict:
    own_peak_rss_mb(reset=True)
    target = work / f"corpus-{size}"
    synthesize(target, size, seed=1, source_root=ROOT)
    project = Project(target)
    seconds, result = timed(lambda: build(project, reason=False, progress=False))
    assert result.ok
    f = {"size": size, "reps": args.reps, "budget_s": args.budget, "timeout_s": args.timeout, "build_s": seconds,
         "merge_triples": default_graph(project.build_dir / "wbkg.nt").triples, "publish": {}, "incremental": {},
         "queries": {}, "peak_rss_mb": {}}
    print(f"{size} articles: build {seconds:.1f} s, {f['merge_triples']} triples in the merge", flush=True)
    nq = (project.build_dir / "wbkg.nq").read_bytes()
    nt = (project.build_dir / "wbkg.nt").read_bytes()
    seconds, embedded = timed(lambda: backend("oxigraph").from_exports(nq, nt, path=work / f"embedded-{size}"))
    nq = nt = None   # 5 M triples are a gigabyte: not kept while the servers run
    f["publish"]["embedded"] = {"s": seconds, "loaded": True, "bulk": "pyoxigraph bulk_load, in process"}
    save(f)
    limit = int(args.timeout)
    servers = {"oxigraph-server": OxigraphServer(work / f"oxs-{size}", query_limit=limit),
               "virtuoso": Virtuoso(work / f"virt-{size}", query_limit=limit)}
    try:
        for name, server in servers.items():
            f["publish"][name] = publish_to(server, project)
            save(f)
        for name, figure in f["publish"].items():
            print(f"full publish to {name}: {figure['s']:.1f} s, bulk path: {figure.get('bulk', '-')}"
                  + (f" ({figure['error']})" if "error" in figure else ""), flush=True)
        stores = {"embedded": embedded}
        for name, server in servers.items():
            if f["publish"][name]["loaded"]:
                stores[name] = backend("remote")(server.endpoint, merge_graph=server.options.get("merge_graph"),
                                                 timeout=args.timeout)
                stores[name].named_graphs()   # asked once per connection: not part of the first query's time
        params = query_params(target)
        for qname, query in stored_queries(target / "queries").items():
            bindings = query.bindings(params.get(qname, {p.name: p.example for p in query.parameters if p.example}))
            for sname, store in stores.items():
                f["queries"].setdefault(qname, {})[sname] = run_query(
                    store, query, bindings, args.reps, args.budget, None if sname == "embedded" else args.timeout)
            save(f)
        for store in stores.values():
            if store is not embedded:
                store.close()
        add_article(target, 1, size, size)
        assert build(project, reason=False, progress=False).ok
        for name, server in servers.items():
            f["incremental"][name] = publish_to(server, project)
            save(f)
    finally:
        for name, server in servers.items():
            f["peak_rss_mb"][name] = server.peak_rss_mb()
            server.stop()
        f["peak_rss_mb"]["bench (build, embedded)"] = own_peak_rss_mb()
        save(f)
    return f


def cell(figure: dict | None, reps: int, base: float | None = None) -> str:
    if not figure:
        return "not run"
    times = figure["times"]
    text = f"{percentile(times, 50) * 1e3:.1f} / {percentile(times, 95) * 1e3:.1f}" if times else ""
    if times and base:
        text += f" ({percentile(times, 50) / base:.1f}x)"
    if times and len(times) < reps:
        text += f" [{len(times)} of {reps} runs]"
    if "error" in figure:
        text += ("; then " if text else "") + figure["error"]
    return text


def publish_cell(figure: dict | None, incremental: bool = False) -> str:
    if not figure:
        return "not run"
    text = f"{figure['s']:.2f}"
    text += f" ({figure['sent']} graphs)" if incremental and "sent" in figure else ""
    return text + (" (count check failed, see below)" if "error" in figure else "")


def table(f: dict) -> str:
    reps = f["reps"]
    out = [f"### {f['size']} articles ({f['merge_triples']:,} triples in the merge; build {f['build_s']:.1f} s)", "",
           f"Up to {reps} runs per query, fewer once a query's total passes {f['budget_s']:g} s; remote queries "
           f"time out after {f['timeout_s']:g} s (the embedded store has no timeout).", "",
           "| | " + " | ".join(STORES.values()) + " |", "|---|---|---|---|"]
    pub, inc = f["publish"], f["incremental"]
    out.append("| full publish (s) | " + " | ".join(publish_cell(pub.get(n)) for n in STORES) + " |")
    out.append("| bulk path | " + " | ".join(pub.get(n, {}).get("bulk", "-") for n in STORES) + " |")
    out.append("| incremental publish, one article (s) | (build's own difference) | "
               + " | ".join(publish_cell(inc.get(n), incremental=True) for n in REMOTE) + " |")
    out.append("| peak RSS (MB) | " + " | ".join(
        f"{rss:.0f}" if (rss := f["peak_rss_mb"].get(n)) else "-"
        for n in ("bench (build, embedded)", *REMOTE)) + " |")
    out += ["", "| query | " + " | ".join(f"{label} p50 / p95 ms" + (" (ratio)" if n != "embedded" else "")
                                          for n, label in STORES.items()) + " |", "|---|---|---|---|"]
    ratios: dict[str, list[float]] = {n: [] for n in REMOTE}
    for qname in sorted(f["queries"]):
        row = f["queries"][qname]
        times = row.get("embedded", {}).get("times")
        base = percentile(times, 50) if times else None
        for n in REMOTE:
            if base and row.get(n, {}).get("times"):
                ratios[n].append(percentile(row[n]["times"], 50) / base)
        out.append(f"| {qname} | {cell(row.get('embedded'), reps)} | "
                   + " | ".join(cell(row.get(n), reps, base) for n in REMOTE) + " |")
    out.append("| **median ratio** | 1 | " + " | ".join(
        f"{statistics.median(ratios[n]):.1f}x" if ratios[n] else "-" for n in REMOTE) + " |")
    notes = [f"{n} {kind}: {fig['error']}" for kind, figs in (("full publish", pub), ("incremental", inc))
             for n, fig in figs.items() if "error" in fig]
    return "\n".join(out + ([""] + [f"- {note}" for note in notes] if notes else []))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per (query, store) before repeating stops")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a remote store has for one query")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "stores"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def save(figures: dict) -> None:
        (out / f"{figures['size']}.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
        if "queries" in figures and figures["publish"]:
            (out / f"{figures['size']}.md").write_text(table(figures) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="wbkg-stores-") as work:
        for size in (int(s) for s in args.sizes.split(",")):
            figures = measure(size, args, Path(work), save)
            print(table(figures), flush=True)


if __name__ == "__main__":
    main()
