"""What the other commands need of a build: whether it is up to date, bringing it up to date (an incremental
build), and reading it: its store, its SHACL report, its merged graph, its figures."""
from __future__ import annotations

import json

from rdflib import Graph
from rdflib.namespace import RDF, SH

from ..errors import CheckFailed, UsageError
from ..vocab.namespaces import DRAFT_GRAPH, DRAFTS_GRAPH, INFERRED_GRAPH, bind_prefixes
from ..project import Project
from ..rdfio import parse_turtle
from ..reason.rules import materialise_rules
from ..shacl.engine import ShaclReport, count_shapes, load_shapes
from ..store import backend as store_backend
from .manifest import core_file, input_stats, pending, read_manifest, scale_dir, stats_file, store_dir, write_manifest
from .views import store_view


def is_fresh(project: Project) -> bool:
    """The build's store holds the graph of the inputs as they are now (sizes and modification times)."""
    manifest = read_manifest(project)
    return (bool(manifest) and store_dir(project).exists() and not pending(scale_dir(project))
            and manifest.get("files") == input_stats(project))


def ensure_built(project: Project, *, progress: bool = True) -> bool:
    """Bring the build up to date (an incremental `wbkg build`) when an input changed since the last one;
    return whether the graph passes every check. Input errors raise InputError (exit 2)."""
    if not is_fresh(project):
        from .run import build
        return build(project, progress=progress).ok
    return bool(read_manifest(project).get("ok"))


def open_build_store(project: Project, *, backend: str = "oxigraph", inferred: bool = False,
                     progress: bool = True, include_drafts: bool = False):
    """The build's store, after ``ensure_built``: the persistent Oxigraph store opened read-only, or
    (``backend`` another registered store) a copy of it loaded into that backend. ``inferred``: queries also
    see the OWL RL closure (graph:inferred), materialised in the store the first time it is asked for.
    ``include_drafts``: the drafts (wbkg ingest) too, which are otherwise left out."""
    store_backend(backend)  # an unknown backend is a usage error before any work
    ensure_built(project, progress=progress)
    return open_built_store(project, backend=backend, inferred=inferred, include_drafts=include_drafts)


def open_built_store(project: Project, *, backend: str = "oxigraph", inferred: bool = False,
                     include_drafts: bool = False):
    """The build's store as it is (``open_build_store`` without bringing it up to date first)."""
    store = open_persistent_store(project, require_fresh=False, inferred=inferred, include_drafts=include_drafts)
    if store is None:
        raise UsageError(f"{project.build_dir}: no build store; run `wbkg build`", parameter="--root")
    if backend == "oxigraph":
        return store
    skip = [DRAFTS_GRAPH] + ([] if inferred else [INFERRED_GRAPH])
    if not include_drafts:
        skip += [g.value for g in store.store.named_graphs() if g.value.startswith(str(DRAFT_GRAPH))]
    return store_backend(backend).from_exports(store.dump_nquads(skip=skip), b"")


def require_passing(project: Project, what: str) -> None:
    """``ensure_built``, then CheckFailed (exit 1) when the graph fails a check: nothing failing is served
    or exported."""
    if not ensure_built(project):
        raise CheckFailed(f"the graph fails its checks ({project.build_dir / 'check-report.txt'}); {what}")


def build_stats(project: Project) -> dict:
    """The figures of the last build (``wbkg stats``), after ``ensure_built``."""
    ensure_built(project)
    return json.loads(stats_file(project).read_text(encoding="utf-8"))


def data_graph(project, extra=()):
    """The graph SHACL and HermiT see, from the build (brought up to date first): every content graph merged
    with the ontology (build/scale/merge-without-view.nt), plus the Turtle files in ``extra``."""
    ensure_built(project)
    merged = bind_prefixes(Graph())
    merged.parse(core_file(project), format="nt")
    for path in extra:
        parse_turtle(path, merged)
    return merged


def build_report(project):
    """The SHACL report of the build (brought up to date first), as a shacl.engine.ShaclReport."""
    ensure_built(project)
    graph = bind_prefixes(Graph()).parse(project.build_dir / "shacl-report.ttl", format="turtle")
    text = (project.build_dir / "shacl-report.txt").read_text(encoding="utf-8")
    conforms = all(bool(c.toPython()) for c in graph.objects(None, SH.conforms))
    results = len(set(graph.subjects(RDF.type, SH.ValidationResult)))
    return ShaclReport(conforms, graph, text, results, count_shapes(load_shapes(project.shapes_dir)))


def open_persistent_store(project: Project, *, require_fresh: bool = True, inferred: bool = False,
                          include_drafts: bool = False):
    """The Oxigraph store of the last build, opened read-only, or None when there is none (or,
    with ``require_fresh``, when an input changed since; or, with ``inferred``, when it holds no closure).
    Reviewed facts only, unless ``include_drafts``: then the drafts' graphs too, and their triples in the
    default graph."""
    path = store_dir(project)
    manifest = read_manifest(project)
    if not manifest or not path.exists():
        return None
    if require_fresh and manifest.get("files") != input_stats(project):
        return None
    if inferred and not manifest.get("inferred"):
        # the first --inferred query materialises the closure (then it stays until the next build)
        try:
            writable = store_backend("oxigraph")(path)
            materialise_rules(writable, parse_turtle(project.ontology_file))
            writable.store.flush()
            del writable
            import gc
            gc.collect()
        except OSError as exc:  # RocksDB allows one writer: a build is running
            raise UsageError(f"{path}: the store is being written by another wbkg process ({exc}); try again "
                             "when it has finished", parameter="--inferred") from exc
        manifest["inferred"] = True
        write_manifest(project, manifest)
    return store_view(store_backend("oxigraph")(path, read_only=True), inferred=inferred,
                      include_drafts=include_drafts)
