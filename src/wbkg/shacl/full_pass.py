"""The global SHACL pass in full: its two engine calls on the merge of every named graph but the schema view,
each on the part of the merge its shapes can read (``scope``). A full build runs it (``global_pass``), and
so does an incremental one when it cannot redo only part of it (``incremental.run``).

* call A (``shared``): every shape, for the focus nodes shared between graphs;
* call B (``sparql``): the SPARQL-based shapes, for every focus node.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .engine import run_shacl, sparql_shapes
from .records import GlobalRecords, result_records
from .scope import WholeGraph, shapes_read, write_scoped_inputs

CALLS = ("shared", "sparql")

_WORKER: dict = {}  # a pool worker's shapes (set_worker_shapes), so that a call sends a file name only


def set_worker_shapes(shapes: Graph) -> None:
    """Give the process the shapes its calls in a pool use (the build's pool initializer calls this)."""
    _WORKER["shapes"] = shapes


def scoped_inputs(shapes: Graph, shared_nodes, core_file: Path, work_dir: Path) -> tuple[Path, Path]:
    """The inputs of call A and call B, written from the merge (``core_file``: sorted N-Triples, each triple
    once) into ``work_dir``: the triples their shapes can read (``scope.write_scoped_inputs``; call A's for
    ``shared_nodes``), or the merge itself when the shapes may read anything."""
    try:
        read = shapes_read(shapes, sparql_shapes(shapes))
    except WholeGraph:
        return Path(core_file), Path(core_file)
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    sparql_file, shared_file = work_dir / "global-sparql-input.nt", work_dir / "global-shared-input.nt"
    write_scoped_inputs(Path(core_file), shared_nodes, read, sparql_file, shared_file)
    return shared_file, sparql_file


def run_call(path: Path | str, shapes: Graph, options: dict) -> list[tuple[str, str]]:
    """One call on an input file of N-Triples, each triple once (the engine reads a plain graph much faster
    than a dataset): its result records."""
    _, report, _ = run_shacl(Path(path).read_text(encoding="utf-8"), shapes, **options)
    return result_records(report)


def _run_in_worker(path: str, options: dict) -> list[tuple[str, str]]:
    """``run_call`` in a pool worker, with the shapes of its context: the input is read from the file, as
    passing the text would copy it through a pipe."""
    return run_call(path, _WORKER["shapes"], options)


def full_global(shapes: Graph, shared_nodes: list[str], core_file: Path, work_dir: Path,
                shapes_key: str | None = None, *, calls=CALLS, pool=None) -> GlobalRecords:
    """The records of the pass's ``calls`` (both unless told) on the merge ``core_file``, for call A's focus
    nodes ``shared_nodes``; their inputs are written under ``work_dir``. With ``pool`` (a process pool whose
    workers called ``set_worker_shapes``), the two calls, independent and single-threaded, run side by side.
    A call not made has no records."""
    sparql = sparql_shapes(shapes)
    shared_file, sparql_file = scoped_inputs(shapes, shared_nodes if "shared" in calls else [], core_file,
                                             work_dir)
    jobs = {}
    if "shared" in calls:
        jobs["shared"] = (shared_file, {"focus_nodes": list(shared_nodes)})
    if "sparql" in calls and sparql:
        jobs["sparql"] = (sparql_file, {"use_shapes": sparql})
    if pool is not None:
        pending = {call: pool.apply_async(_run_in_worker, (str(path), options))
                   for call, (path, options) in jobs.items()}
        found = {call: [tuple(r) for r in job.get()] for call, job in pending.items()}
    else:
        found = {call: run_call(path, shapes, options) for call, (path, options) in jobs.items()}
    return GlobalRecords(found.get("shared", []), found.get("sparql", []), list(shared_nodes), shapes_key)
