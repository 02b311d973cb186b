"""The incremental global pass: the records of the full pass's two calls on the new merge, computed by
validating again only the focus nodes a change can reach (docs/SHACL-INCREMENTAL.md)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..engine import run_shacl, sparql_shapes
from ..full_pass import full_global
from ..records import GlobalRecords, result_records
from ..scope import HOPS
from . import Fallback
from .footprint import affected_shared, candidates, footprint, incoming_reads, shared_input
from .plan import sparql_plans
from .triples import Data, split_line


@dataclass
class IncrementalStats:
    """What the incremental pass did (for the build's timings and tests)."""
    shared_fallback: str | None = None
    sparql_fallback: str | None = None
    shared_revalidated: int = 0
    sparql_revalidated: int = 0
    shared_input: int = 0
    sparql_input: int = 0
    seconds: dict = field(default_factory=dict)


def _token(iri: str) -> str:
    return iri if iri.startswith("_:") else f"<{iri}>"


def _iri(token: str) -> str:
    return token[1:-1] if token.startswith("<") else token


def incremental_global(shapes: Graph, store, added, removed, previous: GlobalRecords | None,
                       shared_nodes: list[str], core_file: Path, work_dir: Path, *,
                       shapes_key: str | None = None, hops: int = HOPS, limit: int = 200_000,
                       stats: IncrementalStats | None = None) -> GlobalRecords:
    """The records of the full pass's two calls (``full_pass.full_global``) on the new merge, validating
    again only what can change.

    ``added`` / ``removed``: the N-Triples lines (with their newline) that the new merge without the view
    (``core_file``, sorted, each triple once) has and the previous one had not, and the reverse.
    ``previous``: the ``GlobalRecords`` of the previous build (``GlobalRecords.load``), or None.
    ``shared_nodes``: call A's focus nodes on the new data (as ``global_pass.focus_partition`` computes them).
    ``store``: the build's Oxigraph store (``pyoxigraph.Store`` or ``store.OxigraphStore``) after the update:
    its default graph (the merge with the schema view) answers look-ups by object, which are checked
    against ``core_file`` (the engine never sees the store's terms).
    ``work_dir``: where a fallback writes its scoped inputs.
    ``shapes_key``: what identifies the shapes (the build's hash of shapes/); a different key in
    ``previous`` means the full calls.
    Returns the new ``GlobalRecords`` (``.all()`` is what ``global_shacl`` merges); ``stats`` is filled with
    what was done and why a call fell back. The argument: docs/SHACL-INCREMENTAL.md.
    """
    stats = stats if stats is not None else IncrementalStats()
    t0 = time.perf_counter()
    added, removed = set(added), set(removed)
    shared_new = {_token(n) for n in shared_nodes}
    reason = None
    if previous is None:
        reason = "no previous records"
    elif shapes_key is not None and previous.shapes_key != shapes_key:
        reason = "the shapes changed"
    if reason is not None:
        stats.shared_fallback = stats.sparql_fallback = reason
        out = full_global(shapes, shared_nodes, core_file, work_dir, shapes_key)
        stats.seconds["total"] = time.perf_counter() - t0
        return out
    changed = [split_line(line) for line in sorted(added | removed)]
    data = Data(core_file, store, removed)
    try:
        # call B: the focus nodes to validate again -----------------------------------------------------
        t = time.perf_counter()
        plans, sparql_candidates = [], set()
        try:
            plans = sparql_plans(shapes, Path(work_dir) / "shacl-plans.pickle", shapes_key)
            for plan in plans:
                sparql_candidates |= candidates(plan, data, changed)
        except Fallback as e:
            stats.sparql_fallback = str(e)
        stats.seconds["sparql"] = time.perf_counter() - t
        # call A: the focus nodes to validate again -----------------------------------------------------
        t = time.perf_counter()
        try:
            incoming = incoming_reads(shapes)
            shared_focus = affected_shared(data, changed, shared_new, hops, limit, incoming)
            shared_focus |= shared_new - {_token(n) for n in previous.shared_nodes}  # newly shared
            if stats.sparql_fallback:
                raise Fallback("the SPARQL-based shapes' footprints are unknown: " + stats.sparql_fallback)
            shared_focus |= sparql_candidates & shared_new
            if len(shared_focus) > limit:
                raise Fallback(f"more than {limit} shared nodes to validate again")
        except Fallback as e:
            stats.shared_fallback = str(e)
        stats.seconds["shared"] = time.perf_counter() - t
        # the calls that fell back, in full (both at once: their inputs are written in one pass) ---------
        t = time.perf_counter()
        full_calls = [call for call, why in (("shared", stats.shared_fallback), ("sparql", stats.sparql_fallback))
                      if why]
        full = full_global(shapes, shared_nodes, core_file, work_dir, shapes_key, calls=full_calls) \
            if full_calls else None
        if full_calls:
            stats.seconds["full"] = time.perf_counter() - t
        # call B -----------------------------------------------------------------------------------------
        t = time.perf_counter()
        if stats.sparql_fallback:
            sparql_records = full.sparql
        else:
            focus = {c for c in sparql_candidates if c.startswith("<")}
            keep = [r for r in previous.sparql if _token(r[0]) not in focus]
            fresh = []
            if focus:
                lines = set()
                for plan in plans:
                    lines |= footprint(plan, data, focus)
                stats.sparql_input = len(lines)
                _, report, _ = run_shacl("".join(sorted(lines)), shapes, use_shapes=sparql_shapes(shapes))
                fresh = [r for r in result_records(report) if _token(r[0]) in focus]
            stats.sparql_revalidated = len(focus)
            sparql_records = keep + fresh
            stats.seconds["sparql"] += time.perf_counter() - t
        # call A -----------------------------------------------------------------------------------------
        t = time.perf_counter()
        if stats.shared_fallback:
            shared_records = full.shared
        else:
            focus = shared_focus
            keep = [r for r in previous.shared if _token(r[0]) in shared_new and _token(r[0]) not in focus]
            fresh = []
            if focus:
                lines = shared_input(data, focus, hops, incoming)
                for plan in plans:
                    lines |= footprint(plan, data, focus)
                stats.shared_input = len(lines)
                _, report, _ = run_shacl("".join(sorted(lines)), shapes,
                                         focus_nodes=sorted(_iri(n) for n in focus))
                fresh = [r for r in result_records(report) if _token(r[0]) in focus]
            stats.shared_revalidated = len(focus)
            shared_records = keep + fresh
            stats.seconds["shared"] += time.perf_counter() - t
    finally:
        data.close()
    stats.seconds["total"] = time.perf_counter() - t0
    return GlobalRecords(sorted(set(shared_records)), sorted(set(sparql_records)), list(shared_nodes), shapes_key)
