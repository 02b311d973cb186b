"""Times every stored query of a built project, in process; bench/run.py runs it as a child whose PYTHONPATH is
the measured checkout's src/, so that it measures that checkout's code.

Usage: ``python bench/query_timer.py ROOT REPS PARAMS_JSON [auto|wbkg|pyoxigraph]``; prints one JSON line:
``{query name: {"times": [...], "rows": n}, "_via": how}``.

The checkout may be older or newer than this file, and its internals move. So the script looks up the pieces
it needs by name (``Project``, ``stored_queries``, ``open_persistent_store`` / ``open_snapshot_store``)
wherever they live in the checkout's ``wbkg`` package, and calls them as the code of 2025-10 does
(``store.query(text, prepared, bindings)``). When one is missing or that call fails (``auto``), or when asked
(``pyoxigraph``), it runs the same query texts with pyoxigraph directly on the store the build left
(``build/oxigraph``, else the build's N-Quads and N-Triples exports loaded in memory), binding the parameters
as Oxigraph substitutions, as wbkg does. ``_via`` says which way was taken: compare runs taken the same way.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time
from pathlib import Path

SLOW = 10.0  # seconds: a query this slow is timed fewer times (the tables show how many)
ID = "https://w3id.org/wbkg/id/"
PARAM_LINE = re.compile(r"^#\s*param\s*:\s*\?(\w+)\s+(\w+)\s", re.IGNORECASE)


def find(attr: str, preferred: tuple[str, ...]):
    """``attr`` from the first module of ``preferred`` that has it, else from any module of the package."""
    for name in preferred:
        try:
            module = importlib.import_module(name)
        except Exception:
            continue
        if hasattr(module, attr):
            return getattr(module, attr)
    import wbkg
    for info in pkgutil.walk_packages(wbkg.__path__, "wbkg."):
        if info.name in preferred or ".server" in info.name:
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        if hasattr(module, attr):
            return getattr(module, attr)
    raise LookupError(f"no {attr} in the wbkg package at {wbkg.__path__[0]}")


def time_one(run, reps: int) -> tuple[list[float], int]:
    times, rows = [], 0
    for _ in range(reps):
        t = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t)
        if times[-1] > SLOW:
            break
    return times, rows


def with_wbkg(root: Path, reps: int, params: dict) -> dict:
    Project = find("Project", ("wbkg.project", "wbkg.paths"))
    project = Project(root)
    store = None
    for attr, kwargs in (("open_persistent_store", {"require_fresh": False}), ("open_snapshot_store", {})):
        try:
            opener = find(attr, ("wbkg.pipeline.access", "wbkg.scale", "wbkg.store"))
        except LookupError:
            continue
        try:
            store = opener(project, **kwargs)
        except TypeError:
            store = opener(project)
        if store is not None:
            via = f"wbkg ({attr})"
            break
    if store is None:
        raise LookupError("no store of the last build (neither persistent nor a snapshot of the exports)")
    stored_queries = find("stored_queries", ("wbkg.query.stored", "wbkg.queries"))
    out: dict = {"_via": via}
    for name, query in stored_queries(root / "queries").items():
        bindings = query.bindings(params.get(name, {}))
        query.prepared  # parsed once, outside the timing (wbkg caches it)
        times, rows = time_one(lambda: len(store.query(query.text, query.prepared, bindings)), reps)
        out[name] = {"times": times, "rows": rows}
    return out


def raw_store(root: Path):
    import pyoxigraph as ox
    path = root / "build" / "oxigraph"
    if path.is_dir():
        return ox.Store.read_only(str(path)), "pyoxigraph (build/oxigraph)"
    store = ox.Store()
    store.bulk_load(path=str(root / "build" / "wbkg.nq"), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(root / "build" / "wbkg.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store, "pyoxigraph (the build's exports, in memory)"


def term(ox, kind: str, value: str):
    if kind != "iri":
        return ox.Literal(value)
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    if value.startswith("id:"):
        return ox.NamedNode(ID + value[3:])
    return ox.NamedNode(value)


def with_pyoxigraph(root: Path, reps: int, params: dict) -> dict:
    import pyoxigraph as ox
    store, via = raw_store(root)
    out: dict = {"_via": via}
    for path in sorted((root / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        kinds = dict(m.groups() for m in map(PARAM_LINE.match, text.splitlines()) if m)
        substitutions = {ox.Variable(k): term(ox, kinds.get(k, "iri"), v) for k, v in params.get(path.stem, {}).items()}

        def run():
            answer = store.query(text, substitutions=substitutions)
            return 1 if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)
        times, rows = time_one(run, reps)
        out[path.stem] = {"times": times, "rows": rows}
    return out


def main(argv: list[str]) -> int:
    root, reps, params = Path(argv[0]), int(argv[1]), json.loads(argv[2])
    how = argv[3] if len(argv) > 3 else "auto"
    result = None
    if how in ("auto", "wbkg"):
        try:
            result = with_wbkg(root, reps, params)
        except Exception as exc:  # moved or changed internals: measure the same queries another way
            if how == "wbkg":
                raise
            fallback = f"{type(exc).__name__}: {exc}"[:200]
    if result is None:
        result = with_pyoxigraph(root, reps, params)
        if how == "auto":
            result["_fallback"] = fallback
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
