"""The store comparison of `make bench`: embedded Oxigraph (the build's store) against an Oxigraph server and
Virtuoso 7, both started here on loopback (tests/store/remotekit.py), in one run on one machine.

Per corpus size (synthetic, `wbkg synth`): full publish time (embedded: loading the exports into a new store on
disk, which is what the build's store stage does), incremental publish after one more article (`wbkg publish`
sends that article's graphs and the merge), and p50/p95 of every stored query on each store, with the ratio
remote / embedded. Printed as Markdown; docs/STORES.md quotes the figures.

Usage: python bench/stores.py [--sizes 1000,10000] [--reps 5] [--out bench/results/stores]
"""
from __future__ import annotations

import argparse
import json
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
from wbkg.publish import publish  # noqa: E402
from wbkg.query.stored import stored_queries  # noqa: E402
from wbkg.store import backend  # noqa: E402
from wbkg.synth import add_article, query_params, synthesize  # noqa: E402


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def publish_to(server, project):
    import httpx
    auth = httpx.DigestAuth(server.user, server.password) if server.name == "virtuoso" else None
    from wbkg.publish import PublishFailed
    try:
        return publish(project, server.graph_store, endpoint=server.endpoint, client=client(auth=auth),
                       **server.options)
    except PublishFailed as exc:   # sent, but the counts differ (Virtuoso folds some literals): a figure too
        print(f"{server.name}: {exc}", file=sys.stderr)
        return type("Report", (), {"bulk": None, "sent": ["?"], "note": str(exc)})()


def measure(size: int, reps: int, work: Path) -> dict:
    target = work / f"corpus-{size}"
    synthesize(target, size, seed=1, source_root=ROOT)
    project = Project(target)
    seconds, result = timed(lambda: build(project, reason=False, progress=False))
    assert result.ok
    figures = {"size": size, "build_s": seconds, "publish": {}, "incremental": {}, "queries": {}}
    embedded_dir = work / f"embedded-{size}"
    nq = (project.build_dir / "wbkg.nq").read_bytes()
    nt = (project.build_dir / "wbkg.nt").read_bytes()
    figures["publish"]["embedded"], embedded = timed(
        lambda: backend("oxigraph").from_exports(nq, nt, path=embedded_dir))
    servers = {"oxigraph-server": OxigraphServer(work / f"oxs-{size}"), "virtuoso": Virtuoso(work / f"virt-{size}")}
    try:
        for name, server in servers.items():
            figures["publish"][name], report = timed(lambda: publish_to(server, project))
            figures.setdefault("bulk", {})[name] = report.bulk
        stores = {"embedded": embedded}
        stores.update({name: backend("remote")(s.endpoint, merge_graph=s.options.get("merge_graph"))
                       for name, s in servers.items()})
        params = query_params(target)
        for qname, query in stored_queries(target / "queries").items():
            bindings = query.bindings(params.get(qname, {p.name: p.example for p in query.parameters if p.example}))
            for sname, store in stores.items():
                times = []
                try:
                    for _ in range(reps):
                        times.append(timed(lambda: store.query(query.text, query.prepared, bindings))[0])
                    figures["queries"].setdefault(qname, {})[sname] = (percentile(times, 50), percentile(times, 95))
                except Exception as exc:   # a store refusing a query is a figure too
                    figures["queries"].setdefault(qname, {})[sname] = str(exc)[:80]
        add_article(target, 1, size, size)
        assert build(project, reason=False, progress=False).ok
        for name, server in servers.items():
            figures["incremental"][name], report = timed(lambda: publish_to(server, project))
            figures.setdefault("incremental_sent", {})[name] = len(report.sent)
    finally:
        for server in servers.values():
            server.stop()
    return figures


def table(f: dict) -> str:
    names = ["embedded", "oxigraph-server", "virtuoso"]
    out = [f"### {f['size']} articles (build {f['build_s']:.1f} s)", "",
           "| | embedded Oxigraph | Oxigraph server | Virtuoso 7.2 |", "|---|---|---|---|"]
    pub = f["publish"]
    out.append("| full publish (s) | " + " | ".join(f"{pub[n]:.2f}" for n in names) + " |")
    inc = f["incremental"]
    out.append(f"| incremental publish, one article (s) | (build's own difference) | {inc['oxigraph-server']:.2f} "
               f"({f['incremental_sent']['oxigraph-server']} graphs) | {inc['virtuoso']:.2f} "
               f"({f['incremental_sent']['virtuoso']} graphs) |")
    out += ["", "| query | embedded p50 / p95 ms | Oxigraph server p50 / p95 ms (ratio) | Virtuoso p50 / p95 ms (ratio) |",
            "|---|---|---|---|"]
    ratios = {n: [] for n in names[1:]}
    for qname in sorted(f["queries"]):
        row = f["queries"][qname]
        base = row["embedded"]
        cells = [f"{base[0] * 1e3:.1f} / {base[1] * 1e3:.1f}"]
        for n in names[1:]:
            value = row[n]
            if isinstance(value, str):
                cells.append(f"refused: {value}")
                continue
            ratio = value[0] / base[0] if base[0] else float("nan")
            ratios[n].append(ratio)
            cells.append(f"{value[0] * 1e3:.1f} / {value[1] * 1e3:.1f} ({ratio:.1f}x)")
        out.append(f"| {qname} | " + " | ".join(cells) + " |")
    out.append("| **median ratio** | 1 | " + " | ".join(f"{statistics.median(ratios[n]):.1f}x" for n in names[1:])
               + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "stores"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wbkg-stores-") as work:
        for size in (int(s) for s in args.sizes.split(",")):
            figures = measure(size, args.reps, Path(work))
            (out / f"{size}.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
            print(table(figures), flush=True)


if __name__ == "__main__":
    main()
