"""The process pool of a build: workers forked with the build's read-only context, so that grounding and
per-article SHACL run on every core without pickling the entities for each task."""
from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager

_CTX: dict = {}  # the worker's read-only context, set before the pool forks


def jobs_default() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def init_worker(ctx, shapes, ontology_nt: str) -> None:
    from ..shacl.full_pass import set_worker_shapes
    _CTX["ctx"] = ctx
    _CTX["shapes"] = shapes
    _CTX["ontology_nt"] = ontology_nt
    set_worker_shapes(shapes)


def context(name: str = "ctx"):
    return _CTX[name]


@contextmanager
def pool(jobs: int, ctx, shapes, ontology_nt: str):
    """A pool of ``jobs`` forked workers (None for one job: the work runs in this process)."""
    init_worker(ctx, shapes, ontology_nt)
    workers = multiprocessing.get_context("fork").Pool(jobs, initializer=init_worker,
                                                       initargs=(ctx, shapes, ontology_nt)) if jobs > 1 else None
    try:
        yield workers
    finally:
        if workers is not None:
            workers.close()
            workers.join()


def mapped(workers, function, items, chunksize: int = 1):
    """``function`` over ``items`` on the pool (results in completion order), or here when there is none."""
    return workers.imap_unordered(function, items, chunksize=chunksize) if workers else map(function, items)
